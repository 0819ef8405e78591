import { describe, expect, it } from 'vitest';
import { isValidRelation } from './relation-check.ts';
import { Relation } from './schema.ts';
import { Prng } from '../../testing/prng.ts';

/** Values near the edges of validity: every field right, wrong, missing or extra. */
function randomRelation(next: () => number): unknown {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const r: Record<string, unknown> = {};
  const ids = ['a', '', 'x'.repeat(512), 'x'.repeat(513), 7, null, 'dataset:d1'];
  if (next() < 0.9) r.type = pick(['used', 'wasDerivedFrom', 'wasGeneratedBy', 'likes', '', 3]);
  if (next() < 0.9) r.from = pick(ids);
  if (next() < 0.9) r.to = pick(ids);
  if (next() < 0.3) r.subtype = pick(['finetune', 'merge', 'quantized', 'Finetune', '', null, 1]);
  if (next() < 0.3) r.time = pick(['2025-01-02', '2025-01-02T10:00:00Z', '2025-01-02T10:00+09:00', 'yesterday', '2025-1-2', 0]);
  if (next() < 0.3) r.role = pick(['base model', '', 5, null]);
  if (next() < 0.1) r[pick(['extra', 'id', '__proto__x'])] = 1;
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
