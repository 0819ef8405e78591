/**
 * What changed between two snapshots, or two packs of one role (docs/diff.md).
 *
 *   npm run diff -- <a> <b> [--kinds model,dataset] [--changes added,removed,changed,renamed]
 *                  [--csv out.csv] [--json] [--lang en|ja] [--public-key <file>] [--passphrase-file <file>]
 *
 * <a> is the older, <b> the newer: snapshot folders (JSON graph files or the binary layout;
 * a folder's manifest.json may be named instead), or role packs (`npm run pack`), whose
 * signature is checked against --public-key first. Prints a summary (or, with --json, the
 * whole diff as JSON) and writes every change of the filter to --csv.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { hasCore, loadCore } from '../src/core/columnar/index.ts';
import { NODE_KINDS, SnapshotError, formatProblem, loadSnapshot, parseManifest, type NodeKind } from '../src/core/format/index.ts';
import { CHANGE_TYPES, coreDiffSide, diffCsv, diffSnapshots, diffSummaryText, DiffRefusedError, loadedDiffSide, type ChangeType, type DiffFilter, type DiffSide, type SnapshotDiff } from '../src/core/diff/index.ts';
import { PackRefusedError, openPack, parseTrustedKeys } from '../src/platform/index.ts';
import { nodeLoadIo } from './lib/snapshot-files.ts';

const USAGE =
  'usage: npm run diff -- <a> <b> [--kinds model,dataset,…] [--changes added,removed,changed,renamed] [--csv out.csv] [--json] [--lang en|ja] [--public-key <file>] [--passphrase-file <file>]';

export class UsageError extends Error {}

export interface OpenOptions {
  /** Contents of the trusted public key file, for packs. */
  publicKey?: string;
  passphrase?: string;
}

/** The snapshot folder a path names: the folder itself, or the folder of a manifest.json named directly. */
function folderOf(path: string): string {
  if (!existsSync(path)) throw new UsageError(`${path}: no such file or folder`);
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  if (!statSync(path).isDirectory() && basename(path) !== 'manifest.json') throw new UsageError(`${path}: name a snapshot or pack folder, or its manifest.json`);
  if (!existsSync(join(dir, 'manifest.json'))) throw new UsageError(`${path} has no manifest.json: name a snapshot folder (npm run gen:snapshot, import, compile) or a role pack folder (npm run pack)`);
  return dir;
}

/** Opens one side: a role pack (signature first) or a snapshot of either layout, verified as the app does. */
export async function openDiffSide(path: string, opts: OpenOptions = {}): Promise<DiffSide> {
  try {
    return await open(path, opts);
  } catch (err) {
    // Two snapshots are open: a problem names the folder too, not only the file inside it.
    if (err instanceof SnapshotError) throw new SnapshotError(err.problems.map((p) => ({ ...p, file: join(path, p.file) })));
    if (err instanceof PackRefusedError) throw new PackRefusedError(err.code, join(path, err.file), err.message.replace(/^Pack refused: /, ''));
    throw err;
  }
}

async function open(path: string, opts: OpenOptions): Promise<DiffSide> {
  const dir = folderOf(path);
  const text = readFileSync(join(dir, 'manifest.json'), 'utf8');
  const parsed = parseManifest(text, `${dir}/manifest.json`);
  if (!parsed.ok) throw new SnapshotError(parsed.problems);
  const io = nodeLoadIo(dir);
  if (parsed.value.pack || existsSync(join(dir, 'manifest.sig'))) {
    if (!opts.publicKey) throw new UsageError(`${path} is a role pack (${parsed.value.pack?.role ?? 'signed'}): give --public-key <file> to check its signature`);
    const opened = await openPack({ read: io.read, trustedKeys: await parseTrustedKeys(opts.publicKey), passphrase: opts.passphrase === undefined ? undefined : async () => opts.passphrase! });
    return opened.snapshot.layout === 'binary' ? coreDiffSide(path, opened.snapshot.core) : loadedDiffSide(path, opened.snapshot.loaded);
  }
  if (hasCore(parsed.value)) return coreDiffSide(path, await loadCore(parsed.value, io));
  return loadedDiffSide(path, await loadSnapshot(text, io, 'manifest.json'));
}

function list<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T[] | null {
  if (value === undefined) return null;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((x) => !allowed.includes(x as T));
  if (bad.length) throw new UsageError(`${option}: unknown ${bad.map((b) => `"${b}"`).join(', ')} (one of ${allowed.join(', ')})`);
  return items as T[];
}

export interface DiffRun {
  diff: SnapshotDiff;
  /** What the command prints. */
  output: string;
  seconds: number;
}

export async function runDiff(argv: string[]): Promise<DiffRun> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      kinds: { type: 'string' },
      changes: { type: 'string' },
      csv: { type: 'string' },
      json: { type: 'boolean' },
      lang: { type: 'string' },
      'public-key': { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 2) throw new UsageError(`name two snapshots, the older first (got ${positionals.length})`);
  const lang = values.lang ?? 'en';
  if (lang !== 'en' && lang !== 'ja') throw new UsageError('--lang must be en or ja');
  const filter: DiffFilter = { kinds: list<NodeKind>(values.kinds, NODE_KINDS, '--kinds'), changes: list<ChangeType>(values.changes, CHANGE_TYPES, '--changes') };
  const keyFile = values['public-key'];
  if (keyFile && !existsSync(keyFile)) throw new UsageError(`--public-key: ${keyFile}: no such file`);
  const opts: OpenOptions = {
    publicKey: keyFile ? readFileSync(keyFile, 'utf8') : undefined,
    passphrase: values['passphrase-file'] ? readFileSync(values['passphrase-file'], 'utf8').replace(/\r?\n$/, '') : undefined,
  };
  const t0 = performance.now();
  const a = await openDiffSide(positionals[0]!, opts);
  const b = await openDiffSide(positionals[1]!, opts);
  const diff = await diffSnapshots(a, b);
  const seconds = (performance.now() - t0) / 1000;
  if (values.csv) writeFileSync(values.csv, '\ufeff' + diffCsv(diff, filter, lang));
  const output = values.json ? JSON.stringify(diff, null, 2) + '\n' : diffSummaryText(diff, filter) + (values.csv ? `wrote ${values.csv}\n` : '');
  return { diff, output, seconds };
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void console.log(USAGE);
  const run = await runDiff(process.argv.slice(2));
  process.stdout.write(run.output);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    if (err instanceof UsageError) console.error(`diff: ${err.message}\n${USAGE}`);
    else if (err instanceof SnapshotError) console.error(`diff: a snapshot could not be read:\n${err.problems.map(formatProblem).join('\n')}`);
    else if (err instanceof PackRefusedError || err instanceof DiffRefusedError) console.error(`diff: ${err.message}`);
    else console.error(`diff: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  });
}
