import { describe, expect, it } from 'vitest';
import { isValidRelation } from './relation-check.ts';
import { Relation } from './schema.ts';
import { Prng } from '../../testing/prng.ts';

/** Values near the edges of validity: every field right, wrong, missing or extra. */
function randomRelation(next: () => number): unknown {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const r: Record<string, unknown> = {};
  const ids = ['a', '', 'x'.repeat(512), 'x'.repeat(513), 7, null, 'dataset:d1'];
  if (next() < 0.9) r.type = pick(['used', 'wasDerivedFrom', 'wasGeneratedBy', 'wasStartedBy', 'hadMember', 'likes', '', 3]);
  if (next() < 0.9) r.from = pick(ids);
  if (next() < 0.9) r.to = pick(ids);
  if (next() < 0.3) r.subtype = pick(['finetune', 'merge', 'quantized', 'revision', 'Finetune', '', null, 1]);
  if (next() < 0.3) r.time = pick(['2025-01-02', '2025-01-02T10:00:00Z', '2025-01-02T10:00+09:00', 'yesterday', '2025-1-2', 0]);
  if (next() < 0.3) r.role = pick(['base model', '', 5, null]);
  // Graph version 2's further members.
  if (next() < 0.15) r.id = pick(['_:u1', 'ex:gen1', '', 4]);
  if (next() < 0.15) r.bundle = pick(['ex:b1', '', 'x'.repeat(513), 1]);
  if (next() < 0.15) r.args = pick([{ plan: 'ex:p' }, { starter: 'ex:a2', activity: 'ex:a3' }, { plan: '' }, { planet: 'x' }, { plan: 1 }, {}, 'ex:p', []]);
  if (next() < 0.15) r.attributes = pick([{ 'ex:n': 1 }, { 'ex:v': { $: '1', type: 'xsd:int' } }, { 'ex:l': [{ $: 'a', lang: 'en' }, 2] }, { a: { b: 1 } }, {}, 'x']);
  if (next() < 0.1) r[pick(['extra', 'ID', '__proto__x'])] = 1;
  return next() < 0.03 ? pick([null, [], 'used', 1]) : r;
}

describe('the hand-written relation check', () => {
  it('accepts exactly what the zod schema accepts', () => {
    const prng = new Prng(20261123);
    const next = () => prng.next();
    let valid = 0;
    for (let i = 0; i < 20_000; i++) {
      const value = randomRelation(next);
      const expected = Relation.safeParse(value).success;
      expect(isValidRelation(value), JSON.stringify(value)).toBe(expected);
      if (expected) valid++;
    }
    // Both outcomes are exercised in quantity.
    expect(valid).toBeGreaterThan(300);
    expect(valid).toBeLessThan(19_000);
  });
});
