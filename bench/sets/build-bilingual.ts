/**
 * A bilingual corpus whose queries stay in their own language, written to
 * .tmp/eval/bilingual-union: the English medmcqa-covidfact set (built by build-large.ts)
 * and the Japanese clinical set of ../shared/eval/ja-clinical-dev in one corpus, each
 * family of queries with its own relevance judgements.
 *
 * Why: jmmlu-ja-to-mixed measures Japanese questions that must find English documents
 * among Japanese ones. A hospital's mixed literature is mostly searched the other way,
 * for documents in the query's own language with the other language's documents beside
 * them; whatever merges the two languages' rankings (vector-languages.ts) must not push
 * those aside. This set measures that cost.
 *
 *   npx tsx bench/sets/build-bilingual.ts   (after build-large.ts)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedEvalDir, writeBeirSet, type BeirDoc, type BeirQuery } from '../lib/beir-write.ts';
import { jsonl } from './sources.ts';

interface Loaded {
  corpus: BeirDoc[];
  queries: BeirQuery[];
  qrels: Map<string, string[]>;
}

/** A BEIR folder with every id prefixed, so two sets can share one corpus. */
function load(dir: string, prefix: string): Loaded {
  if (!existsSync(join(dir, 'corpus.jsonl'))) throw new Error(`${dir}: no corpus.jsonl (build it first: npm run bench:sets needs ../shared)`);
  const corpus = jsonl<{ _id: string; title?: string; text: string }>(join(dir, 'corpus.jsonl')).map((d) => ({ _id: prefix + d._id, title: d.title ?? '', text: d.text }));
  const queries = jsonl<{ _id: string; text: string }>(join(dir, 'queries.jsonl')).map((q) => ({ _id: prefix + q._id, text: q.text }));
  const qrels = new Map<string, string[]>();
  for (const line of readFileSync(join(dir, 'qrels.tsv'), 'utf8').split('\n').slice(1)) {
    const [q, d, score] = line.split('\t');
    if (!q || !d || Number(score) <= 0) continue;
    qrels.set(prefix + q, [...(qrels.get(prefix + q) ?? []), prefix + d]);
  }
  return { corpus, queries, qrels };
}

const en = load('.tmp/eval/medmcqa-covidfact', 'en:');
const ja = load(join(sharedEvalDir(), 'ja-clinical-dev'), 'ja:');
writeBeirSet('.tmp/eval/bilingual-union', {
  corpus: [...en.corpus, ...ja.corpus],
  queries: [...en.queries, ...ja.queries],
  qrels: new Map([...en.qrels, ...ja.qrels]),
  meta: {
    source: 'medmcqa-covidfact (see build-large.ts) + ja-clinical-dev (../shared/eval), ids prefixed en: / ja:',
    builder: 'bench/sets/build-bilingual.ts',
    task: 'each query finds documents in its own language, in a corpus of both languages',
    language: 'en+ja',
  },
});
