import { describe, expect, it } from 'vitest';
import { moreGroupKey, parseMoreGroupKey } from './more-groups.ts';

describe('"N more" group keys', () => {
  it('round-trip ids that contain the separator', () => {
    for (const parent of ['model:meditron-70b', 'a:b:c', 'down:x', '日本語:データ']) {
      for (const direction of ['up', 'down'] as const) expect(parseMoreGroupKey(moreGroupKey(direction, parent))).toEqual({ direction, parent });
    }
  });

  it('refuse what moreGroupKey does not write', () => {
    for (const key of ['', 'up', 'up:', 'sideways:x', 'UP:x', ':x']) expect(parseMoreGroupKey(key)).toBeNull();
  });
});
