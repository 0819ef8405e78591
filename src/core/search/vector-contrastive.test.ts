import { describe, expect, it } from 'vitest';
import { Prng } from '../../testing/prng.ts';
import { heldOutMrr, refineContrastive, type ContrastivePair, type HeldOut } from './vector-contrastive.ts';
import { contrastivePairs, HELD_OUT_DOCS, MIN_CONTRASTIVE_PASSAGES } from './vector-contrastive-pairs.ts';

/**
 * A corpus of topics: each document draws its words from one topic's 12 words plus common
 * words every topic shares. A query is a few words of a document, its passage the rest.
 * Rows are word ids (row 0 is the zero row).
 */
const TOPICS = 40;
const TOPIC_WORDS = 12;
const COMMON = 30;
const ROWS = 1 + TOPICS * TOPIC_WORDS + COMMON;
const DIMS = 16;

/** `count` pairs of topics in [from, to). */
function pairsOf(seed: number, count: number, from = 0, to = TOPICS): ContrastivePair[] {
  const prng = new Prng(seed);
  const word = (topic: number) => 1 + topic * TOPIC_WORDS + prng.int(TOPIC_WORDS);
  const common = () => 1 + TOPICS * TOPIC_WORDS + prng.int(COMMON);
  return Array.from({ length: count }, () => {
    const topic = from + prng.int(to - from);
    const query = Int32Array.from([word(topic), word(topic), common(), common()]);
    const passage = Int32Array.from([...Array.from({ length: 6 }, () => word(topic)), ...Array.from({ length: 6 }, common)]);
    return { query, passage };
  });
}

function randomTable(seed: number): Float32Array {
  const prng = new Prng(seed);
  const t = new Float32Array(ROWS * DIMS);
  for (let i = DIMS; i < t.length; i++) t[i] = prng.next() * 2 - 1;
  return t;
}

const weight = new Float64Array(ROWS).fill(1);
const options = (seed: number) => {
  const prng = new Prng(seed);
  return { epochs: 6, batch: 32, temperature: 0.1, learningRate: 0.3, random: () => prng.next() };
};

describe('contrastive refinement of the static table', () => {
  const heldOut: HeldOut = { pairs: pairsOf(2, 120), distractors: pairsOf(3, 200).map((p) => p.passage) };
  const unseen: HeldOut = { pairs: pairsOf(4, 120), distractors: pairsOf(5, 200).map((p) => p.passage) };

  it('brings queries nearer their own passages, also on pairs it was never shown', () => {
    const table = randomTable(1);
    const before = heldOutMrr(table, DIMS, weight, unseen);
    const result = refineContrastive(table, DIMS, weight, (e) => pairsOf(100 + e, 2000), heldOut, options(9));
    const after = heldOutMrr(table, DIMS, weight, unseen);
    expect(result.keptEpochs).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(before + 0.1);
    expect(result.reports[result.keptEpochs]!.heldOutMrr).toBeGreaterThan(result.reports[0]!.heldOutMrr);
  });

  it('keeps the input table when training ranks the held-out pairs worse', () => {
    const table = randomTable(1);
    const input = table.slice();
    // Held-out queries of the first half of the topics paired with passages of the second
    // half, their own passages among the distractors: the more the table learns the corpus,
    // the lower the paired passages rank.
    const queries = pairsOf(2, 120, 0, TOPICS / 2);
    const others = pairsOf(3, 120, TOPICS / 2, TOPICS);
    const mismatched: HeldOut = {
      pairs: queries.map((p, i) => ({ query: p.query, passage: others[i]!.passage })),
      distractors: queries.map((p) => p.passage),
    };
    const result = refineContrastive(table, DIMS, weight, (e) => pairsOf(100 + e, 2000), mismatched, options(9));
    expect(result.keptEpochs).toBe(0);
    expect(Array.from(table)).toEqual(Array.from(input));
  });

  it('is deterministic for a seed', () => {
    const a = randomTable(1);
    const b = randomTable(1);
    refineContrastive(a, DIMS, weight, (e) => pairsOf(100 + e, 500), heldOut, { ...options(9), epochs: 2 });
    refineContrastive(b, DIMS, weight, (e) => pairsOf(100 + e, 500), heldOut, { ...options(9), epochs: 2 });
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe('contrastive pairs drawn from the corpus', () => {
  const text = (i: number) => `Document ${i} reports finding ${i % 97} in patients. The second sentence of document ${i} adds detail number ${i}.`;
  const features = (t: string) => Int32Array.from(new Set(t.toLowerCase().match(/\w+/g)!.map((w) => w.length * 1000 + w.charCodeAt(0))));

  it('gives none for a corpus too small to set enough documents apart', () => {
    const texts = Array.from({ length: MIN_CONTRASTIVE_PASSAGES - 1 }, (_, i) => text(i));
    const prng = new Prng(1);
    expect(contrastivePairs(texts, features, () => prng.next())).toBeNull();
  });

  it('sets documents apart that neither train nor serve as distractors', () => {
    const texts = Array.from({ length: MIN_CONTRASTIVE_PASSAGES }, (_, i) => text(i));
    const prng = new Prng(1);
    const seen: string[] = [];
    const source = contrastivePairs(texts, (t) => (seen.push(t), features(t)), () => prng.next())!;
    expect(source.heldOut.length).toBeGreaterThan(HELD_OUT_DOCS * 0.9);
    const heldQueries = seen.length;
    const train = source.pairsForEpoch(1);
    expect(train.length).toBeGreaterThan((texts.length - HELD_OUT_DOCS) * 0.9);
    // Every text featurised after the held-out pairs belongs to a training document, and no
    // distractor is a held-out document.
    const trainTexts = seen.slice(heldQueries);
    const heldDocs = new Set(texts.map((_, i) => i).filter((i) => !source.distractorDocs.includes(i)));
    expect(heldDocs.size).toBeGreaterThanOrEqual(HELD_OUT_DOCS);
    const heldIds = new Set(seen.slice(0, heldQueries).flatMap((t) => t.match(/document (\d+)/gi) ?? []));
    for (const t of trainTexts) for (const m of t.match(/document (\d+)/gi) ?? []) expect(heldIds.has(m)).toBe(false);
    for (const d of source.distractorDocs) expect(heldIds.has(`document ${d}`)).toBe(false);
  });
});
