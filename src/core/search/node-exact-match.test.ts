import { describe, expect, it } from 'vitest';
import { makeNode } from '../../testing/graph-builders.ts';
import { NodeExactBuilder, NodeExactMatcher, exactFieldText, exactKey } from './node-exact-match.ts';
import { normalizeText } from './normalize.ts';

describe('exactKey', () => {
  it('normalises width and case, trims and collapses white space of any kind', () => {
    expect(exactKey('  ＬＬａＭＡ　 2\t')).toBe('llama 2');
    expect(exactKey('Llama 2')).toBe('llama 2');
    expect(exactKey('a\u00a0\u2003b\nc')).toBe('a b c');
    expect(exactKey('医療モデル')).toBe('医療モデル');
  });
});

describe('NodeExactMatcher', () => {
  const nodes = [
    makeNode('model', 'm:1', { name: 'Llama 2', label: { en: 'Llama 2', ja: 'ラマ2' } }),
    makeNode('model', 'llama 2', { name: 'Other' }),
    makeNode('dataset', 'd:1', { name: 'LLAMA  2' }),
  ];
  const builder = new NodeExactBuilder(1); // grows
  nodes.forEach((n, i) => {
    builder.add(i, 'name', normalizeText(n.name));
    if (n.label?.en) builder.add(i, 'label.en', normalizeText(n.label.en));
    if (n.label?.ja) builder.add(i, 'label.ja', normalizeText(n.label.ja));
    builder.add(i, 'id', normalizeText(n.id));
  });
  const matcher = new NodeExactMatcher(builder.table, (i, field) => exactFieldText(nodes[i]!, field));

  it('finds every node whose name, label or id matches, once each, with its preferred field', () => {
    expect(matcher.find('llama 2', undefined, 10)).toEqual([
      { node: 0, field: 'name' },
      { node: 1, field: 'id' },
      { node: 2, field: 'name' },
    ]);
    expect(matcher.find('ﾗﾏ2', undefined, 10)).toEqual([{ node: 0, field: 'label.ja' }]);
  });

  it('applies the filter and the limit, and ignores punctuation-only queries', () => {
    expect(matcher.find('llama 2', (n) => n !== 0, 10).map((h) => h.node)).toEqual([1, 2]);
    expect(matcher.find('llama 2', undefined, 2).map((h) => h.node)).toEqual([0, 1]);
    expect(matcher.find('!!!', undefined, 10)).toEqual([]);
    expect(matcher.find('llama', undefined, 10)).toEqual([]);
  });
});
