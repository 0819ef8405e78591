/**
 * W3C PROV-JSON: every document in w3c-prov-examples/json is imported on its own, and for
 * each one
 *
 * - the numbers of entities, activities and agents, and of relations of each type, equal the
 *   numbers counted straight from the JSON (prov-json-counts.ts, records in bundles included);
 * - nothing is reported unmapped or as an error;
 * - every attribute of every record is found in the graph (in `attributes` under its name, or
 *   in the field it maps to: `prov:label` → name, `prov:type` → kind / subtype, times…);
 * - its PROV-JSON export validates against the PROV-JSON Schema in w3c-prov-examples/schemas
 *   (a JSON Schema draft-04 document: Ajv's default dialect reads it once `id` is renamed
 *   `$id` and `$schema` dropped, as the keywords it uses mean the same in both drafts) and
 *   re-imports to the same nodes and relations, byte for byte.
 *
 * One row per folder; each failure names the file and why.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Relation, SnapshotNode } from '../src/core/format/index.ts';
import { provClassOf } from '../src/core/format/index.ts';
import { idFromIri } from '../src/core/interop/identity.ts';
import { ImportSession } from '../src/core/interop/import-session.ts';
import { exportProvJson, provJsonModule } from '../src/core/interop/prov-json/index.ts';
import { countProvDocument, type SourceRecord } from './prov-json-counts.ts';
import type { ConformanceCheck, ConformanceRow } from './types.ts';

export function provSchemaValidator(schemaFile: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  const { id, $schema: _draft, ...rest } = schema;
  // strict: false — the schema puts "prov:startTime" beside "properties" (a keyword Ajv does not know).
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: id as string });
}

function importText(file: string, text: string) {
  const s = new ImportSession([provJsonModule]);
  s.addFile(file, text);
  return s.finish();
}

export const checkProvJson: ConformanceCheck = async (dataDir) => {
  const base = join(dataDir, 'w3c-prov-examples');
  const dir = join(base, 'json');
  const validate = provSchemaValidator(join(base, 'schemas', 'prov-json.schema.json'));
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const failures: string[] = [];
  let records = 0;
  let unmapped = 0;
  let relationsSeen = 0;
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const fail = (why: string) => failures.push(`${file}: ${why}`);
    const imported = importText(file, text);
    const { nodes, relations, report } = imported;
    records += report.formats['prov-json']?.records ?? 0;
    const bad = [...report.skipped, ...report.issues.filter((i) => i.severity !== 'note')];
    unmapped += bad.length;
    for (const i of bad.slice(0, 3)) fail(`${i.severity} at ${i.path ?? '(file)'}: ${i.message}`);

    const source = countProvDocument(JSON.parse(text) as Record<string, unknown>);
    relationsSeen += relations.length;
    for (const cls of ['entity', 'activity', 'agent'] as const) {
      const got = nodes.filter((n) => !n.implicit && provClassOf(n.kind) === cls).length;
      if (got !== source.elements[cls].size) fail(`${source.elements[cls].size} ${cls} records in the source, ${got} ${cls} nodes imported`);
    }
    const byType: Record<string, number> = {};
    for (const r of relations) byType[r.type] = (byType[r.type] ?? 0) + 1;
    for (const type of new Set([...Object.keys(byType), ...Object.keys(source.relations)])) {
      if ((byType[type] ?? 0) !== (source.relations[type] ?? 0)) fail(`${source.relations[type] ?? 0} ${type} in the source, ${byType[type] ?? 0} imported`);
    }
    checkAttributes(nodes, relations, source.elementRecords, source.relationRecords, fail);

    const exported = exportProvJson(nodes, relations);
    if (!validate(exported)) {
      fail(`the export fails the PROV-JSON Schema: ${(validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '(document)'} ${e.message ?? ''}`).join('; ')}`);
    }
    const again = importText(`${file} (export)`, JSON.stringify(exported));
    if (JSON.stringify([again.nodes, again.relations]) !== JSON.stringify([nodes, relations])) fail('the export does not re-import to the same graph');
  }
  // All documents in one import (their nodes merged where ids meet): one export of the whole.
  const all = new ImportSession([provJsonModule]);
  for (const file of files) all.addFile(file, readFileSync(join(dir, file), 'utf8'));
  const merged = all.finish();
  const whole = exportProvJson(merged.nodes, merged.relations);
  if (!validate(whole)) failures.push(`all files imported together: the export fails the PROV-JSON Schema: ${(validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('; ')}`);
  const wholeAgain = importText('(all, exported)', JSON.stringify(whole));
  if (JSON.stringify([wholeAgain.nodes, wholeAgain.relations]) !== JSON.stringify([merged.nodes, merged.relations])) failures.push('all files imported together: the export does not re-import to the same graph');

  const row: ConformanceRow = {
    set: 'w3c-prov-examples/json',
    files: files.length,
    records,
    unmapped,
    failures,
    checked: `entities, activities, agents and ${relationsSeen} relations by type counted from the JSON; every attribute kept; export (of each, and of all merged) valid against prov-json.schema.json and re-imports unchanged`,
  };
  return [row];
};

/** Every attribute of every source record is somewhere in the graph. */
function checkAttributes(
  nodes: readonly SnapshotNode[],
  relations: readonly Relation[],
  elements: readonly (SourceRecord & { cls: string })[],
  relationRecords: readonly (SourceRecord & { type: string })[],
  fail: (why: string) => void,
): void {
  const nodeById = new Map(nodes.map((n) => [n.id, n as SnapshotNode & Record<string, unknown>]));
  for (const rec of elements) {
    const node = nodeById.get(idFromIri(rec.id));
    if (!node) {
      fail(`${rec.cls} ${rec.id} is not in the graph`);
      continue;
    }
    const attrs = (node.attributes ?? {}) as Record<string, unknown>;
    const found = rec.attributes.filter((k) => {
      if (k in attrs) return true;
      const v = rec.values[k];
      const text = typeof v === 'string' ? v : (v as { $?: unknown } | undefined)?.$;
      if (k === 'prov:label') return node.name === text;
      if (k === 'prov:type') return node.kind !== rec.cls || node.subtype !== undefined;
      if (k === 'prov:startTime') return node.startedAt === text;
      if (k === 'prov:endTime') return node.endedAt === text;
      if (k === 'prov:generatedAtTime') return node.createdAt === text;
      return false;
    }).length;
    if (found !== rec.attributes.length) fail(`${rec.cls} ${rec.id}: ${rec.attributes.length} attributes in the source, ${found} found in the graph`);
  }
  const byKey = new Map<string, Relation[]>();
  for (const r of relations) {
    const key = `${r.type} ${r.id ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  for (const rec of relationRecords) {
    const group = byKey.get(`${rec.type} ${idFromIri(rec.id)}`) ?? [];
    const found = rec.attributes.filter((k) =>
      group.some((r) => {
        if (r.attributes && k in r.attributes) return true;
        if (k === 'prov:time') return r.time !== undefined;
        if (k === 'prov:role') return r.role !== undefined;
        if (k === 'prov:type') return r.subtype !== undefined;
        return false;
      }),
    ).length;
    if (found !== rec.attributes.length) fail(`${rec.type} ${rec.id}: ${rec.attributes.length} attributes in the source, ${found} found in the graph`);
  }
}
