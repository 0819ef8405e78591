import { describe, expect, it } from 'vitest';
import { ExactKeyTable } from './exact-key-table.ts';

describe('ExactKeyTable', () => {
  it('gives every value of a key as a candidate, in the order added', () => {
    const keys = ['llama 2', 'meditron-70b', 'llama 2', '医療モデル', 'llama 2', ''];
    const table = new ExactKeyTable(keys.length);
    keys.forEach((k, v) => table.add(k, v));
    // Distinct keys could share a hash; for these they do not, so candidates are exact.
    expect(table.candidates('llama 2')).toEqual([0, 2, 4]);
    expect(table.candidates('医療モデル')).toEqual([3]);
    expect(table.candidates('')).toEqual([5]);
    expect(table.candidates('llama')).toEqual([]);
  });

  it('stays correct when full and when many keys share few slots', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `key ${i % 1700}`);
    const table = new ExactKeyTable(keys.length);
    keys.forEach((k, v) => table.add(k, v));
    expect(() => table.add('one more', 0)).toThrow(RangeError);
    for (const i of [0, 1, 999, 1699]) {
      const values = table.candidates(`key ${i}`).filter((v) => keys[v] === `key ${i}`);
      expect(values).toEqual([i, i + 1700, ...(i + 3400 < 5000 ? [i + 3400] : [])]);
    }
    expect(table.candidates('key 1700').filter((v) => keys[v] === 'key 1700')).toEqual([]);
  });

  it('does not change when looked up', () => {
    const table = new ExactKeyTable(4);
    table.add('a', 1);
    for (let i = 0; i < 50; i++) table.candidates(`missing ${i}`);
    table.add('b', 2);
    expect(table.candidates('a')).toEqual([1]);
    expect(table.candidates('b')).toEqual([2]);
  });
});
