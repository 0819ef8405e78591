import { describe, expect, it } from 'vitest';
import { buildGraphIndex } from '../graph/index.ts';
import { graphOf, makeNode } from '../../testing/graph-builders.ts';
import { sampleLineage } from '../../testing/sample-lineage.ts';
import { buildSubgraph, HOP_CAP } from './subgraph.ts';
import { buildImpact, impactCsv } from './impact.ts';
import { buildDetails } from './details.ts';
import { csvCell, toCsv } from './csv.ts';
import { fieldText, snippet } from './snippet.ts';
import type { SubgraphRequest } from './types.ts';

const index = buildGraphIndex(sampleLineage()).index;
const req = (over: Partial<SubgraphRequest>): SubgraphRequest => ({
  focus: 'med',
  depth: 1,
  direction: 'both',
  kinds: null,
  expanded: [],
  pathTo: null,
  maxNodes: 400,
  ...over,
});

/** A model with `n` outputs derived from it. */
const hub = (n: number) =>
  graphOf(
    Object.fromEntries([['hub', 'model'], ...Array.from({ length: n }, (_, i) => [`o${i}`, 'output'])]),
    Array.from({ length: n }, (_, i) => ['wasDerivedFrom', `o${i}`, 'hub'] as const),
  );

describe('buildSubgraph', () => {
  it('draws the one-hop neighbourhood with every relation among the drawn nodes', () => {
    const view = buildSubgraph(index, req({}));
    const ids = view.nodes.map((n) => n.id).sort();
    expect(ids).toEqual(['base', 'ev', 'ft', 'med', 'medq', 'quant'].sort());
    // medq —wasGeneratedBy→ quant is between two drawn nodes, so it is drawn too.
    expect(view.edges.some((e) => e.from === 'medq' && e.to === 'quant')).toBe(true);
    expect(view.edges.every((e) => ids.includes(e.from) && ids.includes(e.to))).toBe(true);
    expect(view.nodes.find((n) => n.id === 'med')!.hop).toBe(0);
  });

  it('adds the neighbours of expanded nodes', () => {
    const view = buildSubgraph(index, req({ direction: 'up', expanded: ['corpus'] }));
    const ids = view.nodes.map((n) => n.id);
    expect(ids).toContain('pretrain');
  });

  it('keeps the requested path even when the cap is reached', () => {
    const view = buildSubgraph(index, req({ pathTo: 'access', maxNodes: 5 }));
    // Shortest route downstream: medq derives from med directly, so the run in between is skipped.
    expect(view.path!.nodes).toEqual(['med', 'medq', 'inf', 'out', 'access']);
    expect(view.path!.edges).toHaveLength(4);
    for (const id of view.path!.nodes) expect(view.nodes.map((n) => n.id)).toContain(id);
    expect(view.truncated).toBe(true);
  });

  it('reports an empty path between unconnected nodes and unknown ids as missing', () => {
    expect(buildSubgraph(index, req({ pathTo: 'lonely' })).path).toEqual({ nodes: [], edges: [] });
    const missing = buildSubgraph(index, req({ pathTo: 'nope', expanded: ['gone'] }));
    expect(missing.missing).toEqual(['nope', 'gone']);
    expect(buildSubgraph(index, req({ focus: 'nothing' })).missing).toEqual(['nothing']);
  });

  it('gives every node its rank along the flow and the node it was reached from', () => {
    const view = buildSubgraph(index, req({ depth: 2 }));
    const at = (id: string) => view.nodes.find((n) => n.id === id)!;
    expect(at('med')).toMatchObject({ rank: 0, parent: null, hop: 0 });
    // Upstream ranks are negative (what med was built from), downstream positive.
    expect(at('ft')).toMatchObject({ rank: -1, parent: 'med' });
    expect(at('instr')).toMatchObject({ rank: -2, parent: 'ft' });
    expect(at('quant')).toMatchObject({ rank: 1, parent: 'med' });
  });

  it('ranks a path step by step, up or down each relation', () => {
    // corpus ← pretrain ← base ← med: three steps upstream.
    const view = buildSubgraph(index, req({ pathTo: 'corpus', depth: 1 }));
    const at = (id: string) => view.nodes.find((n) => n.id === id)!;
    expect(view.path!.nodes).toEqual(['med', 'base', 'pretrain', 'corpus']);
    expect([at('base').rank, at('pretrain').rank, at('corpus').rank]).toEqual([-1, -2, -3]);
    expect(at('corpus').parent).toBe('pretrain');
  });

  it('folds what the cap leaves out into "N more" groups, which a request opens by key', () => {
    const big = buildGraphIndex(hub(1000)).index;
    const capped = buildSubgraph(big, req({ focus: 'hub' }));
    expect(capped.nodes).toHaveLength(1 + HOP_CAP);
    expect(capped.more).toEqual([{ key: 'down:hub', parent: 'hub', direction: 'down', hidden: 1000 - HOP_CAP, rank: 1 }]);
    // The cap is not the drawing limit.
    expect(capped.truncated).toBe(false);
    expect(capped.notDrawn).toBeNull();

    const opened = buildSubgraph(big, req({ focus: 'hub', more: ['down:hub'] }));
    expect(opened.nodes).toHaveLength(400);
    expect(opened.truncated).toBe(true);
    expect(opened.notDrawn).toEqual({ count: 601, atLeast: false });
    // Links written by hand or for another snapshot open nothing and break nothing.
    expect(buildSubgraph(big, req({ focus: 'hub', more: ['sideways:hub', 'down:nobody', 'down:'] })).nodes).toHaveLength(1 + HOP_CAP);
  });

  it('keeps a requested path to a node the cap folded away, and does not count it as hidden', () => {
    const big = buildGraphIndex(hub(1000)).index;
    const view = buildSubgraph(big, req({ focus: 'hub', pathTo: 'o999' }));
    expect(view.path!.nodes).toEqual(['hub', 'o999']);
    expect(view.nodes.find((n) => n.id === 'o999')).toMatchObject({ rank: 1, parent: 'hub' });
    expect(view.more[0]!.hidden).toBe(1000 - HOP_CAP - 1);
  });

  it('never draws more than maxNodes', () => {
    // Without the cap, 1,000 outputs; opened, the limit of 50 applies and says what it left out.
    const view = buildSubgraph(buildGraphIndex(hub(1000)).index, req({ focus: 'hub', maxNodes: 50, more: ['down:hub'] }));
    expect(view.nodes).toHaveLength(50);
    expect(view.truncated).toBe(true);
    expect(view.notDrawn).toEqual({ count: 951, atLeast: false });
  });

  it('caps each rank at what the viewport holds legibly', () => {
    const big = buildGraphIndex(hub(1000)).index;
    const view = buildSubgraph(big, req({ focus: 'hub', perRank: 6 }));
    expect(view.nodes.filter((n) => n.rank === 1)).toHaveLength(6);
    expect(view.more[0]!.hidden).toBe(994);
  });
});

