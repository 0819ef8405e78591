/** Node side of the embedding runtime: model folders on disk and ORT's local .wasm files. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModelFolderIo } from '../../src/embed/index.ts';

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
 * The folder of onnxruntime-web's own .wasm/.mjs files in node_modules, as a file URL:
 * the indexer runs the very WASM build the browser gets, and never asks a CDN for it.
 */
export function nodeWasmPaths(): string {
  const entry = createRequire(import.meta.url).resolve('onnxruntime-web');
  return pathToFileURL(dirname(entry)).href + '/';
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
