/** Folder I/O in the browser (a model folder, a literature index): same-origin fetches relative to the folder's URL. */
import type { ModelFolderIo } from './model-folder.ts';

export function fetchModelFolderIo(folderUrl: string | URL, origin?: string): ModelFolderIo {
  const base = new URL(folderUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  if (origin !== undefined && base.origin !== origin) {
    throw new Error(`models are only loaded from this site (refused ${base.origin})`);
  }
  return {
    async read(name) {
      const res = await fetch(new URL(name, base), { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
