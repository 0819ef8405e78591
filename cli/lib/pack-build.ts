/**
 * The pack build behind `npm run pack`: read and verify the snapshot, validate the policy,
 * build, encrypt and sign one pack per role, write each to `<out>/<role>/` (replacing what
 * was there) and the audit report to `<out>/build-report.md`, outside every role folder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { parsePolicy, type Policy } from '../../src/core/access/index.ts';
import type { Relation, SnapshotNode } from '../../src/core/format/index.ts';
import { BUILD_REPORT_FILE, auditReportMarkdown, buildRolePack, literatureFilterContext, literatureForRole, type BuiltPack, type RoleLiterature, type SnapshotLayout } from '../../src/core/pack/index.ts';
import type { LiteratureDoc } from '../../src/core/search/literature-pack.ts';
import { nodeRuntimeOptions, readModelFolder } from './literature-node-io.ts';
import { buildLiteraturePack } from './literature-pack-build.ts';
import { parseCorpusFile, type ParsedCorpus } from './literature-parse.ts';
import { DEFAULT_PBKDF2_ITERATIONS, passphraseSealer, pemSigner, webHasher } from '../../src/platform/index.ts';
import { readSnapshotDir, sha256Hex } from './snapshot-files.ts';

export interface BuildPacksOptions {
  policyPath: string;
  snapshotDir: string;
  outDir: string;
  privateKeyPem: string;
  /** Roles to build; default every role of the policy. */
  roles?: string[];
  /** Passphrase per role whose pack is encrypted. */
  passphrases?: Record<string, string>;
  iterations?: number;
  builtBy?: string;
  builtAt?: string;
  nodesPerFile?: number;
  /** Layout of the graph in each pack (default binary). */
  layout?: SnapshotLayout;
  /**
   * A literature corpus (what `npm run pack:literature` reads) to index per role: each role's
   * index holds only the documents it may read (core/pack/literature-filter.ts).
   */
  literature?: {
    corpusPath: string;
    /** Model folder to use; default: train the default model per role. */
    modelDir?: string;
    /** NLI model folder each role's index carries for the output check (signed with the pack). */
    nliDir?: string;
    /** Write each role's index partitioned (docs/literature-scale.md), optionally with lists of about this many documents. */
    partitioned?: { listRows?: number; listCodes?: 'int8' | 'int4' };
  };
}

export interface BuildPacksResult {
  packs: BuiltPack[];
  seconds: Record<string, number>;
  reportPath: string;
  /** Records of the literature corpus that could not be used (with line numbers). */
  literatureProblems: ParsedCorpus['problems'];
}

export async function buildPacks(opts: BuildPacksOptions): Promise<BuildPacksResult> {
  const policyBytes = readFileSync(opts.policyPath);
  const policy = parsePolicy(JSON.parse(policyBytes.toString('utf8')));
  const roles = opts.roles ?? Object.keys(policy.roles);
  for (const role of Object.keys(opts.passphrases ?? {})) {
    if (!roles.includes(role)) throw new Error(`--encrypt names role "${role}", which is not being built (roles: ${roles.join(', ')})`);
  }
  // Role folders are deleted and rewritten: never let one of them be, or hold, the input.
  const source = resolve(opts.snapshotDir);
  for (const role of roles) {
    const target = resolve(opts.outDir, role);
    if (source === target || source.startsWith(target + sep)) throw new Error(`--out ${opts.outDir} would overwrite the snapshot ${opts.snapshotDir} (role folder ${target})`);
  }
  const snapshot = await readSnapshotDir(opts.snapshotDir);
  const signer = await pemSigner(opts.privateKeyPem);
  const builtAt = opts.builtAt ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const builtBy = opts.builtBy ?? `${userInfo().username}@${hostname()}`;
  const builder = `raireki pack ${packageVersion()}`;
  const policyHash = `sha256:${sha256Hex(policyBytes)}`;
  const corpus = opts.literature ? parseCorpusFile(opts.literature.corpusPath, readFileSync(opts.literature.corpusPath, 'utf8')) : null;
  if (corpus && corpus.docs.length === 0) throw new Error(`${opts.literature!.corpusPath}: no usable literature records`);
  const modelFiles = opts.literature?.modelDir ? await readModelFolder(opts.literature.modelDir) : undefined;
  const nliFiles = opts.literature?.nliDir ? await readModelFolder(opts.literature.nliDir) : undefined;

  const packs: BuiltPack[] = [];
  const seconds: Record<string, number> = {};
  for (const role of roles) {
    const started = performance.now();
    const passphrase = opts.passphrases?.[role];
    const sealer = passphrase === undefined ? undefined : await passphraseSealer(passphrase, role, { iterations: opts.iterations ?? DEFAULT_PBKDF2_ITERATIONS });
    const pack = await buildRolePack({
      source: { info: snapshot.manifest.snapshot, nodes: snapshot.nodes, relations: snapshot.relations },
      policy,
      policyHash,
      role,
      builtBy,
      builtAt,
      builder,
      signer,
      hasher: webHasher,
      sealer,
      nodesPerFile: opts.nodesPerFile,
      layout: opts.layout,
      sha256: (bytes) => createHash('sha256').update(bytes).digest(),
      literature: corpus ? await roleLiterature(corpus.docs, policy, role, snapshot, modelFiles, nliFiles, opts.literature?.partitioned) : undefined,
    });
    writePackDir(join(opts.outDir, role), pack);
    seconds[role] = (performance.now() - started) / 1000;
    packs.push(pack);
  }
  const reportPath = join(opts.outDir, BUILD_REPORT_FILE);
  const meta = { builtBy, builtAt, builder, policyPath: opts.policyPath, policyHash, keyId: signer.keyId, snapshotId: snapshot.manifest.snapshot.id, seconds };
  writeFileSync(reportPath, auditReportMarkdown(meta, policy, packs));
  return { packs, seconds, reportPath, literatureProblems: corpus?.problems ?? [] };
}

/**
 * The role's literature index, built from the documents it may read alone: with the
 * default model, the model too is trained on those documents only, so its vocabulary
 * cannot hold a word that only a left-out document has.
 */
async function roleLiterature(
  docs: readonly LiteratureDoc[],
  policy: Policy,
  role: string,
  snapshot: { nodes: readonly SnapshotNode[]; relations: readonly Relation[] },
  modelFiles: Map<string, Uint8Array> | undefined,
  nliFiles?: Map<string, Uint8Array>,
  partitioned?: { listRows?: number; listCodes?: 'int8' | 'int4' },
): Promise<RoleLiterature> {
  const { kept, leftOut } = literatureForRole(docs, literatureFilterContext(policy, role, snapshot.nodes, snapshot.relations));
  if (kept.length === 0) return { files: new Map(), kept: 0, leftOut };
  const built = await buildLiteraturePack(kept, {
    runtime: nodeRuntimeOptions(),
    ...(modelFiles ? { modelFiles } : {}),
    ...(nliFiles ? { nliFiles } : {}),
    ...(partitioned ? { partitioned: true, partition: partitioned } : {}),
  });
  return { files: built.files, kept: kept.length, leftOut };
}

/** Replaces the role's folder: a file left from an earlier build must not be served. */
export function writePackDir(dir: string, pack: BuiltPack): void {
  rmSync(dir, { recursive: true, force: true });
  for (const file of pack.files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.bytes);
  }
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
