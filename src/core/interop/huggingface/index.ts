/** Hugging Face model metadata: model-card front matter and Hub / catalogue JSON records. */
export { hfCardModule } from './hf-card-module.ts';
export { hfHubModule, catalogueModelId, GGUF_CATALOGUE } from './hf-hub-module.ts';
export { inferBaseModelRelation, BASE_MODEL_RELATIONS, type BaseModelRelation } from './base-model-relation.ts';
