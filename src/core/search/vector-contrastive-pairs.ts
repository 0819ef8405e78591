/**
 * Training pairs for the contrastive stage of the default model (vector-contrastive.ts),
 * drawn from the corpus as the fusion calibration draws its pseudo-queries
 * (pseudo-queries.ts: a sentence, a short phrase of one, or a window of a one-sentence
 * text, taken out of its document, the rest being the passage).
 *
 * Some documents are set apart: their pairs never train and only say, after each epoch,
 * whether the refinement still helps on text it has not seen. A corpus too small to spare
 * enough of them gets no pairs (the SVD table stands).
 */
import { drawPseudoQueries } from './pseudo-queries.ts';
import type { ContrastivePair } from './vector-contrastive.ts';

export interface ContrastivePairSource {
  readonly pairsForEpoch: (epoch: number) => readonly ContrastivePair[];
  readonly heldOut: readonly ContrastivePair[];
  /** Training documents (indices into `texts`) the held-out pairs are ranked among. */
  readonly distractorDocs: readonly number[];
}

/**
 * Documents set apart to judge each epoch. With fewer, the judgement is noise: on our
 * development corpora of 434–1,686 documents (43–170 held out) it accepted epochs that then
 * ranked the real queries worse (e.g. SciFact vector nDCG@10 0.847 → 0.840, MMLU → JMMLU
 * 0.400 → 0.381), while on 5,399 documents (500 held out) it stopped where the real
 * queries gained most (0.597 → 0.678).
 */
export const HELD_OUT_DOCS = 500;
/** The stage runs on corpora that can spare HELD_OUT_DOCS as a tenth of their passages. */
export const MIN_CONTRASTIVE_PASSAGES = 10 * HELD_OUT_DOCS;
/** Distractors at most: enough that ranking is not trivially easy, few enough to score each epoch. */
const MAX_DISTRACTORS = 5000;

/**
 * `texts`: the passages the model trains on; `features(text)`: its feature bucket ids, as
 * the model reads it. Seeded by `random`: a rebuild draws the same pairs.
 */
export function contrastivePairs(texts: readonly string[], features: (text: string) => Int32Array, random: () => number): ContrastivePairSource | null {
  if (texts.length < MIN_CONTRASTIVE_PASSAGES) return null;
  const order = texts.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const held = HELD_OUT_DOCS;
  const docs = (ids: number[]) => ids.map((i) => ({ title: '', text: texts[i]! }));
  const heldDocs = docs(order.slice(0, held));
  const trainDocs = docs(order.slice(held));
  const toPairs = (source: typeof trainDocs) =>
    drawPseudoQueries(source, source.length, random).map((q) => ({ query: features(q.query), passage: features(q.text) }));
  return {
    heldOut: toPairs(heldDocs),
    distractorDocs: order.slice(held, held + MAX_DISTRACTORS),
    pairsForEpoch: () => toPairs(trainDocs),
  };
}
