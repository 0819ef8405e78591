/**
 * Builds one signed pack per role of an access policy from a snapshot folder.
 *
 *   npm run pack -- --policy policy/default-policy.json --snapshot public/snapshots/sample \
 *     --out dist/packs --key keys/pack-signing-key.pem [--role clinician …] \
 *     [--encrypt clinician=secrets/clinician.pass …] [--built-by "name"] \
 *     [--literature fixtures/literature/corpus.jsonl [--literature-model <model folder>] [--literature-nli <NLI model folder>]]
 *
 * Writes <out>/<role>/{manifest.json, manifest.sig, core/…, details/…, literature/…} (with
 * --layout json|both, graph-*.json too; each file ….enc when encrypted) and
 * <out>/build-report.md (the audit trail: serve only the role folders, never <out> itself).
 * The default binary layout is what the app opens fastest (docs/snapshot-format.md).
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_PBKDF2_ITERATIONS } from '../src/platform/index.ts';
import { buildPacks } from './lib/pack-build.ts';

const USAGE = `usage: npm run pack -- --policy <file> --snapshot <dir> --out <dir> --key <private key PEM>
         [--role <role> …] [--encrypt <role>=<passphrase file> …] [--kdf-iterations <n ≥ ${DEFAULT_PBKDF2_ITERATIONS}>]
         [--built-by <name>] [--layout binary|json|both] [--nodes-per-file <n>]
         [--literature <corpus .jsonl|.csv> [--literature-model <model folder>] [--literature-nli <NLI model folder>]
                                            [--literature-partitioned [--literature-list-rows <n>] [--literature-list-codes int8|int4]]]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      policy: { type: 'string' },
      snapshot: { type: 'string' },
      out: { type: 'string' },
      key: { type: 'string' },
      role: { type: 'string', multiple: true },
      encrypt: { type: 'string', multiple: true },
      'kdf-iterations': { type: 'string' },
      'built-by': { type: 'string' },
      'nodes-per-file': { type: 'string' },
      layout: { type: 'string' },
      literature: { type: 'string' },
      'literature-model': { type: 'string' },
      'literature-nli': { type: 'string' },
      'literature-partitioned': { type: 'boolean' },
      'literature-list-rows': { type: 'string' },
      'literature-list-codes': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  const { policy, snapshot, out, key } = values;
  if (!policy || !snapshot || !out || !key) throw new UsageError('--policy, --snapshot, --out and --key are required');
  const iterations = values['kdf-iterations'] === undefined ? DEFAULT_PBKDF2_ITERATIONS : Number(values['kdf-iterations']);
  if (!Number.isInteger(iterations) || iterations < DEFAULT_PBKDF2_ITERATIONS) {
    throw new UsageError(`--kdf-iterations must be an integer of at least ${DEFAULT_PBKDF2_ITERATIONS} (OWASP 2023 for PBKDF2-SHA-256)`);
  }
  const nodesPerFile = values['nodes-per-file'] === undefined ? undefined : Number(values['nodes-per-file']);
  if (nodesPerFile !== undefined && !(Number.isInteger(nodesPerFile) && nodesPerFile > 0)) throw new UsageError('--nodes-per-file must be a positive integer');

  const layout = values.layout ?? 'binary';
  if (layout !== 'binary' && layout !== 'json' && layout !== 'both') throw new UsageError('--layout must be binary, json or both');
  if (values['literature-model'] && !values.literature) throw new UsageError('--literature-model needs --literature');
  if (values['literature-nli'] && !values.literature) throw new UsageError('--literature-nli needs --literature');
  if (values['literature-partitioned'] && !values.literature) throw new UsageError('--literature-partitioned needs --literature');
  const listRows = values['literature-list-rows'] === undefined ? undefined : Number(values['literature-list-rows']);
  if (listRows !== undefined && !(Number.isInteger(listRows) && listRows > 0 && values['literature-partitioned'])) {
    throw new UsageError('--literature-list-rows needs --literature-partitioned and a positive integer');
  }
  const listCodes = values['literature-list-codes'];
  if (listCodes !== undefined && !((listCodes === 'int8' || listCodes === 'int4') && values['literature-partitioned'])) {
    throw new UsageError('--literature-list-codes needs --literature-partitioned and int8 or int4');
  }
  const result = await buildPacks({
    policyPath: policy,
    snapshotDir: snapshot,
    outDir: out,
    privateKeyPem: readFileSync(key, 'utf8'),
    roles: values.role,
    passphrases: readPassphrases(values.encrypt ?? []),
    iterations,
    builtBy: values['built-by'],
    nodesPerFile,
    layout,
    literature: values.literature
      ? {
          corpusPath: values.literature,
          ...(values['literature-model'] ? { modelDir: values['literature-model'] } : {}),
          ...(values['literature-nli'] ? { nliDir: values['literature-nli'] } : {}),
          ...(values['literature-partitioned'] ? { partitioned: { ...(listRows ? { listRows } : {}), ...(listCodes ? { listCodes: listCodes as 'int8' | 'int4' } : {}) } } : {}),
        }
      : undefined,
  });
  for (const p of result.literatureProblems.slice(0, 20)) console.warn(`${values.literature}:${p.line}: ${p.message}`);
  for (const pack of result.packs) {
    const bytes = pack.files.reduce((n, f) => n + f.bytes.byteLength, 0);
    const enc = pack.manifest.pack?.encryption ? ', encrypted' : '';
    const lit = pack.literature ? `, literature ${pack.literature.kept} documents (${pack.literature.leftOut.length} left out)` : '';
    console.log(`${pack.role}: ${pack.files.length} files, ${(bytes / 1e6).toFixed(2)} MB, ${result.seconds[pack.role]!.toFixed(2)} s${enc}${lit} → ${out}/${pack.role}/`);
  }
  console.log(`build report → ${result.reportPath} (do not serve it)`);
}

/** `role=file` pairs; the passphrase is the file's content without its final line break. */
function readPassphrases(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--encrypt expects <role>=<passphrase file>, got "${pair}"`);
    const role = pair.slice(0, eq);
    const file = pair.slice(eq + 1);
    if ((statSync(file).mode & 0o077) !== 0) console.warn(`warning: ${file} is readable by other users; chmod 600 it`);
    const passphrase = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    if (passphrase.length < 12) throw new UsageError(`the passphrase in ${file} is shorter than 12 characters: use a long random passphrase (offline guessing is the main threat)`);
    out[role] = passphrase;
  }
  return out;
}

class UsageError extends Error {}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? `${err.message}\n${USAGE}` : err instanceof Error ? err.message : String(err));
  process.exit(err instanceof UsageError ? 2 : 1);
});
