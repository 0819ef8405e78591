/**
 * Compares two loaded snapshots (docs/diff.md): nodes and relations added, removed and
 * changed field by field, renamed nodes, re-classifications and new outputs per model.
 * The newer snapshot is b. Works on either layout through DiffSide, reading each side's
 * records once (plus the few that changed, again), so memory stays a few typed arrays per
 * node and edge beyond what the loaded snapshots hold.
 */
import { NODE_KINDS, RELATION_TYPES, type Relation, type SnapshotNode } from '../format/index.ts';
import type { GraphIndex, NodeHead } from '../graph/index.ts';
import { eachRecordAt, recordsAt, type DiffSide } from './diff-side.ts';
import type { DiffSideInfo, FieldChange, NewOutputs, NodeChange, Reclassification, RelationChange, RelationEnd, SnapshotDiff } from './diff-types.ts';
import { fieldChanges } from './field-changes.ts';
import { sameFingerprint } from './fingerprint.ts';
import { matchNodes, type PassProgress } from './node-pass.ts';
import { matchRelations, type RelationMatch } from './relation-pass.ts';

/** Outputs listed per model in `newOutputs` (the count covers all). */
export const NEW_OUTPUTS_LISTED = 20;

/** Two snapshots that must not be compared: a pack and a snapshot, or packs of different roles. */
export class DiffRefusedError extends Error {}

function roleOf(side: DiffSide): string | null {
  return side.manifest.pack?.role ?? null;
}

/**
 * A role's pack holds only what that role may see; compared with anything but a pack of the
 * same role, every hidden node would read as removed or added.
 */
export function checkComparable(a: DiffSide, b: DiffSide): void {
  const ra = roleOf(a);
  const rb = roleOf(b);
  if (ra === rb) return;
  if (ra !== null && rb !== null) throw new DiffRefusedError(`${a.name} is the "${ra}" role's pack and ${b.name} the "${rb}" role's: only packs of one role can be compared`);
  const [pack, plain, role] = ra !== null ? [a, b, ra] : [b, a, rb!];
  throw new DiffRefusedError(`${pack.name} is the "${role}" role's pack and ${plain.name} is not a pack: compare a pack only with another pack of the same role`);
}

function info(side: DiffSide, relationCount: number): DiffSideInfo {
  return {
    name: side.name,
    id: side.manifest.snapshot.id,
    createdAt: side.manifest.snapshot.createdAt,
    layout: side.layout,
    nodeCount: side.index.nodeCount,
    relationCount,
    role: roleOf(side),
  };
}

export async function diffSnapshots(a: DiffSide, b: DiffSide, progress?: PassProgress): Promise<SnapshotDiff> {
  checkComparable(a, b);
  const m = await matchNodes(a, b, progress);
  const r = await matchRelations(a, b, m, progress);
  progress?.('compare', 0, 1);
  const nodes: NodeChange[] = [];
  for (let i = 0; i < a.index.nodeCount; i++) if (m.aToB[i]! < 0) nodes.push({ change: 'removed', node: a.index.nodeHead(i), fields: [] });
  // Changed and renamed nodes, compared field by field.
  const pairs: number[] = [];
  for (let i = 0; i < a.index.nodeCount; i++) {
    const j = m.aToB[i]!;
    if (j < 0) continue;
    if (m.renamed.has(i) || (!m.sameA[i] && !sameFingerprint(m.fpA, i, m.fpB, j))) pairs.push(i);
  }
  // a's records read again in order, each run once; b's kept while b was read (renamed ones read here).
  const renamedB = await recordsAt(b.nodeRuns, [...m.renamed.keys()].map((i) => m.aToB[i]!).sort((x, y) => x - y));
  const changed: NodeChange[] = [];
  await eachRecordAt(a.nodeRuns, pairs, (i, na) => {
    const j = m.aToB[i]!;
    const nb = m.keptB.get(j) ?? renamedB.get(j);
    if (!nb) throw new Error(`${b.name}: node ${b.index.nodeId(j)} was not kept for comparison`);
    const fields = fieldChanges(na, nb, new Set(['id']));
    const why = m.renamed.get(i);
    if (why) {
      changed.push({ change: 'renamed', node: b.index.nodeHead(j), previousId: na.id, renamedBy: why, fields: [{ field: 'id', before: na.id, after: nb.id }, ...fields] });
    } else if (fields.length > 0) {
      changed.push({ change: 'changed', node: b.index.nodeHead(j), fields });
    }
  });
  nodes.push(...changed);
  for (let j = 0; j < b.index.nodeCount; j++) if (m.bToA[j]! < 0) nodes.push({ change: 'added', node: b.index.nodeHead(j), fields: [] });
  const relations = await relationChanges(a, b, r, m.renamed);
  return {
    a: info(a, r.a.position.length + r.a.loose.length),
    b: info(b, r.b.position.length + r.b.loose.length),
    nodes,
    relations,
    reclassified: reclassifications(changed),
    newOutputs: newOutputs(b.index, m.bToA),
    unchanged: {
      nodes: a.index.nodeCount - removedCount(nodes) - changed.length,
      relations: r.a.position.length + r.a.loose.length - relations.filter((x) => x.change !== 'added').length,
    },
  };
}

