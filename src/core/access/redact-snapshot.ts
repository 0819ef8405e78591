/**
 * One role's view of a snapshot, made before anything is written: what the pack does not
 * hold, the browser cannot show, whatever the UI does.
 *
 * - shown nodes stay as they are; redacted nodes keep their id with fields hashed/dropped;
 * - removed nodes disappear with every relation that touches them (counted in the report);
 * - placeholder nodes become `{ id: "restricted:<n>", kind, name: "restricted",
 *   classification: "restricted", tags: ["raireki:placeholder"] }`: only the kind survives (relation types imply the PROV
 *   class anyway, and the app's schema needs one), numbered in snapshot order, so no id,
 *   name, text, hash or time of the original reaches the pack;
 * - relations touching a placeholder keep their type and ends but lose `role`, `time` and
 *   `subtype`, which could describe the hidden node; relations between two placeholders
 *   stay, so a path output → session → model survives when the session is hidden;
 * - relations naming a node that does not exist, and later duplicates of an id, are
 *   dropped: their ids would otherwise pass unchecked.
 */
import type { NodeOfKind, Relation, SnapshotNode } from '../format/index.ts';
import { compileRole, type Decision } from './evaluate-policy.ts';
import type { Policy } from './policy-schema.ts';
import { redactFields } from './redact-fields.ts';
import { emptyReport, type RedactionReport } from './redaction-report.ts';

export const PLACEHOLDER_NAME = 'restricted';
export const PLACEHOLDER_TAG = 'raireki:placeholder';

export interface GraphParts {
  nodes: readonly SnapshotNode[];
  relations: readonly Relation[];
}

export interface RedactedSnapshot {
  nodes: SnapshotNode[];
  relations: Relation[];
  report: RedactionReport;
  /** Whether an original id is still in the pack under its own name (shown or redacted). */
  keepsId(id: string): boolean;
}

/** Whether a node is a placeholder standing for a hidden node. */
export function isPlaceholder(node: SnapshotNode): boolean {
  return node.name === PLACEHOLDER_NAME && node.tags?.length === 1 && node.tags[0] === PLACEHOLDER_TAG;
}

export function redactSnapshot(policy: Policy, role: string, graph: GraphParts): RedactedSnapshot {
  const decide = compileRole(policy, role);
  const report = emptyReport(role, policy.roles[role]!);
  const rulesHit = new Map<number, number>();
  // Original id → id in the pack (itself, or the placeholder's); absent when removed.
  const packId = new Map<string, string>();
  const seen = new Set<string>();
  const placeholderIds = new Set<string>();
  const kept: SnapshotNode[] = [];
  const hiddenAsPlaceholder: { index: number; node: SnapshotNode }[] = [];

  for (const node of graph.nodes) {
    if (seen.has(node.id)) {
      report.duplicateNodesDropped++;
      continue;
    }
    seen.add(node.id);
    const decision = decide(node);
    rulesHit.set(decision.rule, (rulesHit.get(decision.rule) ?? 0) + 1);
    if (decision.effect === 'hide') {
      const bucket = decision.mode === 'placeholder' ? report.placeholders : report.removed;
      count(bucket.byKind, node.kind);
      count(bucket.byClassification, node.classification);
      if (decision.mode === 'placeholder') {
        hiddenAsPlaceholder.push({ index: kept.length, node });
        kept.push(node); // replaced below, once every visible id is known
      }
      continue;
    }
    packId.set(node.id, node.id);
    const out = decision.effect === 'redact' ? applyRedaction(node, decision, report) : node;
    if (out === node) report.shown++;
    kept.push(out);
  }

  // Checked against every original id, hidden ones included: a hidden node named
  // "restricted:1" must not come out as placeholder "restricted:1".
  const prefix = placeholderPrefix(seen);
  hiddenAsPlaceholder.forEach(({ index, node }, n) => {
    const id = `${prefix}${n + 1}`;
    packId.set(node.id, id);
    placeholderIds.add(id);
    kept[index] = { id, kind: node.kind, name: PLACEHOLDER_NAME, classification: 'restricted', tags: [PLACEHOLDER_TAG] } as SnapshotNode;
  });

  // An unlearning record names other nodes: the pack's ids for them (placeholders included),
  // metrics on removed nodes left out, the record dropped when a model or the forget set is.
  kept.forEach((node, i) => {
    if (node.kind === 'activity' && node.unlearning && !placeholderIds.has(node.id)) kept[i] = withVisibleRecord(node, packId);
  });

  const shownAsIs = (id: string) => packId.get(id) === id && !placeholderIds.has(id);
  // A similarity row names other models: a row entry for a model the role is not shown would
  // tell that it exists (and how alike it is), so it goes with the model.
  kept.forEach((node, i) => {
    if (node.kind === 'model' && node.similarity) kept[i] = withVisibleSimilarity(node, shownAsIs);
  });

  const relations: Relation[] = [];
  for (const r of graph.relations) {
    const from = packId.get(r.from);
    // A relation without a second end (graph version 2) stands on its first alone.
    const to = r.to === undefined ? null : packId.get(r.to);
    if (from === undefined || to === undefined) {
      if (seen.has(r.from) && (r.to === undefined || seen.has(r.to))) report.relations.dropped++;
      else report.relations.dangling++;
      continue;
    }
    if (placeholderIds.has(from) || (to !== null && placeholderIds.has(to))) {
      relations.push(to === null ? { type: r.type, from } : { type: r.type, from, to });
      report.relations.anonymised++;
    } else {
      relations.push(r.args ? withVisibleArgs(r, shownAsIs) : r);
      report.relations.kept++;
    }
  }

  report.nodes = graph.nodes.length;
  report.rules = [...rulesHit].sort((a, b) => a[0] - b[0]).map(([rule, nodes]) => ({ rule, nodes }));
  return { nodes: kept, relations, report, keepsId: (id) => packId.get(id) === id && !placeholderIds.has(id) };
}

