import { describe, expect, it } from 'vitest';
import { isValidNode } from './node-check.ts';
import { SnapshotNode } from './schema.ts';
import { NODE_KINDS, NODE_KINDS_V1 } from './vocabulary.ts';
import { Prng } from '../../testing/prng.ts';
import { generateSnapshot } from '../../testing/generate-snapshot.ts';

/** Candidate values per field, valid and not: right type, wrong type, edges of each rule. */
const VALUES: Record<string, unknown[]> = {
  id: ['model:m1', '', 'x'.repeat(512), 'x'.repeat(513), 3, null],
  name: ['Meditron-70B', '', 1, null],
  label: [{ en: 'A' }, { ja: 'あ' }, { en: 'A', ja: 'あ' }, {}, { fr: 'A' }, { en: 1 }, 'A', null, []],
  description: [{ en: 'text' }, {}, 'text'],
  classification: ['public', 'internal', 'restricted', 'phi', 'secret', 'PHI', 0],
  version: ['v1', 1],
  license: ['apache-2.0', null],
  contentHash: [`sha256:${'a'.repeat(64)}`, `sha256:${'A'.repeat(64)}`, `sha256:${'a'.repeat(63)}`, 'a'.repeat(64)],
  createdAt: ['2025-01-02', '2025-01-02T10:00:00Z', '2025-01-02T10:00:00.5+09:00', '2025-1-2', 'yesterday', 20250102],
  url: ['https://example.org', 5],
  tags: [[], ['a', 'b'], ['a', 1], 'a'],
  attributes: [
    {},
    { a: 'x', b: 1, c: true, d: null, e: ['x'] },
    { a: { nested: 1 } },
    { a: [1] },
    { a: { $: '1', type: 'xsd:short' } },
    { a: { $: 'chat', lang: 'fr' } },
    { a: [{ $: 2 }, 'x', null] },
    { a: { $: { x: 1 } } },
    { a: { $: '1', other: 1 } },
    { a: [[1]] },
    [],
    'x',
  ],
  aliases: [['ol:ns/a', 'hf:x/y'], [], [''], ['x'.repeat(513)], 'ol:ns/a'],
  implicit: [true, false, 1],
  bundle: ['ex:b1', '', 2],
  namespace: ['food_delivery', 1],
  columnLineage: [
    [{ field: 'total', inputs: [{ dataset: 'ol:ns/orders', field: 'price', transformation: 'INDIRECT/AGGREGATION' }] }],
    [{ field: 'total', inputs: [], description: 'sum' }],
    [{ field: 'total', inputs: [{ dataset: '', field: 'price' }] }],
    [{ field: 1, inputs: [] }],
    [{ field: 'total' }],
    [{ field: 'total', inputs: [{ dataset: 'd', field: 'f', extra: 1 }] }],
    'total',
  ],
  similarity: [
    [{ space: 'probe', values: { 'model:a': 0.8, 'model:b': 0 } }],
    [{ space: 'probe', method: 'linear CKA', embedding: [0.1, -2] }],
    [{ space: 'probe', values: { 'model:a': 1 }, embedding: [1] }],
    [],
    [{ space: '', values: {} }],
    [{ space: 'probe' }],
    [{ space: 'probe', values: { 'model:a': 1.5 } }],
    [{ space: 'probe', values: { 'model:a': -0.1 } }],
    [{ space: 'probe', values: { '': 0.5 } }],
    [{ space: 'probe', embedding: [] }],
    [{ space: 'probe', embedding: ['1'] }],
    [{ space: 'probe', values: {}, other: 1 }],
    { space: 'probe', values: {} },
  ],
  languages: [['en', 'ja'], [1], 'en'],
  subtype: ['corpus', 'benchmark', 'foundation', 'finetuned', 'pretraining', 'inference', 'access', 'person', 'organization', 'batch', 'plan', 'collection', 'unknown', '', 3],
  containsPhi: [true, false, 'yes', 1],
  recordCount: [0, 12, -1, 1.5, 2 ** 53, '3'],
  parameterCount: [0, 7e10, -1, 1.5, '7B'],
  architecture: ['llama', 7],
  startedAt: ['2025-01-02T10:00:00Z', 'soon'],
  endedAt: ['2025-01-02', 0],
  benchmark: ['MedQA', 1],
  metric: ['accuracy', null],
  value: [0.71, -3, 1e300, '0.7'],
  text: ['What is the dose?', '', 2],
  language: ['ja', 1],
  authors: [['A. B.'], [], [1], 'A. B.'],
  year: [2023, -5, 2023.5, '2023'],
  source: ['Nature', 1],
  identifiers: [{ doi: '10.1/x' }, { doi: 1 }, {}, ['x']],
  role: ['clinician', 1],
  affiliation: ['Ward 7', null],
  unlearning: [
    { modelBefore: 'm:a', modelAfter: 'm:b', forgetSet: 'd:f', method: 'salun', metrics: [{ measure: 'forget-accuracy', before: 'e:1', after: 'e:2' }] },
    { modelBefore: 'm:a', modelAfter: 'm:b', forgetSet: 'd:f', retainSet: 'd:r', method: 'other', methodDetail: 'x', metrics: [], thresholds: { forgetGap: 1, miaChance: -1 } },
    { modelBefore: 'm:a', modelAfter: 'm:b', forgetSet: 'd:f', method: 'salun', metrics: [], thresholds: { forgetGap: -1 } },
    { modelBefore: 'm:a', modelAfter: 'm:b', forgetSet: 'd:f', method: 'salun', metrics: [], thresholds: { other: 1 } },
    { modelBefore: 'm:a', modelAfter: 'm:b', forgetSet: 'd:f', method: 'magic', metrics: [] },
    { modelBefore: 'm:a', modelAfter: 'm:b', forgetSet: '', method: 'salun', metrics: [] },
    { modelBefore: 'm:a', modelAfter: 'm:b', forgetSet: 'd:f', method: 'salun', metrics: [{ measure: 'fa' }] },
    { modelBefore: 'm:a', modelAfter: 'm:b', forgetSet: 'd:f', method: 'salun', metrics: [{ measure: 'leakage', extra: 1 }] },
    { modelBefore: 'm:a', forgetSet: 'd:f', method: 'salun', metrics: [] },
    'x',
  ],
  extra: [1, 'x'],
};
const FIELDS = Object.keys(VALUES);

