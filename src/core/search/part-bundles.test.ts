import { describe, expect, it } from 'vitest';
import { bundleFile, bundleOf, bundleOffsets, bundleSizesFile, coalesceRanges, isBundleFile, writePartBundles } from './part-bundles.ts';
import { partFile } from './part-tables.ts';

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

describe('part bundles', () => {
  it('holds each folder\'s parts back to back in part order, with their sizes, so a part is found by its offsets', () => {
    const files = new Map<string, Uint8Array>([
      [partFile('lists', 1), bytes(3, 0xb)],
      [partFile('lists', 0), bytes(5, 0xa)],
      [partFile('lists', 2), bytes(0, 0)],
      [partFile('docs', 0), bytes(2, 0xd)],
      ['bm25-terms.json', bytes(4, 0x20)],
    ]);
    const out = writePartBundles(files);
    expect([...out.keys()].sort()).toEqual(['bundles/docs.parts', 'bundles/docs.sizes', 'bundles/lists.parts', 'bundles/lists.sizes']);
    expect([...out.get(bundleFile('lists'))!]).toEqual([...bytes(5, 0xa), ...bytes(3, 0xb)]);
    const at = bundleOffsets(bundleSizesFile('lists'), out.get(bundleSizesFile('lists'))!);
    expect([...at]).toEqual([0, 5, 8, 8]);
    expect([...out.get(bundleFile('lists'))!.subarray(at[1]!, at[2]!)]).toEqual([...files.get(partFile('lists', 1))!]);
  });

  it('bundles the parts under a folder prefix (a pack\'s literature/) and nothing outside it', () => {
    const out = writePartBundles(new Map([['literature/postings/00000.bin', bytes(2, 1)], ['postings/00000.bin', bytes(9, 9)]]), 'literature/');
    expect([...out.keys()].sort()).toEqual(['literature/bundles/postings.parts', 'literature/bundles/postings.sizes']);
    expect(out.get('literature/bundles/postings.parts')!.length).toBe(2);
  });

  it('refuses parts not numbered 0 … n−1, naming the missing one', () => {
    expect(() => writePartBundles(new Map([[partFile('lists', 1), bytes(1, 1)]]))).toThrow('bundles/lists.parts: lists/00000.bin is missing');
  });

  it('refuses a sizes file that is not whole sizes', () => {
    expect(() => bundleOffsets('bundles/lists.sizes', bytes(6, 0))).toThrow('bundles/lists.sizes: 6 bytes is not a whole number of sizes');
  });

  it('names the bundle of a part, in any folder, and only of canonical part names', () => {
    expect(bundleOf('lists/00042.bin')).toEqual({ folder: 'lists', index: 42, bundle: 'bundles/lists.parts', sizes: 'bundles/lists.sizes' });
    expect(bundleOf('literature/docs/00003.json')).toEqual({ folder: 'docs', index: 3, bundle: 'literature/bundles/docs.parts', sizes: 'literature/bundles/docs.sizes' });
    expect(bundleOf('docs/3.json')).toBeNull();
    expect(bundleOf('bm25-terms.json')).toBeNull();
    expect(isBundleFile('literature/bundles/lists.parts')).toBe(true);
    expect(isBundleFile('bundles/postings.sizes')).toBe(true);
    expect(isBundleFile('bundles/secrets.parts')).toBe(false);
    expect(isBundleFile('lists/00001.bin')).toBe(false);
  });

  it('asks for touching and near ranges as one, in order, and leaves far ones apart', () => {
    expect(coalesceRanges([{ start: 100, end: 199 }, { start: 0, end: 49 }, { start: 50, end: 60 }, { start: 300, end: 310 }, { start: 70, end: 80 }], 10)).toEqual([
      { start: 0, end: 80 },
      { start: 100, end: 199 },
      { start: 300, end: 310 },
    ]);
    // Empty ranges (parts of no bytes) ask for nothing.
    expect(coalesceRanges([{ start: 5, end: 4 }], 0)).toEqual([]);
  });
});
