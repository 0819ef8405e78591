/**
 * The "later" snapshot of the diff benchmark (bench/diff.ts), in its own process: a generated
 * snapshot with a fixed share of every kind of change, written in both layouts.
 *
 *   tsx bench/diff-changed-copy.ts <generated snapshot dir> <out dir>   (writes <out>-json/ and <out>-binary/)
 *
 * Per 10,000 nodes: 100 changed (a field), 10 removed with their relations, 10 added (an
 * inference session and its output, using an existing model), 5 renamed (the old id kept as
 * an alias, relations moved), 5 datasets re-classified to PHI; per 10,000 relations, 50 with a
 * changed role. Chosen by a seeded generator, so the copy is the same on every machine.
 */
import type { Relation, SnapshotNode } from '../src/core/format/index.ts';
import { Prng } from '../src/testing/prng.ts';
import { chunkGraph } from '../cli/gen-snapshot.ts';
import { readSnapshotDir, writeSnapshotDir } from '../cli/lib/snapshot-files.ts';

const [src, out] = process.argv.slice(2);
if (!src || !out) throw new Error('usage: tsx bench/diff-changed-copy.ts <snapshot dir> <out dir>');
const loaded = await readSnapshotDir(src);
const rng = new Prng(12);
const n = loaded.nodes.length;
const per = (count: number) => Math.max(1, Math.round((n / 10_000) * count));
const pick = (count: number, ok: (x: SnapshotNode) => boolean) => {
  const candidates: number[] = [];
  loaded.nodes.forEach((x, i) => {
    if (ok(x)) candidates.push(i);
  });
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, candidates.length)) chosen.add(candidates[rng.int(candidates.length)]!);
  return chosen;
};
const removed = pick(per(10), (x) => x.kind !== 'model');
const renamed = pick(per(5), (x) => x.kind === 'model' || x.kind === 'dataset');
const reclassified = pick(per(5), (x) => x.kind === 'dataset' && x.classification !== 'phi');
const changed = pick(per(100), () => true);
const removedIds = new Set([...removed].map((i) => loaded.nodes[i]!.id));
const newId = new Map([...renamed].filter((i) => !removed.has(i)).map((i) => [loaded.nodes[i]!.id, `${loaded.nodes[i]!.id}-renamed`]));

const nodes: SnapshotNode[] = [];
loaded.nodes.forEach((node, i) => {
  if (removed.has(i)) return;
  let x: SnapshotNode = node;
  const id = newId.get(node.id);
  if (id) x = { ...x, id, aliases: [node.id] };
  if (reclassified.has(i)) x = { ...x, classification: 'phi', containsPhi: true } as SnapshotNode;
  if (changed.has(i)) x = { ...x, attributes: { ...(x.attributes ?? {}), benchRevision: 2 } };
  nodes.push(x);
});
const models = loaded.nodes.filter((x) => x.kind === 'model' && !removedIds.has(x.id));
const relations: Relation[] = [];
for (const r of loaded.relations) {
  if (removedIds.has(r.from) || (r.to !== undefined && removedIds.has(r.to))) continue;
  const moved: Relation = { ...r, from: newId.get(r.from) ?? r.from };
  if (r.to !== undefined) moved.to = newId.get(r.to) ?? r.to;
  relations.push(rng.int(10_000) < 50 ? { ...moved, role: `${r.role ?? 'role'} (revised)` } : moved);
}
for (let k = 0; k < per(5); k++) {
  const model = models[rng.int(models.length)]!;
  const session = `activity:bench-diff-session-${k}`;
  const output = `output:bench-diff-answer-${k}`;
  nodes.push({ id: session, kind: 'activity', subtype: 'inference', name: `Bench session ${k}`, classification: 'phi' }, { id: output, kind: 'output', name: `Bench answer ${k}`, classification: 'phi', text: 'A new answer.' });
  relations.push({ type: 'used', from: session, to: newId.get(model.id) ?? model.id, role: 'model' }, { type: 'wasGeneratedBy', from: output, to: session });
}
const info = { ...loaded.manifest.snapshot, id: `${loaded.manifest.snapshot.id}-changed` };
const chunks = chunkGraph(nodes, relations, 100_000);
writeSnapshotDir(`${out}-json`, info, chunks, false, 'json');
writeSnapshotDir(`${out}-binary`, info, chunks, false, 'binary');
console.log(JSON.stringify({ removed: removed.size, renamed: newId.size, reclassified: reclassified.size, changed: changed.size, added: 2 * per(5) }));
