/**
 * Building one role's pack in memory: redact the snapshot for the role, split it into graph
 * files, encrypt them if the role has a passphrase, write a manifest that lists every file's
 * size and SHA-256 plus who built the pack, and sign the manifest's exact bytes. Detached
 * signing over bytes (not over re-serialised JSON) leaves nothing to canonicalise: the app
 * verifies the bytes it fetched before it parses them.
 */
import { FORMAT_VERSION, LITERATURE_MANIFEST_VERSION, MANIFEST_FORMAT, toGraphFile, type Manifest, type Relation, type SnapshotNode } from '../format/index.ts';
import { redactSnapshot, type Policy, type RedactionReport } from '../access/index.ts';
import type { PackHasher, PackSealer, PackSigner } from './pack-crypto.ts';
import { DEFAULT_NODES_PER_FILE, ENCRYPTED_SUFFIX, LITERATURE_DIR, MANIFEST_FILE, SIGNATURE_FILE, graphFileName } from './pack-layout.ts';
import type { LeftOutDocument } from './literature-filter.ts';

export interface PackSource {
  info: Manifest['snapshot'];
  nodes: readonly SnapshotNode[];
  relations: readonly Relation[];
}

export interface BuildPackOptions {
  source: PackSource;
  policy: Policy;
  /** `sha256:<hex>` of the policy file's bytes, recorded so an audit can name the policy used. */
  policyHash: string;
  role: string;
  builtBy: string;
  builtAt: string;
  builder: string;
  signer: PackSigner;
  hasher: PackHasher;
  /** Present for roles whose pack is encrypted. */
  sealer?: PackSealer;
  nodesPerFile?: number;
  /** The role's literature index, built from the documents it may read (literature-filter.ts). */
  literature?: RoleLiterature;
}

export interface RoleLiterature {
  /** The index's files, by path inside the literature folder. */
  files: ReadonlyMap<string, Uint8Array>;
  /** Documents indexed, and those left out with why (for the audit report). */
  kept: number;
  leftOut: LeftOutDocument[];
}

export interface PackFile {
  /** Path inside the role's folder. */
  path: string;
  bytes: Uint8Array;
}

export interface BuiltPack {
  role: string;
  manifest: Manifest;
  /** Every file of the role's folder, manifest.json and manifest.sig included. */
  files: PackFile[];
  report: RedactionReport;
  literature?: { kept: number; leftOut: LeftOutDocument[] };
}

export async function buildRolePack(opts: BuildPackOptions): Promise<BuiltPack> {
  const { source, role, hasher, sealer } = opts;
  const redacted = redactSnapshot(opts.policy, role, source);
  const files: PackFile[] = [];
  const listed: Manifest['files'] = [];
  const stored: NonNullable<NonNullable<Manifest['pack']>['encryption']>['stored'] = [];

  const add = async (path: string, plain: Uint8Array, contents: Manifest['files'][number]['contents']) => {
    listed.push({ path, sha256: await hasher.sha256Hex(plain), bytes: plain.byteLength, contents });
    if (sealer) {
      const sealed = await sealer.seal(plain, path);
      const storedPath = path + ENCRYPTED_SUFFIX;
      stored.push({ path: storedPath, of: path, sha256: await hasher.sha256Hex(sealed), bytes: sealed.byteLength });
      files.push({ path: storedPath, bytes: sealed });
    } else {
      files.push({ path, bytes: plain });
    }
  };
  for (const [i, chunk] of chunkGraph(redacted.nodes, redacted.relations, opts.nodesPerFile ?? DEFAULT_NODES_PER_FILE).entries()) {
    await add(graphFileName(i), hasher.encodeUtf8(JSON.stringify(toGraphFile(chunk.nodes, chunk.relations)) + '\n'), 'graph');
  }
  const literature = opts.literature;
  for (const name of [...(literature?.files.keys() ?? [])].sort()) await add(LITERATURE_DIR + name, literature!.files.get(name)!, 'literature');

  const { startNode, ...info } = source.info;
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    // Version 2 only when it is needed: older readers keep opening packs without literature.
    version: literature && literature.files.size > 0 ? LITERATURE_MANIFEST_VERSION : FORMAT_VERSION,
    // A start node the role may not see would name a hidden id: leave it out.
    snapshot: startNode !== undefined && redacted.keepsId(startNode) ? { ...info, startNode } : info,
    files: listed,
    pack: {
      role,
      builtBy: opts.builtBy,
      builtAt: opts.builtAt,
      builder: opts.builder,
      keyId: opts.signer.keyId,
      policyHash: opts.policyHash,
      hidden: {
        removed: redacted.report.removed.byKind,
        placeholders: redacted.report.placeholders.byKind,
        redacted: redacted.report.redacted,
      },
      ...(sealer ? { encryption: { ...sealer.params, stored } } : {}),
    },
  };
  const manifestBytes = hasher.encodeUtf8(JSON.stringify(manifest, null, 2) + '\n');
  const signature = await opts.signer.sign(manifestBytes);
  files.push({ path: MANIFEST_FILE, bytes: manifestBytes }, { path: SIGNATURE_FILE, bytes: hasher.encodeUtf8(signature + '\n') });
  return { role, manifest, files, report: redacted.report, ...(literature ? { literature: { kept: literature.kept, leftOut: literature.leftOut } } : {}) };
}

/** Splits nodes into files of at most `perFile`, relations spread over the same number of files. */
export function chunkGraph(nodes: SnapshotNode[], relations: Relation[], perFile: number): { nodes: SnapshotNode[]; relations: Relation[] }[] {
  const count = Math.max(1, Math.ceil(nodes.length / perFile), Math.ceil(relations.length / (2 * perFile)));
  const chunks = [];
  for (let i = 0; i < count; i++) {
    chunks.push({
      nodes: nodes.slice(Math.floor((i * nodes.length) / count), Math.floor(((i + 1) * nodes.length) / count)),
      relations: relations.slice(Math.floor((i * relations.length) / count), Math.floor(((i + 1) * relations.length) / count)),
    });
  }
  return chunks;
}