function removedCount(changes: readonly { change: string }[]): number {
  let n = 0;
  for (const c of changes) if (c.change === 'removed') n++;
  return n;
}

function end(index: GraphIndex, id: string): RelationEnd {
  const i = index.indexOf(id);
  return { id, kind: i >= 0 ? NODE_KINDS[index.kindCodes[i]!]! : null };
}

function describe(index: GraphIndex, rel: Relation, change: RelationChange['change'], fields: FieldChange[] = []): RelationChange {
  const c: RelationChange = { change, type: rel.type, from: end(index, rel.from), to: rel.to === undefined ? null : end(index, rel.to), fields };
  if (rel.subtype !== undefined) c.subtype = rel.subtype;
  if (rel.role !== undefined) c.role = rel.role;
  return c;
}

async function relationChanges(a: DiffSide, b: DiffSide, r: RelationMatch, renamed: ReadonlyMap<number, unknown>): Promise<RelationChange[]> {
  const out: RelationChange[] = [];
  const ia = a.index;
  const ib = b.index;
  for (let e = 0; e < ia.edgeCount; e++) if (r.edgeAToB[e]! < 0) out.push(describe(ia, ia.relation(e), 'removed'));
  r.a.loose.forEach((l, k) => {
    if (!r.looseAToB.has(k)) out.push(describe(ia, l.relation, 'removed'));
  });
  // Pairs whose fields differ or whose ends were renamed: a's side read again, b's kept when it was read.
  const pairs: { pa: number; pb: number; kept: Relation | undefined }[] = [];
  for (let e = 0; e < ia.edgeCount; e++) {
    const e2 = r.edgeAToB[e]!;
    if (e2 < 0) continue;
    const endRenamed = renamed.has(ia.edgeFrom[e]!) || renamed.has(ia.edgeTo[e]!);
    if (endRenamed || !sameFingerprint(r.a.fp, e, r.b.fp, e2)) pairs.push({ pa: r.a.position[e]!, pb: r.b.position[e2]!, kept: r.keptB.get(e2) });
  }
  for (const [k, k2] of r.looseAToB) {
    const la = r.a.loose[k]!;
    const lb = r.b.loose[k2]!;
    if (la.fp !== lb.fp || la.relation.from !== lb.relation.from) pairs.push({ pa: la.position, pb: lb.position, kept: lb.relation });
  }
  pairs.sort((x, y) => x.pa - y.pa);
  const kept = new Map(pairs.map((p) => [p.pa, p]));
  await eachRecordAt(
    a.relationRuns,
    pairs.map((p) => p.pa),
    (pa, ra) => {
      const rb = kept.get(pa)!.kept;
      if (!rb) throw new Error(`${b.name}: relation ${kept.get(pa)!.pb} was not kept for comparison`);
      const fields = fieldChanges(ra, rb, new Set(['type']));
      if (fields.length === 0) return;
      const c = describe(ib, rb, 'changed', fields);
      if (ra.from !== rb.from || ra.to !== rb.to) c.previous = { from: ra.from, to: ra.to ?? null };
      out.push(c);
    },
  );
  for (let e = 0; e < ib.edgeCount; e++) if (r.edgeBToA[e]! < 0) out.push(describe(ib, ib.relation(e), 'added'));
  const pairedB = new Set(r.looseAToB.values());
  r.b.loose.forEach((l, k) => {
    if (!pairedB.has(k)) out.push(describe(ib, l.relation, 'added'));
  });
  return out;
}

