import { describe, expect, it } from 'vitest';
import { formatJsonPath, lineColumnAt, parseGraph, parseJson, parseManifest } from './parse.ts';
import { formatProblem } from './problems.ts';

const header = '"format":"raireki-snapshot","version":1';

describe('parseJson', () => {
  it('locates a syntax error by line and column', () => {
    const r = parseJson('{\n  "a": 1,\n  "b": ,\n}', 'graph.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ code: 'not-json', file: 'graph.json', line: 3, column: 8 });
    expect(formatProblem(r.problems[0]!)).toMatch(/^graph\.json:3:8: not valid JSON/);
  });

  it('recognises a file that was cut off', () => {
    const r = parseJson('{"nodes": [{"id": "a"}, {"id": "b"', 'graph.json');
    expect(!r.ok && r.problems[0]!.code).toBe('truncated');
    expect(!r.ok && r.problems[0]!.message).toMatch(/ends early/);
  });

  it('says when a file is empty', () => {
    const r = parseJson('  \n', 'graph.json');
    expect(!r.ok && r.problems[0]!.message).toBe('the file is empty');
  });
});

describe('parseGraph', () => {
  it('accepts a valid graph', () => {
    const r = parseGraph(`{${header},"nodes":[{"id":"m","kind":"model","name":"M","classification":"public"}],"relations":[]}`, 'g.json');
    expect(r.ok && r.value.nodes[0]!.id).toBe('m');
  });

  it('reports schema problems with a JSON path and the node id', () => {
    const r = parseGraph(
      `{${header},"nodes":[{"id":"ok","kind":"model","name":"A","classification":"public"},{"id":"bad","kind":"spaceship","name":"B","classification":"public"}],"relations":[]}`,
      'g.json',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ code: 'schema', file: 'g.json', path: 'nodes[1].kind' });
    expect(r.problems[0]!.message).toContain('(node "bad")');
  });

  it('rejects unknown fields, bad hashes, bad times and a missing classification', () => {
    const node = (extra: string) => `{${header},"nodes":[{"id":"x","kind":"dataset","name":"X"${extra}}],"relations":[]}`;
    const paths = (text: string) => {
      const r = parseGraph(text, 'g.json');
      return r.ok ? [] : r.problems.map((p) => p.path);
    };
    expect(paths(node(',"classification":"public","secret":1'))).toEqual(['nodes[0]']);
    expect(paths(node(',"classification":"public","contentHash":"md5:abc"'))).toEqual(['nodes[0].contentHash']);
    expect(paths(node(',"classification":"public","createdAt":"yesterday"'))).toEqual(['nodes[0].createdAt']);
    expect(paths(node(''))).toEqual(['nodes[0].classification']);
  });

  it('reports a relation with an unknown type', () => {
    const r = parseGraph(`{${header},"nodes":[],"relations":[{"type":"likes","from":"a","to":"b"}]}`, 'g.json');
    expect(!r.ok && r.problems[0]!.path).toBe('relations[0].type');
  });

  it('refuses other formats and versions with a message saying which', () => {
    const wrongFormat = parseGraph('{"format":"something-else","version":1}', 'g.json');
    expect(!wrongFormat.ok && wrongFormat.problems[0]).toMatchObject({ code: 'unsupported-format', path: 'format' });
    const newer = parseGraph('{"format":"raireki-snapshot","version":3,"nodes":[],"relations":[]}', 'g.json');
    expect(!newer.ok && newer.problems[0]!.message).toBe('version 3 is not supported (this build reads versions 1 and 2)');
    const array = parseGraph('[]', 'g.json');
    expect(!array.ok && array.problems[0]!.code).toBe('unsupported-format');
  });

  it('reads graph version 2 (imports) and refuses its additions in a file that says version 1', () => {
    const node = { id: 'ol-job:etl/orders', kind: 'job', name: 'orders', classification: 'internal', namespace: 'etl' };
    const literal = { id: 'ex:e1', kind: 'entity', name: 'e1', classification: 'public', attributes: { 'ex:n': { $: '1', type: 'xsd:short' } } };
    const relation = { type: 'wasGeneratedBy', from: 'ex:e1', id: 'ex:gen1' };
    const v2 = parseGraph(JSON.stringify({ format: 'raireki-snapshot', version: 2, nodes: [node, literal], relations: [relation] }), 'g.json');
    expect(v2.ok && v2.value.relations[0]).toEqual(relation);
    const v1 = parseGraph(JSON.stringify({ format: 'raireki-snapshot', version: 1, nodes: [node, literal], relations: [relation] }), 'g.json');
    expect(!v1.ok && v1.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'nodes[0].kind: kind "job" needs graph version 2 (node "ol-job:etl/orders")',
      'nodes[1].kind: kind "entity" needs graph version 2 (node "ex:e1")',
      'relations[0].to: a relation without "to" needs graph version 2',
    ]);
    const v1Literal = parseGraph(JSON.stringify({ format: 'raireki-snapshot', version: 1, nodes: [{ ...literal, kind: 'dataset' }], relations: [] }), 'g.json');
    expect(!v1Literal.ok && v1Literal.problems[0]!.message).toMatch(/attribute "ex:n": a typed literal .* needs graph version 2/);
  });

  it('lists at most 20 schema problems and counts the rest', () => {
    const nodes = Array.from({ length: 30 }, (_, i) => `{"id":"n${i}","kind":"model","name":"N"}`).join(',');
    const r = parseGraph(`{${header},"nodes":[${nodes}],"relations":[]}`, 'g.json');
    expect(!r.ok && r.problems).toHaveLength(21);
    expect(!r.ok && r.problems[20]!.message).toBe('10 more schema problems not shown');
  });
});

