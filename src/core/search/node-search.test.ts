import { describe, expect, it } from 'vitest';
import type { SnapshotNode } from '../format/index.ts';
import { makeNode } from '../../testing/graph-builders.ts';
import { generateSnapshot } from '../../testing/generate-snapshot.ts';
import { buildNodeSearchIndex, buildNodeSearchIndexInSlices, searchNodes, type NodeHit } from './node-search.ts';

const nodes: SnapshotNode[] = [
  makeNode('model', 'hf:meta-llama/Llama-2-70b', {
    name: 'Llama 2',
    subtype: 'foundation',
    license: 'llama2',
    description: { en: 'General-purpose foundation model from Meta.' },
  }),
  makeNode('model', 'hf:epfl-llm/meditron-70b', {
    name: 'Meditron-70B',
    label: { ja: 'メディトロン-70B' },
    subtype: 'continued-pretrained',
    architecture: 'decoder-only transformer',
    description: { en: 'Llama 2 adapted to medicine by continued pretraining on clinical guidelines and PubMed.' },
  }),
  makeNode('model', 'model:qwen', { name: 'Qwen2.5-72B', subtype: 'foundation' }),
  makeNode('model', 'model:qwen-med-ja', {
    name: 'Qwen2.5-72B-Med-JA',
    subtype: 'continued-pretrained',
    description: { ja: '日本語の医療文書で継続事前学習したモデル', en: 'Continued pretraining on Japanese clinical documents.' },
  }),
  makeNode('dataset', 'dataset:gap-replay', {
    name: 'GAP-Replay',
    tags: ['medical', 'guidelines'],
    description: { en: 'Clinical practice guidelines and PubMed abstracts. Mentions Meditron-70B, Meditron-70B, Meditron-70B.' },
  }),
  makeNode('activity', 'run:42', { name: 'Fine-tuning run 42', subtype: 'finetuning' }),
  makeNode('prompt', 'prompt:1', { name: 'Prompt 1', text: '肺炎の初期治療は？', language: 'ja' }),
  makeNode('output', 'output:1', { name: 'Output 1', text: '市中肺炎ではまず抗菌薬を検討します。', language: 'ja' }),
  makeNode('agent', 'person:sato', {
    name: 'Dr. Sato',
    label: { ja: '佐藤医師' },
    subtype: 'person',
    role: 'clinician',
    affiliation: 'Midorigaoka General Hospital',
  }),
  makeNode('evaluation', 'eval:medqa', { name: 'Meditron-70B on MedQA', benchmark: 'MedQA', metric: 'accuracy', value: 0.7 }),
  makeNode('document', 'doc:1', {
    name: 'Guidelines for community-acquired pneumonia',
    authors: ['Tanaka D', 'Mori S'],
    source: 'Journal of Clinical Informatics',
    identifiers: { doi: '10.5555/raireki.000001' },
  }),
  makeNode('model', 'model:llama-2-chat', { name: 'Llama 2 Chat', description: { en: 'Chat-tuned Llama 2.' } }),
  makeNode('dataset', 'dataset:ehr', { name: 'Discharge summaries', attributes: { sourceSystem: 'EHR-Kyoto', rows: 12 } }),
];

const index = buildNodeSearchIndex(nodes);
const at = (id: string) => nodes.findIndex((n) => n.id === id);
const ids = (hits: NodeHit[]) => hits.map((h) => nodes[h.node]!.id);
const search = (q: string, opts?: Omit<Parameters<typeof searchNodes>[2], 'nodes'>) => searchNodes(index, q, { ...opts, nodes });

