/**
 * For the browser-equals-Node test: embed texts from a page or worker with the very code
 * the app uses and return plain arrays a Playwright test can compare with the golden
 * vectors in fixtures/models/tiny-bert/golden.json (to 1e-4).
 */
import { createEmbedder, type TextRole } from './create-embedder.ts';
import { fetchModelFolderIo } from './fetch-model-folder.ts';
import type { RuntimeOptions } from './ort-session.ts';

export async function embedForParityCheck(
  modelFolderUrl: string,
  wasmPaths: RuntimeOptions['wasmPaths'],
  texts: readonly string[],
  role: TextRole,
): Promise<number[][]> {
  const embedder = await createEmbedder(fetchModelFolderIo(modelFolderUrl), { wasmPaths });
  try {
    return (await embedder.embed(texts, role)).map((v) => Array.from(v));
  } finally {
    await embedder.release();
  }
}
