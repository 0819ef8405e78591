/**
 * Embedding runtime: model folders (ONNX + tokenizer + raireki-model.json) run by
 * onnxruntime-web, identically in a browser worker and in the Node indexer.
 */
export { createEmbedder, createEmbedderFromFolder, type Embedder, type EmbedderOptions, type TextRole } from './create-embedder.ts';
export { loadModelFolder, memoryFolderIo, sha256Hex, type ModelFolder, type ModelFolderIo } from './model-folder.ts';
export { MODEL_FORMAT, MODEL_MANIFEST_FILE, parseModelManifest, type ModelManifest } from './model-manifest.ts';
export { fetchModelFolderIo } from './fetch-model-folder.ts';
export { SUPPORTED_BACKENDS, type Backend, type RuntimeOptions } from './ort-session.ts';
