import { describe, expect, it } from 'vitest';
import { fieldRows } from './field-rows.ts';

describe('fieldRows', () => {
  it('flattens every field of a node, nested ones with dotted keys', () => {
    const rows = fieldRows({
      id: 'm1',
      label: { en: 'Model', ja: 'モデル' },
      tags: ['a', 'b'],
      attributes: { score: 0.5, ok: true, none: null },
    });
    expect(rows).toEqual([
      { key: 'id', value: 'm1' },
      { key: 'label.en', value: 'Model' },
      { key: 'label.ja', value: 'モデル' },
      { key: 'tags', value: 'a, b' },
      { key: 'attributes.score', value: '0.5' },
      { key: 'attributes.ok', value: 'true' },
    ]);
  });

  it('keeps markup as plain text', () => {
    expect(fieldRows({ name: '<img src=x onerror=alert(1)>' })[0]!.value).toBe('<img src=x onerror=alert(1)>');
  });
});
