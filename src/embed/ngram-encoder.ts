/** Input encoder of the static n-gram model: hashed features instead of a vocabulary. */
import { ngramFeatureIds } from '../core/search/vector-ngram-features.ts';
import type { ModelInput } from './model-manifest.ts';
import { padBatch, type TextInputEncoder } from './text-inputs.ts';

export function createNgramEncoder(buckets: number, maxFeatures: number, inputs: readonly ModelInput[]): TextInputEncoder {
  return {
    // Padding id 0 maps to the zero row of the model's table, so no mask input is needed.
    encode: (texts) => padBatch(texts.map((t) => ({ ids: ngramFeatureIds(t, buckets, maxFeatures) })), 0, inputs),
  };
}
