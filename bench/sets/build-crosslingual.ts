/**
 * Cross-lingual retrieval sets from JMMLU (Japanese translations of MMLU questions) and
 * the English MMLU medical test questions, aligned subject by subject (mmlu-alignment.ts):
 *
 *   .tmp/eval/jmmlu-ja-to-en   Japanese question (with its choices) → its English original,
 *                              among all 1,089 English questions
 *   .tmp/eval/mmlu-en-to-ja    the reverse: English question → its Japanese translation,
 *                              among all 1,421 JMMLU questions (ten subjects)
 *   .tmp/eval/jmmlu-ja-to-mixed the Japanese questions again, over a bilingual corpus: the
 *                              English questions plus the Japanese questions of the four
 *                              JMMLU subjects MMLU-medical lacks (Japanese distractors that
 *                              share the query's script, as a hospital's mixed literature does)
 *   .tmp/eval/jmmlu-alignment-sample.txt   pairs to check by eye (every 25th, and the weakest)
 *
 *   npx tsx bench/sets/build-crosslingual.ts [--min-score 1.5]
 *
 * Pairs whose match score is below --min-score are kept only inside a gap-free run of
 * trusted pairs (trustedPairs); the others are left out of the qrels (the English question
 * stays in the corpus as a distractor).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { csvRows } from '../../cli/lib/literature-parse.ts';
import { sharedDataDir, writeBeirSet, type BeirDoc, type BeirQuery } from '../lib/beir-write.ts';
import { alignRows, trustedPairs, type McqRow } from './mmlu-alignment.ts';

const SHARED_SUBJECTS = ['anatomy', 'clinical_knowledge', 'college_biology', 'college_medicine', 'medical_genetics', 'professional_medicine'];
const JA_ONLY_SUBJECTS = ['high_school_biology', 'human_aging', 'nutrition', 'virology'];

function readMcq(path: string): McqRow[] {
  return csvRows(readFileSync(path, 'utf8'))
    .filter((r) => !r.error && r.cells.length >= 6)
    .map((r) => ({ question: r.cells[0]!.trim(), choices: r.cells.slice(1, 5).map((c) => c.trim()), answer: r.cells[5]!.trim() }));
}

const itemText = (r: McqRow) => `${r.question}\n${r.choices.join('\n')}`;

function main(): void {
  const argv = process.argv.slice(2);
  const minScore = argv.includes('--min-score') ? Number(argv[argv.indexOf('--min-score') + 1]) : 1.5;
  const data = sharedDataDir();
  const en = new Map<string, McqRow[]>(), ja = new Map<string, McqRow[]>();
  for (const s of SHARED_SUBJECTS) en.set(s, readMcq(join(data, 'mirage-medqa-medmcqa-mmlu', 'mmlu-medical', `${s}_test.csv`)));
  for (const s of [...SHARED_SUBJECTS, ...JA_ONLY_SUBJECTS]) ja.set(s, readMcq(join(data, 'jmmlu-medical', `${s}.csv`)));

  const enDocs: BeirDoc[] = [], jaDocs: BeirDoc[] = [];
  const jaQueries: BeirQuery[] = [], enQueries: BeirQuery[] = [];
  const jaToEn = new Map<string, string[]>(), enToJa = new Map<string, string[]>();
  const sample: string[] = [];
  let kept = 0, dropped = 0;
  for (const [s, rows] of en) rows.forEach((r, j) => enDocs.push({ _id: `en-${s}-${j}`, title: '', text: itemText(r) }));
  for (const [s, rows] of ja) rows.forEach((r, i) => jaDocs.push({ _id: `ja-${s}-${i}`, title: '', text: itemText(r) }));
  for (const s of SHARED_SUBJECTS) {
    const J = ja.get(s)!, E = en.get(s)!;
    const pairs = alignRows(J, E);
    const trusted = new Set(trustedPairs(pairs, minScore));
    const weakest = [...pairs].sort((a, b) => a.score - b.score).slice(0, 3);
    pairs.forEach((p, k) => {
      if (k % 25 === 0 || weakest.includes(p)) {
        sample.push(`[${s} ja ${p.ja} ↔ en ${p.en}, score ${p.score.toFixed(2)}${trusted.has(p) ? '' : ', LEFT OUT'}]\nJA: ${itemText(J[p.ja]!).replace(/\n/g, ' | ')}\nEN: ${itemText(E[p.en]!).replace(/\n/g, ' | ')}\n`);
      }
      if (!trusted.has(p)) return void dropped++;
      kept++;
      const qj = `ja-${s}-${p.ja}`, qe = `en-${s}-${p.en}`;
      jaQueries.push({ _id: qj, text: itemText(J[p.ja]!) });
      jaToEn.set(qj, [qe]);
      enQueries.push({ _id: qe, text: itemText(E[p.en]!) });
      enToJa.set(qe, [qj]);
    });
    console.log(`${s}: ${J.length} Japanese, ${E.length} English rows, ${pairs.length} aligned`);
  }
  console.log(`pairs kept ${kept}, left out (score < ${minScore} outside a gap-free run) ${dropped}`);
  const meta = { source: 'JMMLU (nlp-waseda/JMMLU, CC BY-SA 4.0) ↔ MMLU medical test (via MIRAGE)', builder: 'bench/sets/build-crosslingual.ts', minScore };
  writeBeirSet('.tmp/eval/jmmlu-ja-to-en', { corpus: enDocs, queries: jaQueries, qrels: jaToEn, meta: { ...meta, task: 'Japanese question → English original', language: 'ja→en' } });
  writeBeirSet('.tmp/eval/mmlu-en-to-ja', { corpus: jaDocs, queries: enQueries, qrels: enToJa, meta: { ...meta, task: 'English question → Japanese translation', language: 'en→ja' } });
  const jaDistractors = jaDocs.filter((d) => JA_ONLY_SUBJECTS.some((s) => d._id.startsWith(`ja-${s}-`)));
  writeBeirSet('.tmp/eval/jmmlu-ja-to-mixed', { corpus: [...enDocs, ...jaDistractors], queries: jaQueries, qrels: jaToEn, meta: { ...meta, task: 'Japanese question → English original, in a corpus with Japanese distractors', language: 'ja→en+ja' } });
  mkdirSync('.tmp/eval', { recursive: true });
  writeFileSync('.tmp/eval/jmmlu-alignment-sample.txt', sample.join('\n'));
}

main();
