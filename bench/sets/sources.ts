/**
 * Readers of the third-party sources in ../shared/data that the dev-set builders combine
 * into retrieval sets (written under .tmp/eval only; nothing here enters the repository).
 * Each adds its documents to one corpus (identical texts become one document) and its
 * queries with the documents that answer them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BeirDoc, BeirQuery } from '../lib/beir-write.ts';
import { csvRows } from '../../cli/lib/literature-parse.ts';

export class SetBuilder {
  readonly corpus: BeirDoc[] = [];
  readonly queries: BeirQuery[] = [];
  readonly qrels = new Map<string, string[]>();
  private readonly docOf = new Map<string, string>();

  /** The id of the document with this text, added if new. */
  doc(prefix: string, text: string): string {
    const key = text.trim();
    let id = this.docOf.get(key);
    if (!id) {
      id = `${prefix}-${this.docOf.size}`;
      this.docOf.set(key, id);
      this.corpus.push({ _id: id, title: '', text: key });
    }
    return id;
  }

  query(id: string, text: string, docs: readonly string[]): void {
    this.queries.push({ _id: id, text });
    this.qrels.set(id, [...new Set(docs)]);
  }
}

/** The records of a JSON-lines file. */
export const jsonl = <T>(path: string): T[] =>
  readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);

/** MedMCQA dev: a question with its four options → its reference explanation. */
export function addMedMcqa(b: SetBuilder, data: string): void {
  type Row = { id: string; question: string; opa: string; opb: string; opc: string; opd: string; exp: string | null };
  for (const r of jsonl<Row>(join(data, 'mirage-medqa-medmcqa-mmlu', 'medmcqa', 'dev.json'))) {
    if (!r.exp || r.exp.trim().length < 20) continue;
    b.query(`mcq-${r.id}`, [r.question, r.opa, r.opb, r.opc, r.opd].join('\n'), [b.doc('exp', r.exp)]);
  }
}

/** COVID-Fact: a SUPPORTED claim → the evidence sentences given for it (every claim's evidence is a document). */
export function addCovidFact(b: SetBuilder, data: string): void {
  type Row = { claim: string; label: string; evidence: string[] };
  let n = 0;
  for (const r of jsonl<Row>(join(data, 'covid-fact', 'COVIDFACT_dataset.jsonl'))) {
    const ids = r.evidence.filter((s) => s.trim().length > 0).map((s) => b.doc('ev', s));
    if (r.label !== 'SUPPORTED' || ids.length === 0) continue;
    b.query(`claim-${n++}`, r.claim, ids);
  }
}

/**
 * MedQA (US, test) with an LLM's step-by-step answer (MIRAGE predictions): the answer → the
 * question it answers (question and options as the document). One LLM per question, the
 * first listed, so each question has one query.
 */
export function addMedQaAnswers(b: SetBuilder, data: string): void {
  type Question = { question: string; options: Record<string, string> };
  type Prediction = { question_id: string; output: string[] };
  const questions = jsonl<Question>(join(data, 'mirage-medqa-medmcqa-mmlu', 'medqa', 'US_4_options_phrases_no_exclude_test.jsonl'));
  const docs = questions.map((q) => b.doc('medqa', [q.question, ...Object.values(q.options ?? {})].join('\n')));
  const seen = new Set<string>();
  for (const p of jsonl<Prediction>(join(data, 'mirage-llm-predictions', 'medqa_predictions.jsonl'))) {
    const i = Number(p.question_id);
    if (seen.has(p.question_id) || !(i >= 0 && i < docs.length)) continue;
    let thinking = '';
    try {
      thinking = String((JSON.parse(p.output[0] ?? '{}') as { step_by_step_thinking?: unknown }).step_by_step_thinking ?? '');
    } catch {
      continue; // an answer that is not the JSON asked for
    }
    if (thinking.trim().length < 40) continue;
    seen.add(p.question_id);
    b.query(`medqa-${p.question_id}`, thinking, [docs[i]!]);
  }
}

/** HealthVer dev: a claim the evidence supports → the evidence. */
export function addHealthVer(b: SetBuilder, data: string): void {
  const rows = csvRows(readFileSync(join(data, 'healthver', 'healthver_dev.csv'), 'utf8')).map((r) => r.cells);
  const [header, ...body] = rows;
  const col = (name: string) => header!.indexOf(name);
  const [ev, claim, label] = [col('evidence'), col('claim'), col('label')];
  const byClaim = new Map<string, string[]>();
  for (const r of body) {
    const id = b.doc('hv', r[ev]!);
    if (r[label] !== 'Supports') continue;
    byClaim.set(r[claim]!, [...(byClaim.get(r[claim]!) ?? []), id]);
  }
  let n = 0;
  for (const [text, ids] of byClaim) b.query(`hv-${n++}`, text, ids);
}
