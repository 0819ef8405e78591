/**
 * CycloneDX ML-BOM export against the published CycloneDX 1.6 JSON Schema (from the
 * maintained @cyclonedx/cyclonedx-library package, not a hand copy). There is no
 * third-party ML-BOM in ../shared, so the check exports an ML-BOM for every model of an
 * import of the Hugging Face records and validates each one, and checks that importing it
 * gives back the model, its base models and its training data.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ImportSession } from '../src/core/interop/import-session.ts';
import { cycloneDxModule, exportMlBom } from '../src/core/interop/cyclonedx/index.ts';
import { hfCardModule, hfHubModule } from '../src/core/interop/huggingface/index.ts';
import type { ConformanceCheck, ConformanceRow } from './types.ts';

let validator: ValidateFunction | null = null;

/** The CycloneDX 1.6 schema with the SPDX and JSF schemas it $refs, compiled once. */
export function bomSchemaValidator(): ValidateFunction {
  if (validator) return validator;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
  const load = (f: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
  // The schema uses annotation keywords ("meta:enum") that strict mode rejects.
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
  addFormats(ajv);
  // Formats ajv-formats does not define: IRIs are URIs that may hold non-ASCII characters.
  ajv.addFormat('iri-reference', /^[^\s<>"{}|\\^`\u0000-\u001f]*$/u);
  ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
  // bom-1.6 $refs its neighbours by file name, resolved against its own $id.
  for (const f of ['spdx.SNAPSHOT.schema.json', 'jsf-0.82.SNAPSHOT.schema.json']) {
    ajv.addSchema({ ...load(f), $id: `http://cyclonedx.org/schema/${f}` });
  }
  validator = ajv.compile(load('bom-1.6.SNAPSHOT.schema.json'));
  return validator;
}

/** Schema errors of a BOM, as "path: message" lines; empty when it is valid. */
export function bomSchemaErrors(bom: unknown): string[] {
  const validate = bomSchemaValidator();
  if (validate(bom)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '(bom)'}: ${e.message ?? 'invalid'}`);
}

export const checkCycloneDx: ConformanceCheck = async (dataDir) => {
  const base = join(dataDir, 'hf-model-cards-llm');
  const session = new ImportSession([hfHubModule, hfCardModule]);
  session.addFile('model_metadata.jsonl', readFileSync(join(base, 'model_metadata.jsonl'), 'utf8'));
  const { nodes, relations } = session.finish();
  const models = nodes.filter((n) => n.kind === 'model');
  const failures: string[] = [];
  let unmapped = 0;
  for (const m of models) {
    const bom = exportMlBom(nodes, relations, m.id, { timestamp: '2026-01-01T00:00:00Z' });
    const errors = bomSchemaErrors(bom);
    if (errors.length > 0) failures.push(`${m.id}: the ML-BOM fails the CycloneDX 1.6 schema: ${errors.join('; ')}`);
    // Re-import: the model and what it was derived from come back with the same ids.
    const back = new ImportSession([cycloneDxModule]);
    back.addFile(`${m.id}.cdx.json`, JSON.stringify(bom));
    const again = back.finish();
    unmapped += again.report.issues.filter((i) => i.severity !== 'note').length;
    const ids = new Set(again.nodes.map((n) => n.id));
    const wanted = [m.id, ...relations.filter((r) => r.type === 'wasDerivedFrom' && r.from === m.id).map((r) => r.to!)];
    for (const id of wanted) if (!ids.has(id)) failures.push(`${m.id}: re-importing its ML-BOM does not give back ${id}`);
  }
  const row: ConformanceRow = {
    set: 'CycloneDX 1.6 ML-BOM export (hf-model-cards-llm models)',
    files: 1,
    records: models.length,
    unmapped,
    failures,
    checked: `${models.length} ML-BOMs valid against bom-1.6 schema; re-import gives model and bases`,
  };
  return [row];
};
