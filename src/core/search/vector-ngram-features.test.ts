import { describe, expect, it } from 'vitest';
import { featureBucket, fnv1a32, ngramFeatureIds, ngramFeatureStrings } from './vector-ngram-features.ts';

describe('n-gram features of the static model', () => {
  it('words with boundary-marked character trigrams', () => {
    expect(ngramFeatureStrings('Lung')).toEqual(['w:lung', 't:<lu', 't:lun', 't:ung', 't:ng>']);
  });

  it('kanji/kana runs as bigrams and single characters', () => {
    expect(ngramFeatureStrings('肺炎を')).toEqual(['u:肺', 'b:肺炎', 'u:炎', 'b:炎を', 'u:を']);
  });

  it('NFKC folds full-width Latin and half-width katakana, and case is ignored', () => {
    expect(ngramFeatureStrings('ＣＴ')).toEqual(ngramFeatureStrings('ct'));
    expect(ngramFeatureStrings('ｲﾝｽﾘﾝ')).toEqual(ngramFeatureStrings('インスリン'));
  });

  it('each feature once per text', () => {
    expect(ngramFeatureStrings('aa aa').filter((f) => f === 'w:aa')).toHaveLength(1);
  });

  it('FNV-1a matches the published test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('ids avoid 0 (padding), stay below the bucket count and respect the cap', () => {
    const ids = ngramFeatureIds('Insulin therapy for 糖尿病 patients', 1024, 5);
    expect(ids.length).toBe(5);
    for (const id of ids) expect(id >= 1 && id < 1024).toBe(true);
    expect(featureBucket('w:x', 2)).toBe(1);
  });
});
