import { describe, expect, it } from 'vitest';
import { ExactKeyTable, exactKeyArraysProblem } from './exact-key-table.ts';

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

  it('stays correct past the capacity it was given and when many keys share few slots', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `key ${i % 1700}`);
    const table = new ExactKeyTable(10); // grows several times
    keys.forEach((k, v) => table.add(k, v));
    expect(table.size).toBe(5000);
    for (const i of [0, 1, 999, 1699]) {
      const values = table.candidates(`key ${i}`).filter((v) => keys[v] === `key ${i}`);
      expect(values).toEqual([i, i + 1700, ...(i + 3400 < 5000 ? [i + 3400] : [])]);
    }
    expect(table.candidates('key 1700').filter((v) => keys[v] === 'key 1700')).toEqual([]);
  });

  it('gives the same candidates after a round trip through its arrays, and refuses broken arrays', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `name ${i % 70}`);
    const table = new ExactKeyTable(keys.length);
    keys.forEach((k, v) => table.add(k, v));
    const arrays = table.toArrays();
    expect(exactKeyArraysProblem(arrays, (v) => v < 300)).toBeNull();
    const back = ExactKeyTable.fromArrays(arrays);
    for (const k of ['name 0', 'name 69', 'name 70']) expect(back.candidates(k)).toEqual(table.candidates(k));

    const loop = { ...arrays, next: arrays.next.slice() };
    loop.next[5] = 7; // a link forward could cycle
    expect(exactKeyArraysProblem(loop, () => true)).toMatch(/entry 5 links to entry 7/);
    const full = { ...arrays, slots: arrays.slots.map((v, i) => (i % 2 === 1 && v === -1 ? 0 : v)) };
    expect(exactKeyArraysProblem(full, () => true)).toMatch(/no empty slot/);
    expect(exactKeyArraysProblem(arrays, (v) => v < 100)).toMatch(/names no node field/);
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
