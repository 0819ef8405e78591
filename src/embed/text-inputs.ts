/** What a tokeniser hands the ONNX session: int64 input tensors for a padded batch. */
import type { ModelInput } from './model-manifest.ts';

export interface EncodedBatch {
  readonly batch: number;
  /** Padded sequence length. */
  readonly length: number;
  /** Row-major [batch, length] int64 data for each graph input. */
  readonly feeds: ReadonlyMap<ModelInput, BigInt64Array>;
  /** 1 for real tokens, 0 for padding: what mean pooling averages over. */
  readonly mask: BigInt64Array;
}

export interface TextInputEncoder {
  encode(texts: readonly string[]): EncodedBatch;
}

/** Packs variable-length id lists into a padded batch. */
export function padBatch(
  rows: readonly { ids: ArrayLike<number>; typeIds?: ArrayLike<number> }[],
  padId: number,
  inputs: readonly ModelInput[],
): EncodedBatch {
  const batch = rows.length;
  const length = Math.max(1, ...rows.map((r) => r.ids.length));
  const ids = new BigInt64Array(batch * length).fill(BigInt(padId));
  const mask = new BigInt64Array(batch * length);
  const types = new BigInt64Array(batch * length);
  rows.forEach((r, b) => {
    for (let t = 0; t < r.ids.length; t++) {
      ids[b * length + t] = BigInt(r.ids[t]!);
      mask[b * length + t] = 1n;
      if (r.typeIds) types[b * length + t] = BigInt(r.typeIds[t]!);
    }
  });
  const feeds = new Map<ModelInput, BigInt64Array>();
  for (const name of inputs) {
    if (name === 'input_ids' || name === 'feature_ids') feeds.set(name, ids);
    else if (name === 'attention_mask') feeds.set(name, mask);
    else feeds.set(name, types);
  }
  return { batch, length, feeds, mask };
}
