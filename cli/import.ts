/**
 * Converts lineage in other formats into a Raireki snapshot.
 *
 *   npm run import -- <files or folders>… --out <snapshot dir> [--aliases <file>] [--classification internal]
 *
 * Reads OpenLineage events (JSON, JSON arrays, NDJSON, folders of them), W3C PROV-JSON,
 * Hugging Face model cards (README.md) and Hub JSON, CycloneDX ML-BOMs and Raireki graph
 * files; merges what is the same thing (docs/interop.md); writes a snapshot (manifest with
 * hashes, graph files, import-report.json) that the app and `npm run pack` open. Prints what
 * it read per format, what it merged and what it could not map, with file and place.
 * Exit code: 0 when a snapshot was written, 1 when nothing could be imported, 2 on usage.
 */
import { describeReport, runImport, type ImportArgs } from './lib/import-run.ts';
import { IMPORT_USAGE, parseImportArgs, UsageError } from './lib/import-args.ts';

async function main(): Promise<number> {
  let args: ImportArgs;
  try {
    args = parseImportArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`import: ${err.message}\n${IMPORT_USAGE}`);
      return 2;
    }
    throw err;
  }
  const t0 = performance.now();
  const result = await runImport(args);
  for (const line of describeReport(result, args.out)) console.error(line);
  if (!args.quiet) console.error(`took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return result.nodes > 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`import: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
