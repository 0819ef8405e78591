/**
 * Embedding and NLI runtime: model folders (ONNX + tokenizer + raireki-model.json) run by
 * onnxruntime-web, identically in a browser worker and in the Node indexer.
 */
export { createEmbedder, createEmbedderFromFolder, type Embedder, type EmbedderOptions, type RuntimeReport, type TextRole } from './create-embedder.ts';
export type { BackendChoice, Timing } from './choose-backend.ts';
export { loadModelFolder, memoryFolderIo, sha256Hex, type ModelFolder, type ModelFolderIo } from './model-folder.ts';
export {
  MODEL_FORMAT,
  MODEL_MANIFEST_FILE,
  MODEL_TASKS,
  NLI_LABELS,
  expectTask,
  manifestTask,
  parseAnyModelManifest,
  parseModelManifest,
  parseNliManifest,
  type AnyModelManifest,
  type ModelManifest,
  type ModelTask,
  type NliLabel,
  type NliManifest,
} from './model-manifest.ts';
export { createNliModel, createNliModelFromFolder, nliScores, type NliModel, type NliModelOptions, type NliPair, type NliScores } from './nli-model.ts';
export { fetchModelFolderIo } from './fetch-model-folder.ts';
export { SUPPORTED_BACKENDS, type Backend, type OrtBuild, type RuntimeOptions } from './ort-session.ts';
export { MAX_WASM_THREADS, wasmThreadCount } from './thread-count.ts';
// browser-runtime.ts is imported by the workers directly: its `?url` imports exist only in Vite.
