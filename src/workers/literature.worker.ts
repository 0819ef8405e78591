/// <reference lib="webworker" />
/**
 * Worker entry for literature search: onnxruntime-web and the model live here, away from
 * the page and from the explorer's worker. ORT's .wasm is bundled as our own asset (never
 * a CDN); Vite gives its same-origin URL.
 */
import wasm from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import { z } from 'zod';
import { LiteratureSession } from './literature-session.ts';
import { sameOriginUrl } from './fetch-io.ts';
import { serve, type Progress } from './rpc.ts';

z.config({ jitless: true });

const session = new LiteratureSession({ wasmPaths: { wasm: new URL(wasm, self.location.href).href } });

const api = {
  open: (args: { url: string }, progress: (p: Progress) => void) => session.open(sameOriginUrl(args.url, self.location.href, self.location.origin), progress),
  check: (args: { text: string }, progress: (p: Progress) => void) => session.check(args.text, progress),
  search: (args: { query: string; k: number; semantic: boolean }, progress: (p: Progress) => void) => session.search(args.query, args.k, args.semantic, progress),
};

export type LiteratureApi = typeof api;

serve(api, (err) => ({ message: err instanceof Error ? err.message : String(err) }));
