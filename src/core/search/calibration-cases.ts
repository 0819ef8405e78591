/**
 * The calibration index: the corpus as it is indexed, except that each pseudo-query's
 * document holds only what remains of it once the query was taken out (pseudo-queries.ts).
 * Both rankers search it for each pseudo-query, and their candidate lists are the cases
 * the fusion rule is chosen on (fusion-calibration.ts).
 */
import { buildBm25 } from './bm25-builder.ts';
import type { Bm25FieldSpec } from './bm25-index.ts';
import { coverageReference, type CalibrationCase } from './fusion-calibration.ts';
import { keywordGroups, queryEmbeddingFor } from './literature-search.ts';
import type { PseudoQuery } from './pseudo-queries.ts';
import { quantizeInt8, type Int8Matrix } from './vector-quantize.ts';
import { scoreAllRows } from './vector-scan.ts';
import { bm25TopK } from './bm25.ts';
import { queryCoverage } from './query-coverage.ts';
import { translateQueryTerms, withTranslations } from './term-translation.ts';
import { corpusLanguages } from './text-language.ts';
import { rankVectorScores } from './vector-languages.ts';

export interface CalibrationInput {
  /** Every document's BM25 fields (title, text), as the pack indexes them. */
  readonly docs: readonly { readonly title: string; readonly text: string }[];
  readonly fields: readonly Bm25FieldSpec[];
  /** The pack's quantised document vectors. */
  readonly vectors: Int8Matrix;
  readonly pseudoQueries: readonly PseudoQuery[];
  /** Embedding of each pseudo-query's remaining document (passage side), index-aligned. */
  readonly remainderVectors: readonly Float32Array[];
  /** Embeds query texts (query side), as the search will embed them. */
  readonly embedQueries: (texts: readonly string[]) => Promise<Float32Array[]>;
  /** Candidates per ranker, as hybrid search takes them. */
  readonly candidates: number;
  /** The vector scan to use (the WebAssembly one where there is one); JavaScript by default. */
  readonly scoreRows?: (matrix: Int8Matrix, query: Float32Array) => Float32Array;
}

/**
 * Each pseudo-query is searched as the app searches a query (literature-search.ts): its
 * medical terms translated where the corpus can match them, searched by keyword with
 * them, embedded with them when the corpus covers it less than its own sentences, and its
 * coverage measured with them.
 */
export async function calibrationCases(input: CalibrationInput): Promise<CalibrationCase[]> {
  const { docs, pseudoQueries: pq, vectors } = input;
  const replaced = new Map(pq.map((q, i) => [q.doc, i]));
  const bm25 = buildBm25(
    input.fields,
    docs.map((d, i) => {
      const r = replaced.get(i);
      const src = r === undefined ? d : pq[r]!;
      return [[0, src.title], [1, src.text]] as const;
    }),
  );
  const codes = vectors.codes.slice();
  const scales = vectors.scales.slice();
  pq.forEach((q, i) => {
    const v = quantizeInt8(input.remainderVectors[i]!);
    codes.set(v.codes, q.doc * vectors.dims);
    scales[q.doc] = v.scale;
  });
  const matrix: Int8Matrix = { rows: vectors.rows, dims: vectors.dims, codes, scales };
  const scan = input.scoreRows ?? scoreAllRows;
  const queries = pq.map((q) => {
    const translations = translateQueryTerms(bm25, q.query).translations;
    return { q, translations, coverage: queryCoverage(bm25, withTranslations(q.query, translations)), ...(q.crossed ? { crossed: true } : {}), ...(q.weight !== undefined ? { weight: q.weight } : {}) };
  });
  const reference = coverageReference(queries);
  const languages = corpusLanguages(docs);
  const embeddings = queries.map((x) => queryEmbeddingFor(bm25, reference, languages !== null, x.q.query, x.translations));
  const queryVectors = await input.embedQueries(embeddings.map((e) => e.text));
  return queries.map(({ q, translations, ...rest }, i) => {
    const scores = scan(matrix, queryVectors[i]!);
    return {
      keyword: bm25TopK(bm25, keywordGroups(bm25, q.query, translations), input.candidates),
      vector: rankVectorScores(scores, languages, input.candidates),
      relevant: q.doc,
      ...rest,
      ...(embeddings[i]!.knownOnly ? { knownOnly: true } : {}),
    };
  });
}
