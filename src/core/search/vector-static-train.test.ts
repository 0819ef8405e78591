import { describe, expect, it } from 'vitest';
import { ngramFeatureIds } from './vector-ngram-features.ts';
import { dot } from './vector-pooling.ts';
import { staticEmbedReference, trainStaticModel } from './vector-static-train.ts';
import { Prng } from '../../testing/prng.ts';

const BUCKETS = 1 << 12;
const corpus = [
  'insulin lowers blood glucose in diabetes',
  'diabetes patients measure blood glucose before insulin',
  'glucose monitoring and insulin dosing for diabetic patients',
  'chest radiograph shows pneumonia in the lower lobe',
  'pneumonia treated with antibiotics after chest imaging',
  'lobar pneumonia on chest computed tomography',
  '糖尿病の患者にインスリンを投与した',
  '肺炎に抗菌薬を投与した',
];

function train() {
  const prng = new Prng(7);
  const docs = corpus.map((t) => ngramFeatureIds(t, BUCKETS, 1000));
  return trainStaticModel(docs, { buckets: BUCKETS, dims: 6, maxRows: 10_000, sigmaPower: 0, random: () => prng.next() });
}

describe('static n-gram model training', () => {
  const tables = train();
  const embed = (t: string) => staticEmbedReference(tables, ngramFeatureIds(t, BUCKETS, 1000));

  it('maps a query nearer to documents of its topic than to the others', () => {
    const q = embed('insulin for diabetes');
    expect(dot(q, embed(corpus[1]!))).toBeGreaterThan(dot(q, embed(corpus[4]!)));
    const p = embed('chest pneumonia');
    expect(dot(p, embed(corpus[5]!))).toBeGreaterThan(dot(p, embed(corpus[0]!)));
  });

  it('gives unit vectors, and the zero vector for text it has never seen', () => {
    expect(dot(embed(corpus[0]!), embed(corpus[0]!))).toBeCloseTo(1, 5);
    expect(Array.from(embed('zzzz')).every((x) => x === 0)).toBe(true);
  });

  it('reserves row 0 (padding / unknown) as a zero-weight row', () => {
    expect(tables.rowWeights[0]).toBe(0);
    expect(tables.bucketRows[0]).toBe(0);
  });

  it('is as wide as the corpus has directions, not padded with zero columns', () => {
    const prng = new Prng(7);
    const docs = corpus.map((t) => ngramFeatureIds(t, BUCKETS, 1000));
    const wide = trainStaticModel(docs, { buckets: BUCKETS, dims: 64, maxRows: 10_000, sigmaPower: 0, random: () => prng.next() });
    expect(wide.dims).toBe(corpus.length);
    expect(wide.rowCodes.length).toBe(wide.rows * corpus.length);
    const v = staticEmbedReference(wide, ngramFeatureIds('insulin for diabetes', BUCKETS, 1000));
    expect(v.length).toBe(corpus.length);
    expect(dot(v, v)).toBeCloseTo(1, 5);
    // Every kept direction is used by some document: no column is zero throughout.
    for (let d = 0; d < wide.dims; d++) {
      let any = false;
      for (let r = 1; r < wide.rows && !any; r++) any = wide.rowCodes[r * wide.dims + d] !== 0;
      expect(any, `column ${d}`).toBe(true);
    }
  });

  it('is deterministic for a seed', () => {
    const again = train();
    expect(Array.from(again.rowCodes)).toEqual(Array.from(tables.rowCodes));
  });
});
