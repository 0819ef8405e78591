/**
 * `npm run conformance`: imports the real third-party files in ../shared/data (OpenLineage,
 * PROV-JSON, Hugging Face records; ML-BOM exports checked against the CycloneDX schema) and
 * checks the result against counts taken independently from the source files. Prints the
 * table; exits 1 when any check fails. Without ../shared/data (a user's fresh clone) it says
 * so and exits 0: these files are not the project's and are not shipped with it.
 *
 *   npm run conformance [-- --data <folder>]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConformanceCheck, ConformanceRow } from './types.ts';
import { checkOpenLineage } from './openlineage.ts';
import { checkProvJson } from './prov-json.ts';
import { checkHuggingFace } from './huggingface.ts';
import { checkCycloneDx } from './cyclonedx.ts';

const CHECKS: [string, ConformanceCheck][] = [
  ['OpenLineage', checkOpenLineage],
  ['PROV-JSON', checkProvJson],
  ['Hugging Face', checkHuggingFace],
  ['CycloneDX', checkCycloneDx],
];

function dataDir(argv: string[]): string {
  const i = argv.indexOf('--data');
  return resolve(i >= 0 && argv[i + 1] ? argv[i + 1]! : '../shared/data');
}

export function formatTable(rows: readonly ConformanceRow[]): string[] {
  const lines = ['| set | files | records | unmapped | failures | checked |', '|---|---:|---:|---:|---:|---|'];
  for (const r of rows) lines.push(`| ${r.set} | ${r.files} | ${r.records} | ${r.unmapped} | ${r.failures.length} | ${r.checked} |`);
  return lines;
}

async function main(): Promise<number> {
  const dir = dataDir(process.argv.slice(2));
  if (!existsSync(dir)) {
    console.log(`conformance: ${dir} not found — skipped (the third-party files are not part of a clone)`);
    return 0;
  }
  const rows: ConformanceRow[] = [];
  for (const [name, check] of CHECKS) {
    const t0 = performance.now();
    try {
      rows.push(...(await check(dir)));
    } catch (err) {
      rows.push({ set: name, files: 0, records: 0, unmapped: 0, failures: [`the check itself failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`], checked: 'crashed' });
    }
    console.error(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  for (const line of formatTable(rows)) console.log(line);
  const failures = rows.flatMap((r) => r.failures.map((f) => `${r.set}: ${f}`));
  for (const f of failures.slice(0, 100)) console.log(`FAIL ${f}`);
  if (failures.length > 100) console.log(`… ${failures.length - 100} more failures`);
  const passed = rows.filter((r) => r.failures.length === 0).length;
  console.log(`conformance: ${passed} passed, ${rows.length - passed} failed`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`conformance: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
