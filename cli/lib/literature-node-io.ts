/** Node side of the embedding runtime: model folders on disk and ORT's local .wasm files. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModelFolderIo, OrtBuild, RuntimeOptions } from '../../src/embed/index.ts';
import { parseCorpusFile, parseJsonlLines, type ParsedCorpus } from './literature-parse.ts';

export function nodeFolderIo(dir: string): ModelFolderIo {
  return {
    async read(name) {
      try {
        return new Uint8Array(await readFile(join(dir, name)));
      } catch (e) {
        throw new Error(`${join(dir, name)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    },
  };
}

/**
 * The folder of onnxruntime-web's own .wasm/.mjs files in node_modules, as a file URL, so
 * that the indexer never asks a CDN for them. ORT's Node build runs
 * `ort-wasm-simd-threaded.wasm`: the very WebAssembly the browser's WASM path runs.
 */
function nodeWasmPaths(): string {
  const entry = createRequire(import.meta.url).resolve('onnxruntime-web');
  return pathToFileURL(dirname(entry)).href + '/';
}

/**
 * Runtime options of the Node tools: ORT's Node build (`import 'onnxruntime-web'` under
 * Node), on WASM, one thread unless told otherwise. The same build answers for WebGPU,
 * which it does not have: asked for it, ORT itself says so.
 */
export function nodeRuntimeOptions(): RuntimeOptions {
  return { loadBuild: loadNodeBuild };
}

async function loadNodeBuild(): Promise<OrtBuild> {
  return { ort: await import('onnxruntime-web'), wasmPaths: nodeWasmPaths() };
}

export async function writeFolder(dir: string, files: ReadonlyMap<string, Uint8Array | string>): Promise<void> {
  for (const [name, data] of files) {
    const path = join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  }
}

/** The files of a model folder on disk: its raireki-model.json and every file it lists. */
export async function readModelFolder(dir: string): Promise<Map<string, Uint8Array>> {
  const io = nodeFolderIo(dir);
  const manifestBytes = await io.read('raireki-model.json');
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as { files?: Record<string, unknown> };
  const files = new Map([['raireki-model.json', manifestBytes]]);
  for (const name of Object.keys(manifest.files ?? {})) files.set(name, await io.read(name));
  return files;
}

/**
 * A corpus file parsed (parseCorpusFile's formats): JSONL is decoded line by line from the
 * bytes, as a million records (~700 MB) is more text than one JavaScript string may hold.
 */
export async function readCorpusFile(path: string): Promise<ParsedCorpus> {
  const bytes = await readFile(path);
  if (/\.csv$/i.test(path)) return parseCorpusFile(path, bytes.toString('utf8'));
  const decoder = new TextDecoder();
  function* lines(): Generator<string> {
    let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    while (start <= bytes.length) {
      let end = bytes.indexOf(0x0a, start);
      if (end < 0) end = bytes.length;
      yield decoder.decode(bytes.subarray(start, end));
      start = end + 1;
    }
  }
  return parseJsonlLines(lines());
}