describe('buildImpact', () => {
  it('lists everything downstream with hops, via nodes and counts by kind', () => {
    const view = buildImpact(index, 'base', null)!;
    const hop = (id: string) => view.rows.find((r) => r.node.id === id)?.hop;
    expect(hop('ft')).toBe(1);
    expect(hop('med')).toBe(1);
    expect(hop('out')).toBeGreaterThan(hop('medq')!);
    expect(view.rows.find((r) => r.node.id === 'med')!.via!.id).toBe('base');
    expect(view.countsByKind.output).toBe(1);
    expect(view.rows.map((r) => r.node.id)).not.toContain('corpus');
  });

  it('filters the list by kind but counts every kind', () => {
    const view = buildImpact(index, 'base', ['output', 'model'])!;
    expect(new Set(view.rows.map((r) => r.node.kind))).toEqual(new Set(['output', 'model']));
    expect(view.total).toBe(view.rows.length);
    expect(view.countsByKind.activity).toBeGreaterThan(0);
    expect(buildImpact(index, 'missing', null)).toBeNull();
  });

  it('makes rows for the page only, and the CSV for every row', () => {
    const whole = buildImpact(index, 'base', null)!;
    const page = buildImpact(index, 'base', null, 3)!;
    expect(page.total).toBe(whole.total);
    expect(page.rows).toEqual(whole.rows.slice(0, 3));
    expect(page.countsByKind).toEqual(whole.countsByKind);
    const csv = impactCsv(index, 'base', null, 'en')!.trim().split('\r\n');
    expect(csv[0]).toBe('hop,kind,id,name,classification,via_id,via_relation,start_id,remediation,remediation_via_id');
    expect(csv.slice(1).map((line) => line.split(',')[2])).toEqual(whole.rows.map((r) => r.node.id));
    expect(csv[1]!.split(',').slice(7)).toEqual(['base', '', '']);
  });
});

describe('buildDetails', () => {
  it('groups neighbours by relation and direction, lineage first', () => {
    const details = buildDetails(index, 'med', () => 'graph.json')!;
    expect(details.file).toBe('graph.json');
    expect(details.groups[0]).toMatchObject({ type: 'wasDerivedFrom', direction: 'out' });
    const used = details.groups.find((g) => g.type === 'used' && g.direction === 'in')!;
    expect(used.items.map((i) => i.id).sort()).toEqual(['ev', 'quant']);
  });
});

describe('CSV', () => {
  it('quotes separators and neutralises spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
    expect(toCsv(['a', 'b'], [[1, null]])).toBe('a,b\r\n1,\r\n');
  });
});

describe('snippets', () => {
  it('shows the part of a long text around the query', () => {
    const text = `${'x '.repeat(100)}metformin is contraindicated ${'y '.repeat(100)}`;
    const s = snippet(text, 'Metformin', 60);
    expect(s).toContain('metformin');
    expect(s.startsWith('…')).toBe(true);
    expect(snippet('short', 'q')).toBe('short');
  });
  it('reads nested fields by path', () => {
    const node = makeNode('model', 'm', { label: { ja: '日本語' }, tags: ['a', 'b'] });
    expect(fieldText(node, 'label.ja')).toBe('日本語');
    expect(fieldText(node, 'tags')).toBe('a, b');
    expect(fieldText(node, 'attributes.none')).toBe('');
  });
});
