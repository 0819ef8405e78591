import { describe, expect, it } from 'vitest';
import { ImportSession } from '../import-session.ts';
import { MAX_TEXT_LENGTH } from '../import-draft.ts';
import { provJsonModule } from './index.ts';
import { matchesProvJson } from './detect.ts';

const EX = 'http://example.org/';

function loadText(text: string, file = 'doc.json') {
  const s = new ImportSession([provJsonModule]);
  s.addFile(file, text);
  return s.finish();
}
const load = (doc: unknown, file?: string) => loadText(JSON.stringify(doc), file);

describe('PROV-JSON detection', () => {
  it('claims objects with PROV-JSON members and none of the other formats\' markers', () => {
    expect(matchesProvJson({ prefix: {} })).toBe(true);
    expect(matchesProvJson({ wasEndedby: {} })).toBe(true);
    expect(matchesProvJson({ mentionOf: {} })).toBe(true);
    expect(matchesProvJson({ entity: {}, format: 'raireki-snapshot' })).toBe(false);
    expect(matchesProvJson({ entity: {}, bomFormat: 'CycloneDX' })).toBe(false);
    expect(matchesProvJson({ used: {}, eventType: 'START' })).toBe(false);
    expect(matchesProvJson({ nodes: [], relations: [] })).toBe(false);
  });

  it('reports a JSON object that is not PROV, and imports nothing from it', () => {
    const { nodes, report } = load({ title: 'shopping list', items: ['milk'] }, 'list.json');
    expect(nodes).toEqual([]);
    expect(report.issues).toContainEqual(expect.objectContaining({ severity: 'error', file: 'list.json' }));
  });
});

describe('PROV-JSON bad input', () => {
  it('reports a relation naming an undeclared prefix with file and JSON path, keeps the name as written, imports the rest', () => {
    const { nodes, relations, report } = load(
      {
        prefix: { ex: EX },
        entity: { 'ex:e1': {} },
        used: { '_:u1': { 'prov:activity': 'ex:a1', 'prov:entity': 'nope:e9' } },
        wasGeneratedBy: { '_:g1': { 'prov:entity': 'ex:e1', 'prov:activity': 'ex:a1' } },
      },
      'lab.json',
    );
    expect(report.issues).toContainEqual(expect.objectContaining({ severity: 'unmapped', file: 'lab.json', path: 'used["_:u1"]["prov:entity"]', message: expect.stringContaining('"nope"') }));
    expect(relations.map((r) => [r.type, r.to])).toEqual([
      ['used', 'nope:e9'],
      ['wasGeneratedBy', `${EX}a1`],
    ]);
    expect(nodes.map((n) => n.id)).toContain(`${EX}e1`);
  });

  it('reports members of the wrong type where they are and reads the rest', () => {
    const { nodes, relations, report } = load({
      prefix: { ex: EX, bad: 7 },
      entity: [],
      activity: { 'ex:a1': 'not an object', 'ex:a2': {} },
      agent: { 'ex:ag': {} },
      used: { '_:u1': { 'prov:activity': 'ex:a2', 'prov:entity': 42 }, '_:u2': { 'prov:activity': 'ex:a2', 'prov:entity': 'ex:e' } },
      wasInformedBy: 'nothing',
      somethingElse: { x: 1 },
    });
    const at = (path: string) => report.issues.find((i) => i.path === path);
    expect(at('prefix.bad')?.severity).toBe('error');
    expect(at('entity')?.severity).toBe('error');
    expect(at('activity["ex:a1"]')?.severity).toBe('error');
    expect(at('used["_:u1"]["prov:entity"]')?.message).toContain('found a number');
    expect(at('wasInformedBy')?.severity).toBe('error');
    expect(at('somethingElse')?.severity).toBe('unmapped');
    expect(nodes.map((n) => n.id).sort()).toEqual([`${EX}a2`, `${EX}ag`, `${EX}e`]);
    expect(relations.map((r) => r.id)).toEqual(['_:u2']);
  });

  it('refuses __proto__ as an id, an attribute name and a prefix without touching any prototype', () => {
    const text = `{"prefix": {"ex": "${EX}", "__proto__": "http://evil.org/"},
      "entity": {"__proto__": {"polluted": true}, "ex:e": {"__proto__": {"polluted": true}, "ex:ok": 1}},
      "used": {"_:u": {"prov:activity": "ex:a", "prov:entity": "ex:e", "__proto__": {"polluted": true}}}}`;
    const { nodes, relations, report } = loadText(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(nodes.map((n) => n.id).sort()).toEqual([`${EX}a`, `${EX}e`]);
    expect(nodes.find((n) => n.id === `${EX}e`)!.attributes).toEqual({ 'ex:ok': 1 });
    expect(Object.hasOwn(nodes.find((n) => n.id === `${EX}e`)!.attributes!, '__proto__')).toBe(false);
    expect(relations).toHaveLength(1);
    expect(relations[0]!.attributes).toBeUndefined();
    expect(report.issues.filter((i) => i.message.includes('__proto__')).length).toBeGreaterThanOrEqual(3);
  });

  it('cuts a 50 MB attribute value, refuses a 50 MB id, and imports the rest', () => {
    const huge = 'x'.repeat(50 * 1024 * 1024);
    const { nodes, report } = load({ prefix: { ex: EX }, entity: { 'ex:big': { 'ex:text': huge, 'prov:label': huge }, [`ex:${huge}`]: {}, 'ex:small': {} } });
    expect(nodes.map((n) => n.id).sort()).toEqual([`${EX}big`, `${EX}small`]);
    const big = nodes.find((n) => n.id === `${EX}big`)!;
    expect((big.attributes!['ex:text'] as string).length).toBe(MAX_TEXT_LENGTH);
    expect(big.name.length).toBe(MAX_TEXT_LENGTH);
    expect(report.issues.some((i) => i.severity === 'error' && i.message.includes('longer than'))).toBe(true);
    expect(report.issues.some((i) => i.severity === 'note' && i.message.includes('was cut'))).toBe(true);
  });

  it('reports truncated JSON as a skipped file', () => {
    const { nodes, report } = loadText('{"prefix": {"ex": "http://example.org/"}, "entity": {"ex:e": {', 'cut.json');
    expect(nodes).toEqual([]);
    expect(report.skipped).toContainEqual(expect.objectContaining({ file: 'cut.json', message: expect.stringContaining('truncated') }));
  });

  it('reports a bundle inside a bundle instead of reading it', () => {
    const { report } = load({ prefix: { ex: EX }, bundle: { 'ex:b': { bundle: { 'ex:c': {} } } } });
    expect(report.issues).toContainEqual(expect.objectContaining({ severity: 'unmapped', path: 'bundle["ex:b"].bundle' }));
  });
});
