/**
 * Keyword search: a dictionary-free Japanese/English analyser, a generic BM25 index in
 * typed arrays, and node search over snapshots built on both. Plain TypeScript, the same
 * in a Web Worker and in Node.
 */
export { normalizeText } from './normalize.ts';
export { tokenize, scanTerms, STOP_WORDS, MAX_TERM_LENGTH, type TermSink } from './analyze.ts';
export { DEFAULT_K1, DEFAULT_B, docFrequency, idf, saturate, type Bm25Index, type Bm25FieldSpec, type TermLookup, type TermList } from './bm25-index.ts';
export { Bm25Builder, buildBm25, type FieldTexts } from './bm25-builder.ts';
export { bm25TopK, bm25ScoreDoc, termFrequency, type TermGroup } from './bm25.ts';
export { queryTerms, MAX_QUERY_GROUPS, type QueryTerms } from './query-terms.ts';
export { TopK, type ScoredDoc } from './top-k.ts';
export { NODE_SEARCH_FIELDS, visitSearchFields, type FieldVisitor } from './node-fields.ts';
export { exactKey, exactFieldText, isExactEntry, NodeExactMatcher, EXACT_FIELDS, type ExactField, type ExactFieldReader } from './node-exact-match.ts';
export { ExactKeyTable, exactKeyArraysProblem, type ExactKeyArrays } from './exact-key-table.ts';
export {
  buildNodeSearchIndex,
  buildNodeSearchIndexInSlices,
  searchNodes,
  rankNodes,
  explainHit,
  queryFieldExplainer,
  readExactFields,
  NodeSearchBuilder,
  type RankedHit,
  type RankedSearch,
  DEFAULT_SEARCH_LIMIT,
  type NodeHit,
  type NodeSearchIndex,
  type NodeSearchOptions,
} from './node-search.ts';
