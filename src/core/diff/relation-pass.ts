/**
 * Relations of two snapshots. A relation has no identity of its own in the format, so it is
 * identified by its type and its two ends, the ends being matched nodes (a renamed node's
 * relations therefore match across the rename). Where several relations share type and ends,
 * those with the same fields pair first (where an end was renamed: in source order), then the
 * rest in source order. Edges are matched on
 * the graph indexes' typed arrays; relations that are no edge (an end missing or not a node)
 * by a key of type and ids.
 */
import type { Relation } from '../format/index.ts';
import { streamRuns, type DiffSide } from './diff-side.ts';
import { canonicalJson, fingerprint, sameFingerprint } from './fingerprint.ts';
import type { NodeMatch, PassProgress } from './node-pass.ts';

export interface StreamedRelations {
  /**
   * Fingerprint of each edge: of its JSON as it came, ends included (a relation whose end was
   * renamed is compared field by field anyway).
   */
  fp: Uint32Array;
  /** Source position of each edge (its place among all relations). */
  position: Int32Array;
  /** Relations that are no edge, with their source position and canonical JSON without the ends. */
  loose: { position: number; relation: Relation; fp: string }[];
}

export interface RelationMatch {
  edgeAToB: Int32Array;
  edgeBToA: Int32Array;
  /** Loose relations of a paired to loose relations of b (indices into `loose`). */
  looseAToB: Map<number, number>;
  /** Whole relations of b's edges paired in the second round (changed, or an end renamed), kept from reading b. */
  keptB: Map<number, Relation>;
  a: StreamedRelations;
  b: StreamedRelations;
}

/** Called with each edge as it is read (its fingerprint already written). */
type OnEdge = (rel: Relation, edge: number, fp: Uint32Array) => void;

async function streamRelations(side: DiffSide, progress: (done: number, total: number) => void, onEdge?: OnEdge): Promise<StreamedRelations> {
  const { index } = side;
  const fp = new Uint32Array(2 * index.edgeCount);
  const position = new Int32Array(index.edgeCount);
  const loose: StreamedRelations['loose'] = [];
  let edge = 0;
  let prevFrom: string | undefined;
  let prevTo: string | undefined;
  let f = -1;
  let t = -1;
  const runs = side.relationRuns;
  await streamRuns(
    runs,
    () => true,
    (run, relations, r) => {
      if (r % 64 === 0) progress(r, runs.length);
      for (let k = 0; k < relations.length; k++) {
        const rel = relations[k]!;
        // The graph builder's rule (core/graph/graph-builder.ts): an edge has both ends, both nodes.
        if (rel.to !== undefined) {
          if (rel.from !== prevFrom) f = index.indexOf((prevFrom = rel.from));
          if (rel.to !== prevTo) t = index.indexOf((prevTo = rel.to));
        }
        if (rel.to !== undefined && f >= 0 && t >= 0) {
          if (edge >= index.edgeCount) throw new Error(`${side.name}: its relations hold more edges than its graph index (${index.edgeCount})`);
          fingerprint(JSON.stringify(rel), fp, edge);
          position[edge] = run.first + k;
          onEdge?.(rel, edge, fp);
          edge++;
        } else {
          loose.push({ position: run.first + k, relation: rel, fp: canonicalJson({ ...rel, from: undefined, to: undefined }) });
        }
      }
    },
  );
  if (edge !== index.edgeCount) throw new Error(`${side.name}: its relations hold ${edge} edges but its graph index ${index.edgeCount}`);
  progress(runs.length, runs.length);
  return { fp, position, loose };
}

export async function matchRelations(a: DiffSide, b: DiffSide, nodes: NodeMatch, progress?: PassProgress): Promise<RelationMatch> {
  const ia = a.index;
  const ib = b.index;
  const sa = await streamRelations(a, (d, t) => progress?.('relations-a', d, t));
  const edgeAToB = new Int32Array(ia.edgeCount).fill(-1);
  const edgeBToA = new Int32Array(ib.edgeCount).fill(-1);
  const keptB = new Map<number, Relation>();
  // First round, while b is read: an edge of b pairs with an unpaired edge of a with the same
  // type, ends and fingerprint (so that of two parallel relations the unchanged one pairs with
  // its twin). An edge of b left over whose ends are both in a may be a changed relation: it is
  // kept, so that b need not be read again.
  const sb = await streamRelations(
    b,
    (d, t) => progress?.('relations-b', d, t),
    (rel, e2, fpB) => {
      const fa = nodes.bToA[ib.edgeFrom[e2]!]!;
      const ta = nodes.bToA[ib.edgeTo[e2]!]!;
      if (fa < 0 || ta < 0) return;
      const type = ib.typeCodes[e2]!;
      for (let k = ia.outOffsets[fa]!; k < ia.outOffsets[fa + 1]!; k++) {
        const e = ia.outEdges[k]!;
        if (edgeAToB[e]! >= 0 || ia.edgeTo[e] !== ta || ia.typeCodes[e] !== type || !sameFingerprint(sa.fp, e, fpB, e2)) continue;
        edgeAToB[e] = e2;
        edgeBToA[e2] = e;
        return;
      }
      keptB.set(e2, rel);
    },
  );
  // Second round: what is left pairs by type and ends alone, in source order.
  for (let e = 0; e < ia.edgeCount; e++) {
    if (edgeAToB[e]! >= 0) continue;
    const fb = nodes.aToB[ia.edgeFrom[e]!]!;
    const tb = nodes.aToB[ia.edgeTo[e]!]!;
    if (fb < 0 || tb < 0) continue;
    const type = ia.typeCodes[e]!;
    for (let k = ib.outOffsets[fb]!; k < ib.outOffsets[fb + 1]!; k++) {
      const e2 = ib.outEdges[k]!;
      if (edgeBToA[e2]! >= 0 || ib.edgeTo[e2] !== tb || ib.typeCodes[e2] !== type) continue;
      edgeAToB[e] = e2;
      edgeBToA[e2] = e;
      break;
    }
  }
  for (const e2 of keptB.keys()) if (edgeBToA[e2]! < 0) keptB.delete(e2);
  return { edgeAToB, edgeBToA, looseAToB: matchLoose(a, b, sa, sb, nodes), a: sa, b: sb, keptB };
}

/** Loose relations: keyed by type and ends, a's node ids taken through the node match. */
function matchLoose(a: DiffSide, b: DiffSide, sa: StreamedRelations, sb: StreamedRelations, nodes: NodeMatch): Map<number, number> {
  const endInB = (id: string): string => {
    const i = a.index.indexOf(id);
    const j = i >= 0 ? nodes.aToB[i]! : -1;
    return j >= 0 ? b.index.nodeId(j) : id;
  };
  const key = (r: Relation, mapEnd: (id: string) => string) => `${r.type}\u0000${mapEnd(r.from)}\u0000${r.to === undefined ? '\u0001' : mapEnd(r.to)}`;
  const free = new Map<string, number[]>();
  sb.loose.forEach((l, k) => {
    const kk = key(l.relation, (id) => id);
    const list = free.get(kk);
    if (list) list.push(k);
    else free.set(kk, [k]);
  });
  const out = new Map<number, number>();
  for (const exact of [true, false]) {
    sa.loose.forEach((l, k) => {
      if (out.has(k)) return;
      const list = free.get(key(l.relation, endInB));
      if (!list) return;
      const at = list.findIndex((k2) => !exact || sb.loose[k2]!.fp === l.fp);
      if (at < 0) return;
      out.set(k, list[at]!);
      list.splice(at, 1);
    });
  }
  return out;
}