function randomNode(next: () => number): unknown {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const n: Record<string, unknown> = {};
  if (next() < 0.97) n.kind = pick([...NODE_KINDS, 'thing', 1]);
  // Required fields usually right, so that the optional ones decide often.
  for (const f of ['id', 'name', 'classification']) if (next() < 0.97) n[f] = next() < 0.85 ? VALUES[f]![0] : pick(VALUES[f]!);
  for (let i = 0, count = Math.floor(next() * 4); i < count; i++) {
    const f = pick(FIELDS);
    n[f] = next() < 0.5 ? VALUES[f]![0] : pick(VALUES[f]!);
  }
  return next() < 0.02 ? pick([null, [], 'node', 1]) : n;
}

describe('the hand-written node check', () => {
  it('accepts exactly what the zod schema accepts', () => {
    const prng = new Prng(20261123);
    const next = () => prng.next();
    let valid = 0;
    for (let i = 0; i < 40_000; i++) {
      const value = randomNode(next);
      const expected = SnapshotNode.safeParse(value).success;
      expect(isValidNode(value), JSON.stringify(value)).toBe(expected);
      if (expected) valid++;
    }
    // Both outcomes are exercised in quantity.
    expect(valid).toBeGreaterThan(2_000);
    expect(valid).toBeLessThan(38_000);
  });

  it('accepts every node of a generated snapshot, each kind and field in use', () => {
    const { nodes } = generateSnapshot({ nodes: 3000, seed: 5 });
    expect(nodes.filter((n) => !isValidNode(n))).toEqual([]);
    // The generator writes version-1 snapshots: every kind of version 1.
    expect(new Set(nodes.map((n) => n.kind))).toEqual(new Set(NODE_KINDS_V1));
  });
});
