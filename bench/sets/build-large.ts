/**
 * A larger retrieval set (≥ 4,000 documents) from two third-party sources in
 * ../shared/data, written to .tmp/eval/medmcqa-covidfact:
 *
 *   - MedMCQA dev: a question with its four options → its reference explanation
 *     (documents: the distinct explanations, 2,192);
 *   - COVID-Fact: a SUPPORTED claim → the evidence sentences given for it
 *     (documents: the distinct evidence sentences, 3,219).
 *
 * Both kinds of document share one corpus, so each family of queries has the other's
 * documents as distractors, and the corpus mixes long textbook-style explanations with
 * short sentences from COVID-19 papers, as a hospital's literature mixes kinds of text.
 *
 *   npx tsx bench/sets/build-large.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataDir, writeBeirSet, type BeirDoc, type BeirQuery } from '../lib/beir-write.ts';

interface MedMcqa {
  id: string;
  question: string;
  opa: string;
  opb: string;
  opc: string;
  opd: string;
  exp: string | null;
}

interface CovidFact {
  claim: string;
  label: string;
  evidence: string[];
}

const jsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);

function main(): void {
  const data = sharedDataDir();
  const corpus: BeirDoc[] = [];
  const queries: BeirQuery[] = [];
  const qrels = new Map<string, string[]>();
  const docOf = new Map<string, string>();
  const doc = (prefix: string, text: string): string => {
    const key = text.trim();
    let id = docOf.get(key);
    if (!id) {
      id = `${prefix}-${docOf.size}`;
      docOf.set(key, id);
      corpus.push({ _id: id, title: '', text: key });
    }
    return id;
  };

  for (const r of jsonl<MedMcqa>(join(data, 'mirage-medqa-medmcqa-mmlu', 'medmcqa', 'dev.json'))) {
    if (!r.exp || r.exp.trim().length < 20) continue;
    const q = `mcq-${r.id}`;
    queries.push({ _id: q, text: [r.question, r.opa, r.opb, r.opc, r.opd].join('\n') });
    qrels.set(q, [doc('exp', r.exp)]);
  }
  let n = 0;
  for (const r of jsonl<CovidFact>(join(data, 'covid-fact', 'COVIDFACT_dataset.jsonl'))) {
    const ids = r.evidence.filter((s) => s.trim().length > 0).map((s) => doc('ev', s));
    if (r.label !== 'SUPPORTED' || ids.length === 0) continue;
    const q = `claim-${n++}`;
    queries.push({ _id: q, text: r.claim });
    qrels.set(q, [...new Set(ids)]);
  }
  writeBeirSet('.tmp/eval/medmcqa-covidfact', {
    corpus,
    queries,
    qrels,
    meta: {
      source: 'MedMCQA dev (MIT) explanations + COVID-Fact evidence sentences (asaakyan/covidfact), via ../shared/data',
      builder: 'bench/sets/build-large.ts',
      task: 'MedMCQA question + options → its explanation; COVID-Fact supported claim → its evidence sentences',
      language: 'en',
    },
  });
}

main();