describe('searchNodes: Japanese', () => {
  it('finds "医療" inside a Japanese description, and says which field matched', () => {
    const hits = search('医療');
    expect(ids(hits)).toEqual(['model:qwen-med-ja']);
    expect(hits[0]!.field).toBe('description.ja');
  });

  it('finds a katakana name in a label, also typed in half-width katakana', () => {
    for (const q of ['メディトロン', 'ﾒﾃﾞｨﾄﾛﾝ', 'メディトロン-70B']) {
      const hits = search(q);
      expect(ids(hits)[0], q).toBe('hf:epfl-llm/meditron-70b');
    }
    expect(search('メディトロン')[0]!.field).toBe('label.ja');
  });

  it('finds a one-character query through the bigrams holding it', () => {
    expect(ids(search('肺')).sort()).toEqual(['output:1', 'prompt:1']);
    expect(search('薬').map((h) => h.field)).toEqual(['text']);
  });

  it('matches a Japanese label exactly', () => {
    const [hit] = search('佐藤医師');
    expect(ids([hit!])).toEqual(['person:sato']);
    expect(hit!.exact).toBe(true);
    expect(hit!.field).toBe('label.ja');
  });
});

describe('searchNodes: English and identifiers', () => {
  it('finds "Llama 2" typed in full-width letters', () => {
    expect(ids(search('ＬＬａｍａ'))).toEqual(ids(search('llama')));
    expect(ids(search('ＬＬａｍａ　２'))[0]).toBe('hf:meta-llama/Llama-2-70b');
  });

  it('finds compound model names by any common spelling', () => {
    for (const q of ['Qwen2.5-72B', 'qwen 2.5 72b', 'QWEN2.5']) expect(ids(search(q)).slice(0, 2).sort(), q).toEqual(['model:qwen', 'model:qwen-med-ja']);
    expect(ids(search('llama2'))).toContain('hf:meta-llama/Llama-2-70b');
  });

  it('searches kind-specific fields and attribute strings, reporting the field', () => {
    const field = (q: string) => search(q).map((h) => [nodes[h.node]!.id, h.field]);
    expect(field('clinician')).toEqual([['person:sato', 'role']]);
    expect(field('Midorigaoka')).toEqual([['person:sato', 'affiliation']]);
    expect(field('MedQA')[0]).toEqual(['eval:medqa', 'name']);
    expect(field('accuracy')).toEqual([['eval:medqa', 'metric']]);
    expect(field('Tanaka')).toEqual([['doc:1', 'authors']]);
    expect(field('10.5555/raireki.000001')).toEqual([['doc:1', 'identifiers.doi']]);
    expect(field('EHR-Kyoto')).toEqual([['dataset:ehr', 'attributes.sourceSystem']]);
    // A name outweighs a tag: the document titled "Guidelines…" leads, the tagged dataset follows.
    expect(field('guidelines').slice(0, 2)).toEqual([
      ['doc:1', 'name'],
      ['dataset:gap-replay', 'tags'],
    ]);
    expect(field('transformer')).toEqual([['hf:epfl-llm/meditron-70b', 'architecture']]);
  });
});

