/// <reference lib="webworker" />
/**
 * Worker entry for literature search: onnxruntime-web and the model live here, away from
 * the page and from the explorer's worker. This script carries the keyword search only;
 * ORT's WASM-only build (its JS chunk, `.wasm` and `.mjs`, all our own assets, never a CDN)
 * is imported on the first semantic query, its WebGPU build only where a probe found an
 * adapter (src/embed/browser-runtime.ts).
 */
import { z } from 'zod';
import { browserRuntimeOptions } from '../embed/browser-runtime.ts';
import type { PackFileAccess } from '../platform/index.ts';
import { LiteratureSession } from './literature-session.ts';
import { packSource } from './literature-sources.ts';
import { sameOriginUrl } from './fetch-io.ts';
import { serve, type Progress } from './rpc.ts';

z.config({ jitless: true });

const session = new LiteratureSession(browserRuntimeOptions());

const api = {
  /** Opens the index at a folder URL, or the literature of a role's pack, read against its signed manifest. */
  open: (args: { url: string } | { pack: { url: string; access: PackFileAccess } }, progress: (p: Progress) => void) =>
    session.open('pack' in args ? packSource(sameOriginUrl(args.pack.url, self.location.href, self.location.origin), args.pack.access) : sameOriginUrl(args.url, self.location.href, self.location.origin), progress),
  check: (args: { text: string }, progress: (p: Progress) => void) => session.check(args.text, progress),
  search: (args: { query: string; k: number; semantic: boolean }, progress: (p: Progress) => void) => session.search(args.query, args.k, args.semantic, progress),
};

export type LiteratureApi = typeof api;


serve(api, (err) => ({ message: err instanceof Error ? err.message : String(err) }));
