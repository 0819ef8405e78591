/**
 * Nodes of two snapshots: matched by id, then renames recognised among the unmatched, then
 * fingerprints compared. Both sides are streamed run by run; node chunks whose SHA-256 is
 * the same on both sides are not read at all (same bytes, same nodes).
 */
import type { SnapshotNode } from '../format/index.ts';
import { streamRuns, type DiffSide } from './diff-side.ts';
import { fingerprint, sameFingerprint } from './fingerprint.ts';
import type { RenameEvidence } from './diff-types.ts';

export interface NodeMatch {
  /** Node of b matched to node i of a (by id or as a rename), −1 if none. */
  aToB: Int32Array;
  bToA: Int32Array;
  /** Rename evidence of node i of a, when it was matched as a rename. */
  renamed: Map<number, RenameEvidence>;
  /** Per node: 1 when its chunk has the same bytes on the other side (known unchanged, not read). */
  sameA: Uint8Array;
  sameB: Uint8Array;
  /**
   * Fingerprint of each node read (two u32 per node): of its JSON as it came, so that a
   * member order that differs only costs a second look (the field comparison is canonical).
   */
  fpA: Uint32Array;
  fpB: Uint32Array;
  /** Whole nodes of b whose partner by id has another fingerprint, kept from reading b (so that b is not read again). */
  keptB: Map<number, SnapshotNode>;
}

/** What rename recognition needs of a node that found no partner by id. */
interface Unmatched {
  kind: string;
  contentHash?: string;
  aliases?: readonly string[];
}

export type PassProgress = (phase: 'nodes-a' | 'nodes-b' | 'relations-a' | 'relations-b' | 'compare', done: number, total: number) => void;

export async function matchNodes(a: DiffSide, b: DiffSide, progress?: PassProgress): Promise<NodeMatch> {
  const ia = a.index;
  const ib = b.index;
  const aToB = new Int32Array(ia.nodeCount).fill(-1);
  const bToA = new Int32Array(ib.nodeCount).fill(-1);
  for (let i = 0; i < ia.nodeCount; i++) {
    const j = ib.indexOf(ia.nodeId(i));
    if (j >= 0) {
      aToB[i] = j;
      bToA[j] = i;
    }
  }
  const digestsA = new Set(a.nodeRuns.map((r) => r.digest).filter((d) => d !== null));
  const digestsB = new Set(b.nodeRuns.map((r) => r.digest).filter((d) => d !== null));
  const sideA = await fingerprintNodes(a, digestsB, aToB, (d, t) => progress?.('nodes-a', d, t));
  const sideB = await fingerprintNodes(b, digestsA, bToA, (d, t) => progress?.('nodes-b', d, t), sideA.fp);
  const renamed = recogniseRenames(a, b, sideA.unmatched, sideB.unmatched, aToB, bToA);
  return { aToB, bToA, renamed, sameA: sideA.same, sameB: sideB.same, fpA: sideA.fp, fpB: sideB.fp, keptB: sideB.kept };
}

/**
 * Fingerprints one side's nodes, skipping runs whose digest the other side has. Given the
 * other side's fingerprints (b, read second), keeps the nodes whose partner's differs.
 */
async function fingerprintNodes(side: DiffSide, otherDigests: ReadonlySet<string>, partner: Int32Array, progress: (done: number, total: number) => void, otherFp?: Uint32Array) {
  const n = side.index.nodeCount;
  const fp = new Uint32Array(2 * n);
  const same = new Uint8Array(n);
  const unmatched = new Map<number, Unmatched>();
  const kept = new Map<number, SnapshotNode>();
  const runs = side.nodeRuns;
  const skip = (r: number) => runs[r]!.digest !== null && otherDigests.has(runs[r]!.digest!);
  for (let r = 0; r < runs.length; r++) if (skip(r)) same.fill(1, runs[r]!.first, runs[r]!.first + runs[r]!.count);
  await streamRuns(
    runs,
    (r) => !skip(r),
    (run, nodes, r) => {
      if (r % 256 === 0) progress(r, runs.length);
      for (let t = 0; t < nodes.length; t++) {
        const i = run.first + t;
        const node = nodes[t]!;
        fingerprint(JSON.stringify(node), fp, i);
        const p = partner[i]!;
        if (p < 0) unmatched.set(i, renameClues(node));
        else if (otherFp && !sameFingerprint(otherFp, p, fp, i)) kept.set(i, node);
      }
    },
  );
  progress(runs.length, runs.length);
  return { fp, same, unmatched, kept };
}

function renameClues(node: SnapshotNode): Unmatched {
  const clues: Unmatched = { kind: node.kind };
  if (node.contentHash) clues.contentHash = node.contentHash;
  if (node.aliases?.length) clues.aliases = node.aliases;
  return clues;
}

/**
 * Pairs nodes that lost their partner by id: first by aliases (b's node names a's id among
 * its aliases, or a's node names b's id), then by content hash (same kind and `contentHash`,
 * one node on each side having it). Anything else stays removed and added.
 */
function recogniseRenames(a: DiffSide, b: DiffSide, lostA: Map<number, Unmatched>, lostB: Map<number, Unmatched>, aToB: Int32Array, bToA: Int32Array): Map<number, RenameEvidence> {
  const renamed = new Map<number, RenameEvidence>();
  const pair = (i: number, j: number, why: RenameEvidence) => {
    if (aToB[i]! >= 0 || bToA[j]! >= 0 || !lostA.has(i) || !lostB.has(j)) return;
    if (lostA.get(i)!.kind !== lostB.get(j)!.kind) return;
    aToB[i] = j;
    bToA[j] = i;
    renamed.set(i, why);
  };
  for (const [j, clues] of lostB) for (const alias of clues.aliases ?? []) pair(a.index.indexOf(alias), j, 'alias');
  for (const [i, clues] of lostA) for (const alias of clues.aliases ?? []) pair(i, b.index.indexOf(alias), 'alias');
  const byHash = (lost: Map<number, Unmatched>, partner: Int32Array) => {
    const groups = new Map<string, number[]>();
    for (const [i, clues] of lost) {
      if (!clues.contentHash || partner[i]! >= 0) continue;
      const key = `${clues.kind} ${clues.contentHash}`;
      const list = groups.get(key);
      if (list) list.push(i);
      else groups.set(key, [i]);
    }
    return groups;
  };
  const hashesA = byHash(lostA, aToB);
  const hashesB = byHash(lostB, bToA);
  for (const [key, is] of hashesA) {
    const js = hashesB.get(key);
    if (is.length === 1 && js?.length === 1) pair(is[0]!, js[0]!, 'content-hash');
  }
  return renamed;
}
