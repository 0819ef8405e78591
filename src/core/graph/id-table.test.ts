import { describe, expect, it } from 'vitest';
import { IdTable, hashString } from './id-table.ts';

describe('IdTable', () => {
  it('assigns indices in insertion order and finds them again', () => {
    const t = new IdTable(3);
    expect([t.add('a'), t.add('b'), t.add('c')]).toEqual([-1, -1, -1]);
    expect([t.get('a'), t.get('b'), t.get('c'), t.get('d')]).toEqual([0, 1, 2, -1]);
    expect(t.size).toBe(3);
  });

  it('returns the existing index when an id is added twice', () => {
    const t = new IdTable(2);
    t.add('x');
    t.add('y');
    expect(t.add('x')).toBe(0);
    expect(t.size).toBe(2);
  });

  it('tells apart ids whose hashes collide in the table', () => {
    // Many ids in a small table force long probe runs through colliding slots.
    const n = 5000;
    const t = new IdTable(n);
    const ids = Array.from({ length: n }, (_, i) => `session:${String(i).padStart(7, '0')}`);
    for (const id of ids) expect(t.add(id)).toBe(-1);
    ids.forEach((id, i) => expect(t.get(id)).toBe(i));
    // Same content, different string object (as JSON.parse gives).
    expect(t.get(JSON.parse(JSON.stringify(ids[1234])) as string)).toBe(1234);
    expect(t.get('session:9999999')).toBe(-1);
    expect(t.get('')).toBe(-1);
  });

  it('grows past the size it was given (a streamed input) and keeps every index', () => {
    const t = new IdTable(1); // 16 slots: room for 8 before it must grow
    const ids = Array.from({ length: 1000 }, (_, i) => `id${i}`);
    for (const id of ids) expect(t.add(id)).toBe(-1);
    ids.forEach((id, i) => {
      expect(t.get(id)).toBe(i);
      expect(t.keyAt(i)).toBe(id);
    });
    expect(t.add('id17')).toBe(17);
    expect(t.size).toBe(1000);
  });

  it('spreads ids that differ only in the last character', () => {
    const low = new Set(Array.from({ length: 1024 }, (_, i) => hashString(`n${i}`) & 1023));
    expect(low.size).toBeGreaterThan(550); // a uniform hash fills ~63 % of 1024 buckets
  });
});