function isPhi(classification: string | undefined, containsPhi: unknown): boolean {
  return classification === 'phi' || containsPhi === true;
}

/** Changed nodes whose classification or containsPhi flag differs. */
function reclassifications(changed: readonly NodeChange[]): Reclassification[] {
  const out: Reclassification[] = [];
  for (const c of changed) {
    const cls = c.fields.find((f) => f.field === 'classification');
    const phi = c.fields.find((f) => f.field === 'containsPhi');
    if (!cls && !phi) continue;
    const beforeClass = (cls ? cls.before : c.node.classification) as SnapshotNode['classification'];
    const before: Reclassification['before'] = { classification: beforeClass };
    const after: Reclassification['after'] = { classification: c.node.classification };
    if (phi) {
      if (typeof phi.before === 'boolean') before.containsPhi = phi.before;
      if (typeof phi.after === 'boolean') after.containsPhi = phi.after;
    }
    out.push({ node: c.node, before, after, becamePhi: !isPhi(before.classification, before.containsPhi) && isPhi(after.classification, after.containsPhi) });
  }
  return out;
}

const OUTPUT = NODE_KINDS.indexOf('output');
const MODEL = NODE_KINDS.indexOf('model');
const ACTIVITY = NODE_KINDS.indexOf('activity');
const GENERATED_BY = RELATION_TYPES.indexOf('wasGeneratedBy');
const USED = RELATION_TYPES.indexOf('used');

/**
 * Outputs added in b, by the model behind them: the model the output was generated by or
 * derived from directly, or the model used by the activity (inference session) that generated it.
 */
function newOutputs(ib: GraphIndex, bToA: Int32Array): NewOutputs[] {
  const byModel = new Map<number, number[]>();
  const add = (model: number, output: number) => {
    const list = byModel.get(model);
    if (!list) byModel.set(model, [output]);
    else if (list[list.length - 1] !== output) list.push(output);
  };
  for (let o = 0; o < ib.nodeCount; o++) {
    if (bToA[o]! >= 0 || ib.kindCodes[o] !== OUTPUT) continue;
    for (let k = ib.outOffsets[o]!; k < ib.outOffsets[o + 1]!; k++) {
      const e = ib.outEdges[k]!;
      const t = ib.edgeTo[e]!;
      if (ib.kindCodes[t] === MODEL) add(t, o);
      else if (ib.kindCodes[t] === ACTIVITY && ib.typeCodes[e] === GENERATED_BY) {
        for (let k2 = ib.outOffsets[t]!; k2 < ib.outOffsets[t + 1]!; k2++) {
          const e2 = ib.outEdges[k2]!;
          if (ib.typeCodes[e2] === USED && ib.kindCodes[ib.edgeTo[e2]!] === MODEL) add(ib.edgeTo[e2]!, o);
        }
      }
    }
  }
  const head = (i: number): NodeHead => ib.nodeHead(i);
  return [...byModel]
    .map(([model, outputs]) => ({ model: head(model), count: outputs.length, outputs: outputs.slice(0, NEW_OUTPUTS_LISTED).map(head) }))
    .sort((x, y) => y.count - x.count || (x.model.id < y.model.id ? -1 : 1));
}
