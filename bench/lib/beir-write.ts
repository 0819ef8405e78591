/**
 * Writing a retrieval set in BEIR's layout (corpus.jsonl, queries.jsonl, qrels.tsv,
 * META.json), the layout `npm run bench:retrieval` reads. The dev-set builders in
 * bench/sets/ write under .tmp/ only: their sources are third-party data (../shared/data)
 * that must never enter the repository.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BeirDoc {
  readonly _id: string;
  readonly title: string;
  readonly text: string;
}

export interface BeirQuery {
  readonly _id: string;
  readonly text: string;
}

export interface BeirSet {
  readonly corpus: readonly BeirDoc[];
  readonly queries: readonly BeirQuery[];
  /** query id → relevant document ids (grade 1). */
  readonly qrels: ReadonlyMap<string, readonly string[]>;
  readonly meta: Record<string, unknown>;
}

export function writeBeirSet(dir: string, set: BeirSet): void {
  const ids = new Set(set.corpus.map((d) => d._id));
  if (ids.size !== set.corpus.length) throw new Error(`${dir}: duplicate document ids`);
  for (const [q, docs] of set.qrels) {
    for (const d of docs) if (!ids.has(d)) throw new Error(`${dir}: qrel ${q} → ${d} names no document`);
  }
  mkdirSync(dir, { recursive: true });
  const lines = (xs: readonly object[]) => xs.map((x) => JSON.stringify(x)).join('\n') + '\n';
  writeFileSync(join(dir, 'corpus.jsonl'), lines(set.corpus));
  writeFileSync(join(dir, 'queries.jsonl'), lines(set.queries.filter((q) => set.qrels.has(q._id))));
  const rows = ['query-id\tcorpus-id\tscore'];
  for (const [q, docs] of set.qrels) for (const d of docs) rows.push(`${q}\t${d}\t1`);
  writeFileSync(join(dir, 'qrels.tsv'), rows.join('\n') + '\n');
  const meta = { ...set.meta, docs: set.corpus.length, queries: set.qrels.size, written: new Date().toISOString() };
  writeFileSync(join(dir, 'META.json'), JSON.stringify(meta, null, 2) + '\n');
  console.log(`${dir}: ${set.corpus.length} documents, ${set.qrels.size} queries`);
}

/** The shared data folder: $RAIREKI_SHARED_DATA, else ../shared/data next to the checkout. */
export function sharedDataDir(): string {
  return process.env.RAIREKI_SHARED_DATA ?? join(process.cwd(), '..', 'shared', 'data');
}

/** The shared retrieval sets folder: $RAIREKI_SHARED_EVAL, else ../shared/eval next to the checkout. */
export function sharedEvalDir(): string {
  return process.env.RAIREKI_SHARED_EVAL ?? join(process.cwd(), '..', 'shared', 'eval');
}
