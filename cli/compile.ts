/**
 * Writes the binary layout of a snapshot (docs/snapshot-format.md, "Binary layout"): the
 * graph core and search core the app opens without parsing, and the details chunks it
 * fetches on demand.
 *
 *   npm run compile -- <snapshot dir> --out <dir> [--layout binary|both]
 *
 * `binary` (default) writes only the binary layout; `both` also copies the graph files
 * (byte for byte) so that the folder stays a JSON snapshot for other tools. `--out` may be
 * the snapshot folder itself with `--layout both`: the core is added beside its files.
 * The snapshot is read and verified first (every file's SHA-256); integrity problems are
 * carried into the core and printed.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BINARY_MANIFEST_VERSION, formatProblem, SnapshotError, type Manifest } from '../src/core/format/index.ts';
import { makeItemLocator } from '../src/core/graph/index.ts';
import { readSnapshotDir, writeCoreFiles } from './lib/snapshot-files.ts';

const USAGE = 'usage: npm run compile -- <snapshot dir> --out <dir> [--layout binary|both]';

class UsageError extends Error {}

export async function compileSnapshot(src: string, out: string, layout: 'binary' | 'both'): Promise<{ manifest: Manifest; seconds: number; problems: number; bytes: { graph: number; search: number; details: number }; chunks: number }> {
  const t0 = performance.now();
  const inPlace = resolve(src) === resolve(out);
  if (inPlace && layout === 'binary') throw new UsageError('--out is the snapshot folder: use --layout both to add the binary layout beside its graph files');
  const loaded = await readSnapshotDir(src);
  const graphFiles = loaded.manifest.files.filter((f) => f.contents === 'graph');
  if (graphFiles.length === 0) throw new UsageError(`${src} has no graph files: it is already in the binary layout`);
  mkdirSync(out, { recursive: true });
  if (layout === 'both' && !inPlace) {
    for (const f of graphFiles) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      copyFileSync(join(src, f.path), join(out, f.path));
    }
  }
  const written = writeCoreFiles(out, loaded.nodes, loaded.relations, {
    locateNode: makeItemLocator('nodes', loaded.nodeFiles),
    locateRelation: makeItemLocator('relations', loaded.relationFiles),
    summaryFile: graphFiles[0]!.path,
  });
  const kept = layout === 'both' ? loaded.manifest.files.filter((f) => f.contents !== 'core' && f.contents !== 'search') : [];
  const manifest: Manifest = { ...loaded.manifest, version: BINARY_MANIFEST_VERSION, files: [...kept, ...written.files] };
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { manifest, seconds: (performance.now() - t0) / 1000, problems: written.meta.warnings.length, bytes: written.bytes, chunks: written.nodeChunks + written.relationChunks };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { out: { type: 'string' }, layout: { type: 'string' }, help: { type: 'boolean' } }, allowPositionals: true });
  if (values.help) return void console.log(USAGE);
  const src = positionals[0];
  if (!src || !values.out || positionals.length > 1) throw new UsageError('name one snapshot folder and --out');
  const layout = values.layout ?? 'binary';
  if (layout !== 'binary' && layout !== 'both') throw new UsageError('--layout must be binary or both');
  const r = await compileSnapshot(src, values.out, layout);
  const mb = (n: number) => (n / 1e6).toFixed(1);
  console.log(
    `wrote ${values.out}: graph core ${mb(r.bytes.graph)} MB, search core ${mb(r.bytes.search)} MB, ${r.chunks} details chunks ${mb(r.bytes.details)} MB, in ${r.seconds.toFixed(1)} s` +
      (r.problems > 0 ? ` — ${r.problems} integrity problems kept as warnings` : ''),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    if (err instanceof UsageError) console.error(`compile: ${err.message}\n${USAGE}`);
    else if (err instanceof SnapshotError) console.error(`compile: the snapshot could not be read:\n${err.problems.map(formatProblem).join('\n')}`);
    else console.error(`compile: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  });
}