describe('parseManifest', () => {
  it('refuses paths that climb out of the snapshot folder', () => {
    const manifest = {
      format: 'raireki-manifest',
      version: 1,
      snapshot: { id: 's', title: { en: 'S' }, createdAt: '2026-01-01' },
      files: [{ path: '../etc/passwd', sha256: 'a'.repeat(64), bytes: 1, contents: 'graph' }],
    };
    const r = parseManifest(JSON.stringify(manifest));
    expect(!r.ok && r.problems[0]!.path).toBe('files[0].path');
  });

  it('needs a title in at least one language', () => {
    const r = parseManifest(
      JSON.stringify({ format: 'raireki-manifest', version: 1, snapshot: { id: 's', title: {}, createdAt: '2026-01-01' }, files: [] }),
    );
    const paths = r.ok ? [] : r.problems.map((p) => p.path);
    expect(paths).toContain('snapshot.title');
    expect(paths).toContain('files');
  });
});

describe('manifest versions', () => {
  const base = { format: 'raireki-manifest', snapshot: { id: 's', title: { en: 'S' }, createdAt: '2026-01-01' } };
  const file = (path: string, contents: string) => ({ path, sha256: 'a'.repeat(64), bytes: 1, contents });

  it('reads a version 2 manifest that lists literature files beside the graph', () => {
    const r = parseManifest(JSON.stringify({ ...base, version: 2, files: [file('graph-0001.json', 'graph'), file('literature/docs.json', 'literature')] }));
    expect(r.ok && r.value.files.map((f) => f.contents)).toEqual(['graph', 'literature']);
  });

  it('refuses literature files in a version 1 manifest, and a manifest with no graph file', () => {
    const v1 = parseManifest(JSON.stringify({ ...base, version: 1, files: [file('g.json', 'graph'), file('literature/docs.json', 'literature')] }));
    expect(!v1.ok && v1.problems[0]).toMatchObject({ path: 'files[1].contents', message: '"literature" needs manifest version 2' });
    const noGraph = parseManifest(JSON.stringify({ ...base, version: 2, files: [file('literature/docs.json', 'literature')] }));
    expect(!noGraph.ok && noGraph.problems[0]).toMatchObject({ path: 'files', message: 'must list at least one graph file or a graph core' });
  });

  it('reads a version 3 manifest with a graph core and no graph file; refuses a core in version 2 and a search core alone', () => {
    const binary = parseManifest(JSON.stringify({ ...base, version: 3, files: [file('core/graph.bin', 'core'), file('core/search.bin', 'search')] }));
    expect(binary.ok && binary.value.files.map((f) => f.contents)).toEqual(['core', 'search']);
    const v2 = parseManifest(JSON.stringify({ ...base, version: 2, files: [file('g.json', 'graph'), file('core/graph.bin', 'core')] }));
    expect(!v2.ok && v2.problems[0]).toMatchObject({ path: 'files[1].contents', message: '"core" needs manifest version 3' });
    const searchOnly = parseManifest(JSON.stringify({ ...base, version: 3, files: [file('g.json', 'graph'), file('core/search.bin', 'search')] }));
    expect(!searchOnly.ok && searchOnly.problems[0]!.message).toBe('may list one search core, and only beside a graph core');
  });

  it('names the versions it reads when a manifest is newer', () => {
    const r = parseManifest(JSON.stringify({ ...base, version: 4, files: [file('g.json', 'graph')] }));
    expect(!r.ok && r.problems[0]!.message).toBe('version 4 is not supported (this build reads versions 1, 2 and 3)');
  });
});

describe('helpers', () => {
  it('formats JSON paths', () => {
    expect(formatJsonPath(['nodes', 12, 'label', 'ja'])).toBe('nodes[12].label.ja');
    expect(formatJsonPath([])).toBe('');
  });
  it('computes line and column from an offset', () => {
    expect(lineColumnAt('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('abc', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('locating JSON syntax errors', () => {
  const where = (text: string) => {
    const r = parseJson(text, 'f.json');
    return r.ok ? null : `${r.problems[0]!.code}@${r.problems[0]!.line}:${r.problems[0]!.column}`;
  };
  it('points at the offending character', () => {
    expect(where('{"a": 1 "b": 2}')).toBe('not-json@1:9');
    expect(where('[1, 2,, 3]')).toBe('not-json@1:7');
    expect(where('{"a": tru}')).toBe('not-json@1:7');
    expect(where("{'a': 1}")).toBe('not-json@1:2');
    expect(where('{"a": 1}}')).toBe('not-json@1:9');
    expect(where('{"a": "x\ny"}')).toBe('not-json@1:9');
  });
  it('tells a truncated file from a broken one', () => {
    expect(where('{"a": [1, 2')).toBe('truncated@1:12');
    expect(where('{"a": "unterminated')).toBe('truncated@1:20');
  });
  it('accepts what JSON.parse accepts', () => {
    for (const ok of ['{}', '[]', '[[[]]]', '{"a":{"b":[1,-2.5e3,true,null,"\\u00e9\\n"]}}', ' 0 ']) {
      expect(parseJson(ok, 'f.json').ok).toBe(true);
    }
  });
  it('handles deep nesting without overflowing the stack', () => {
    expect(where('['.repeat(200_000))).toBe('truncated@1:200001');
  });
});