describe('searchNodes: ranking', () => {
  it('puts an exact name first, even against a description that repeats it', () => {
    const hits = search('Meditron-70B');
    expect(ids(hits)[0]).toBe('hf:epfl-llm/meditron-70b');
    expect(hits[0]).toMatchObject({ exact: true, field: 'name' });
    expect(hits.slice(1).every((h) => !h.exact)).toBe(true);
    expect(ids(hits)).toContain('dataset:gap-replay');
  });

  it('puts an exact id first', () => {
    const hits = search('hf:meta-llama/Llama-2-70b');
    expect(hits[0]).toMatchObject({ node: at('hf:meta-llama/Llama-2-70b'), exact: true, field: 'id' });
    expect(search('  DOC:1 ')[0]).toMatchObject({ node: at('doc:1'), exact: true });
  });

  it('ranks a name match above a description mention', () => {
    const hits = ids(search('Llama 2'));
    expect(hits[0]).toBe('hf:meta-llama/Llama-2-70b'); // exact
    expect(hits.indexOf('model:llama-2-chat')).toBeLessThan(hits.indexOf('hf:epfl-llm/meditron-70b'));
  });

  it('returns scores in descending order', () => {
    for (const q of ['Llama 2', 'meditron', 'pubmed guidelines', '肺炎']) {
      const scores = search(q).map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('orders equal scores by node index, the same on every call and every build', () => {
    const twins = Array.from({ length: 30 }, (_, i) => makeNode('output', `out:${i}`, { name: `Output ${i}`, text: '同じ回答です。' }));
    const twinIndex = buildNodeSearchIndex(twins);
    const first = searchNodes(twinIndex, '回答', { limit: 10, nodes: twins });
    expect(first.map((h) => h.node)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(searchNodes(buildNodeSearchIndex(twins), '回答', { limit: 10, nodes: twins })).toEqual(first);
  });
});

describe('searchNodes: prefixes, filters, limits', () => {
  it('completes a name prefix being typed', () => {
    expect(ids(search('medit'))[0]).toBe('hf:epfl-llm/meditron-70b');
    expect(ids(search('Qwen2.5-7')).slice(0, 2).sort()).toEqual(['model:qwen', 'model:qwen-med-ja']);
    // A finished word (followed by a space) is not completed.
    expect(search('medit ')).toEqual([]);
  });

  it('filters by kind, including exact matches', () => {
    const models = search('Meditron-70B', { kinds: ['model'] });
    expect(models.length).toBeGreaterThan(0);
    expect(models.every((h) => nodes[h.node]!.kind === 'model')).toBe(true);
    const datasets = search('Meditron-70B', { kinds: ['dataset'] });
    expect(ids(datasets)).toEqual(['dataset:gap-replay']);
    expect(search('Meditron-70B', { kinds: [] })).toEqual([]);
  });

  it('returns at most `limit` hits: the first ones of a larger search', () => {
    const all = search('Meditron', { limit: 100 });
    expect(all.length).toBeGreaterThan(2);
    expect(search('Meditron', { limit: 2 })).toEqual(all.slice(0, 2));
    expect(search('Meditron', { limit: 0 })).toEqual([]);
    expect(search('Meditron', { limit: -3 })).toEqual([]);
  });

  it('returns [] without throwing for empty, blank, punctuation-only and stop-word queries', () => {
    for (const q of ['', '   ', '\n\t', '!!!', '、。・…', '()[]{}', 'the of and']) expect(search(q), JSON.stringify(q)).toEqual([]);
  });

  it('answers very long queries, finding a pasted output by its text', () => {
    const pasted = '市中肺炎ではまず抗菌薬を検討します。';
    expect(ids(search(pasted.repeat(3)))[0]).toBe('output:1');
    const huge = 'llama '.repeat(20_000) + '医療'.repeat(20_000) + 'x'.repeat(100_000);
    expect(() => search(huge)).not.toThrow();
    expect(ids(search(huge))).toContain('model:qwen-med-ja');
  });
});

describe('searchNodes on a generated snapshot', () => {
  const generated = generateSnapshot({ nodes: 3000, seed: 7 }).nodes;
  const genIndex = buildNodeSearchIndex(generated);

  it('finds every sampled node by its exact name or id, first', () => {
    for (let i = 0; i < generated.length; i += 37) {
      const node = generated[i]!;
      const byName = searchNodes(genIndex, node.name, { limit: 5, nodes: generated });
      expect(byName[0]!.exact, node.name).toBe(true);
      expect(generated[byName[0]!.node]!.name.toLowerCase()).toBe(node.name.toLowerCase());
      expect(searchNodes(genIndex, node.id, { limit: 1, nodes: generated })[0]!.node).toBe(i);
    }
  });
});

describe('building the index in slices', () => {
  it('gives the same answers as building it at once, pausing between slices', async () => {
    const { nodes } = generateSnapshot({ nodes: 3000, seed: 7 });
    let pauses = 0;
    const sliced = await buildNodeSearchIndexInSlices(nodes, async () => void pauses++, 500);
    const whole = buildNodeSearchIndex(nodes);
    expect(pauses).toBe(Math.floor(nodes.length / 500));
    for (const q of ['model', '医療', 'dataset 2', nodes[1234]!.name]) {
      expect(searchNodes(sliced, q, { limit: 20, nodes })).toEqual(searchNodes(whole, q, { limit: 20, nodes }));
    }
  });
});