function withVisibleRecord(node: NodeOfKind<'activity'>, packId: ReadonlyMap<string, string>): SnapshotNode {
  const { unlearning: record, ...rest } = node;
  const modelBefore = packId.get(record!.modelBefore);
  const modelAfter = packId.get(record!.modelAfter);
  const forgetSet = packId.get(record!.forgetSet);
  if (modelBefore === undefined || modelAfter === undefined || forgetSet === undefined) return rest;
  const retainSet = record!.retainSet === undefined ? undefined : packId.get(record!.retainSet);
  const metrics = record!.metrics.map((m) => {
    const before = m.before === undefined ? undefined : packId.get(m.before);
    const after = m.after === undefined ? undefined : packId.get(m.after);
    return { measure: m.measure, ...(before ? { before } : {}), ...(after ? { after } : {}) };
  });
  const { retainSet: _r, ...kept } = record!;
  return { ...rest, unlearning: { ...kept, modelBefore, modelAfter, forgetSet, ...(retainSet ? { retainSet } : {}), metrics } };
}

function withVisibleSimilarity(node: NodeOfKind<'model'>, shownAsIs: (id: string) => boolean): SnapshotNode {
  const similarity = node.similarity!.flatMap((entry) => {
    if (!entry.values) return [entry];
    const values = Object.fromEntries(Object.entries(entry.values).filter(([id]) => shownAsIs(id)));
    const { values: _all, ...rest } = entry;
    if (Object.keys(values).length > 0) return [{ ...rest, values }];
    return rest.embedding ? [rest] : [];
  });
  const { similarity: _all, ...rest } = node;
  return similarity.length > 0 ? { ...rest, similarity } : rest;
}

/** PROV's further arguments (plan, activity…) that name a node the role is not shown are left out. */
function withVisibleArgs(r: Relation, shownAsIs: (id: string) => boolean): Relation {
  const args = Object.fromEntries(Object.entries(r.args!).filter(([, id]) => shownAsIs(id)));
  const { args: _dropped, ...rest } = r;
  return Object.keys(args).length > 0 ? { ...rest, args } : rest;
}

function applyRedaction(node: SnapshotNode, decision: Decision, report: RedactionReport): SnapshotNode {
  const { node: redacted, changes } = redactFields(node, decision);
  if (changes.length === 0) return node;
  report.redacted++;
  count(report.redactedByKind, node.kind);
  for (const { field, action } of changes) {
    const entry = (report.redactedFields[field] ??= { hash: 0, drop: 0 });
    entry[action]++;
  }
  return redacted;
}

/** "restricted:", unless a kept node's id already starts so; then "restricted-2:", … */
function placeholderPrefix(ids: Set<string>): string {
  for (let k = 1; ; k++) {
    const prefix = k === 1 ? 'restricted:' : `restricted-${k}:`;
    let clash = false;
    for (const id of ids) {
      if (id.startsWith(prefix)) {
        clash = true;
        break;
      }
    }
    if (!clash) return prefix;
  }
}

function count(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}
