/**
 * Building one role's pack in memory: redact the snapshot for the role, write it in the
 * binary layout (and/or as graph files), encrypt the files if the role has a passphrase, write a manifest that lists every file's
 * size and SHA-256 (but of details chunks and literature parts, whose hashes are in a listed
 * file: the graph core, a part table) plus who built the pack, and sign the manifest's exact bytes. Detached
 * signing over bytes (not over re-serialised JSON) leaves nothing to canonicalise: the app
 * verifies the bytes it fetched before it parses them.
 */
import { BINARY_MANIFEST_VERSION, FORMAT_VERSION, LITERATURE_MANIFEST_VERSION, MANIFEST_FORMAT, toGraphFile, type Manifest, type Relation, type SnapshotNode } from '../format/index.ts';
import { CoreSnapshotWriter } from '../columnar/index.ts';
import { sha256Bytes } from '../access/sha256.ts';
import { redactSnapshot, type Policy, type RedactionReport } from '../access/index.ts';
import type { PackHasher, PackSealer, PackSigner } from './pack-crypto.ts';
import { DEFAULT_NODES_PER_FILE, ENCRYPTED_SUFFIX, LITERATURE_DIR, MANIFEST_FILE, SIGNATURE_FILE, graphFileName } from './pack-layout.ts';
import type { LeftOutDocument } from './literature-filter.ts';
import { coveredByTable } from '../search/part-tables.ts';
import { isBundleFile, writePartBundles } from '../search/part-bundles.ts';

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
  /**
   * `binary` (default): the graph core, search core and details chunks the app opens
   * fastest (core/columnar); `json`: graph files; `both`: both (the app reads the core).
   */
  layout?: SnapshotLayout;
  /** Raw SHA-256 for the details chunks the core lists (default: core's own; the CLI passes node:crypto's). */
  sha256?: (bytes: Uint8Array) => Uint8Array;
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

  /** A file the manifest does not list, as another listed file holds its hash: encrypted like every file, without a `stored` entry (AES-GCM binds it to its path). Returns the bytes stored. */
  const unlisted = async (path: string, plain: Uint8Array): Promise<Uint8Array> => {
    const file = sealer ? { path: path + ENCRYPTED_SUFFIX, bytes: await sealer.seal(plain, path) } : { path, bytes: plain };
    files.push(file);
    return file.bytes;
  };
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
  const layout = opts.layout ?? 'binary';
  if (layout !== 'binary') {
    for (const [i, chunk] of chunkGraph(redacted.nodes, redacted.relations, opts.nodesPerFile ?? DEFAULT_NODES_PER_FILE).entries()) {
      await add(graphFileName(i), hasher.encodeUtf8(JSON.stringify(toGraphFile(chunk.nodes, chunk.relations)) + '\n'), 'graph');
    }
  }
  if (layout !== 'json') {
    // Written from the redacted graph only: nothing the role may not see reaches the core,
    // its keyword index or the chunks.
    const core = writeCoreFiles(redacted.nodes, redacted.relations, hasher, opts.sha256 ?? sha256Bytes);
    for (const f of core.listed) await add(f.path, core.files.get(f.path)!, f.contents);
    // Details chunks are not listed (their hashes are in the core).
    for (const [path, plain] of core.files) if (!core.listed.some((f) => f.path === path)) await unlisted(path, plain);
  }
  const literature = opts.literature;
  const has = (name: string) => literature!.files.has(name);
  /** The stored bytes of the index's numbered parts (sealed, in an encrypted pack), for its bundles. */
  const storedParts = new Map<string, Uint8Array>();
  for (const name of [...(literature?.files.keys() ?? [])].sort()) {
    // Bundles hold the stored parts: written below from this pack's own (sealed) copies.
    if (isBundleFile(name)) continue;
    // A partitioned index's numbered parts are signed through their part tables, which are listed.
    const bytes = literature!.files.get(name)!;
    if (coveredByTable(name, has)) storedParts.set(name, await unlisted(LITERATURE_DIR + name, bytes));
    else await add(LITERATURE_DIR + name, bytes, 'literature');
  }
  if (literature && [...literature.files.keys()].some(isBundleFile)) {
    for (const [name, bytes] of writePartBundles(storedParts)) {
      // The sizes say where each part lies: listed, so signed (and sealed like any file). A
      // bundle is not: each part read out of it is decrypted and checked against its table.
      if (name.endsWith('.parts')) files.push({ path: LITERATURE_DIR + name, bytes });
      else await add(LITERATURE_DIR + name, bytes, 'literature');
    }
  }

  const { startNode, ...info } = source.info;
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    // The lowest version that has what the pack holds: older readers keep opening what they can.
    version: layout !== 'json' ? BINARY_MANIFEST_VERSION : literature && literature.files.size > 0 ? LITERATURE_MANIFEST_VERSION : FORMAT_VERSION,
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

export type SnapshotLayout = 'json' | 'binary' | 'both';

/** The binary layout of a graph, in memory: every file by path, and the manifest entries of the two cores. */
function writeCoreFiles(nodes: readonly SnapshotNode[], relations: readonly Relation[], hasher: PackHasher, sha256: (bytes: Uint8Array) => Uint8Array) {
  const files = new Map<string, Uint8Array>();
  const writer = new CoreSnapshotWriter(
    { encodeUtf8: hasher.encodeUtf8, sha256, sha256Hex: (b) => bytesToHex(sha256(b)), writeFile: (path, bytes) => void files.set(path, bytes) },
    { expectedNodes: nodes.length, expectedRelations: relations.length },
  );
  for (const n of nodes) writer.addNode(n);
  for (const r of relations) writer.addRelation(r);
  return { files, listed: writer.finish().files };
}

const bytesToHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

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
