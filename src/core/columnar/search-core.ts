/**
 * The search core (`core/search.bin`): the explorer's keyword index as the JSON path builds
 * it in the worker (core/search/node-search.ts) — BM25F postings, the term table, the
 * prefix list and the exact-match table — written once at build time, so the browser
 * views it in place instead of analysing every node's text after each load. It is fetched
 * after the first graph is drawn.
 */
import { DEFAULT_B, ExactKeyTable, NodeExactMatcher, exactKeyArraysProblem, isExactEntry, type Bm25FieldSpec, type Bm25Index, type ExactFieldReader, type NodeSearchIndex, type TermList } from '../search/index.ts';
import { Container, writeContainer, type SectionInput } from './container.ts';
import { HashLookup, StringTable, StringTableBuilder, buildHashSlots, hashSlotsProblem, stringTableProblem } from './string-table.ts';

export const SEARCH_CORE_FORMAT = 'raireki-core-search';
export const SEARCH_CORE_VERSION = 1;

const S = {
  META: 1,
  TERM_BYTES: 2,
  TERM_OFFSETS: 3,
  TERM_SLOTS: 4,
  POSTING_OFFSETS: 5,
  POSTING_DOCS: 6,
  POSTING_TFS: 7,
  PREFIX_TERMS: 8,
  EXACT_SLOTS: 10,
  EXACT_VALUES: 11,
  EXACT_NEXT: 12,
} as const;

const NAMES = new Map<number, string>([
  [S.META, 'meta'],
  [S.TERM_BYTES, 'terms.bytes'],
  [S.TERM_OFFSETS, 'terms.offsets'],
  [S.TERM_SLOTS, 'terms.slots'],
  [S.POSTING_OFFSETS, 'postings.offsets'],
  [S.POSTING_DOCS, 'postings.docs'],
  [S.POSTING_TFS, 'postings.tfs'],
  [S.PREFIX_TERMS, 'prefix.terms'],
  [S.EXACT_SLOTS, 'exact.slots'],
  [S.EXACT_VALUES, 'exact.values'],
  [S.EXACT_NEXT, 'exact.next'],
]);

interface SearchCoreMeta {
  format: typeof SEARCH_CORE_FORMAT;
  version: typeof SEARCH_CORE_VERSION;
  docCount: number;
  termCount: number;
  k1: number;
  fields: Bm25FieldSpec[];
  fieldAvgLengths: number[];
}

export function writeSearchCore(index: NodeSearchIndex): Uint8Array {
  const { bm25 } = index;
  const terms = new StringTableBuilder();
  for (let t = 0; t < bm25.terms.length; t++) terms.add(bm25.terms.at(t)!, false);
  const table = terms.finish();
  const slots = buildHashSlots(new StringTable(table.bytes, table.offsets), bm25.terms.length, (t) => t);
  const exact = index.exact.table.toArrays();
  const meta: SearchCoreMeta = {
    format: SEARCH_CORE_FORMAT,
    version: SEARCH_CORE_VERSION,
    docCount: bm25.docCount,
    termCount: bm25.terms.length,
    k1: bm25.k1,
    fields: bm25.fields.map((f) => ({ ...f })),
    fieldAvgLengths: Array.from(bm25.fieldAvgLengths),
  };
  const sections: SectionInput[] = [
    { id: S.META, value: { json: meta } },
    { id: S.TERM_BYTES, value: table.bytes },
    { id: S.TERM_OFFSETS, value: table.offsets },
    { id: S.TERM_SLOTS, value: slots },
    { id: S.POSTING_OFFSETS, value: bm25.postingOffsets },
    { id: S.POSTING_DOCS, value: bm25.postingDocs },
    { id: S.POSTING_TFS, value: bm25.postingTfs },
    { id: S.PREFIX_TERMS, value: bm25.prefixTerms },
    { id: S.EXACT_SLOTS, value: exact.slots },
    { id: S.EXACT_VALUES, value: exact.values },
    { id: S.EXACT_NEXT, value: exact.next },
  ];
  return writeContainer('search', sections);
}

/**
 * The keyword index of a graph of `nodeCount` nodes (kinds `kindCodes`), read from its
 * file and checked; exact candidates are confirmed through `read` (the graph core's strings).
 */
export function readSearchCore(bytes: Uint8Array, file: string, nodeCount: number, kindCodes: Uint8Array, read: ExactFieldReader): NodeSearchIndex {
  const c = Container.read(bytes, file, 'search', NAMES);
  const meta = checkMeta(c, c.json(S.META), nodeCount);
  const T = meta.termCount;
  const { termTable, slots } = checkedTerms(c, T);

  const postingOffsets = c.i32(S.POSTING_OFFSETS, T + 1);
  const postingDocs = c.i32(S.POSTING_DOCS);
  const postingTfs = c.f32(S.POSTING_TFS, postingDocs.length);
  const badPostings = postingsProblem(postingOffsets, postingDocs, postingTfs, meta.docCount);
  if (badPostings) c.fail(badPostings);
  const prefixTerms = c.i32(S.PREFIX_TERMS);
  for (let i = 0; i < prefixTerms.length; i++) {
    if (!(prefixTerms[i]! >= 0 && prefixTerms[i]! < T)) c.fail(`prefix term ${i} names term ${prefixTerms[i]} of ${T}`);
  }
  const exact = { slots: c.i32(S.EXACT_SLOTS), values: c.i32(S.EXACT_VALUES), next: c.i32(S.EXACT_NEXT) };
  const badExact = exactKeyArraysProblem(exact, (v) => isExactEntry(v, nodeCount));
  if (badExact) c.fail(`exact-match table: ${badExact}`);

  const lookup = new HashLookup(slots, termTable, (t) => t);
  const terms: TermList = { length: T, at: (t) => (t >= 0 && t < T ? termTable.get(t) : undefined) };
  const bm25: Bm25Index = {
    k1: meta.k1,
    fields: meta.fields,
    fieldAvgLengths: Float64Array.from(meta.fieldAvgLengths),
    docCount: meta.docCount,
    terms,
    vocabulary: {
      size: T,
      get: (term) => {
        const t = lookup.find(term);
        return t < 0 ? undefined : t;
      },
      has: (term) => lookup.find(term) >= 0,
    },
    postingOffsets,
    postingDocs,
    postingTfs,
    prefixTerms,
  };
  return { bm25, kindCodes, exact: new NodeExactMatcher(ExactKeyTable.fromArrays(exact), read) };
}

/** The term table alone (checked), e.g. for a scan of what a pack holds. */
export function readSearchTerms(bytes: Uint8Array, file: string): TermList {
  const c = Container.read(bytes, file, 'search', NAMES);
  const meta = checkMeta(c, c.json(S.META), null);
  const { termTable } = checkedTerms(c, meta.termCount);
  return { length: meta.termCount, at: (t) => (t >= 0 && t < meta.termCount ? termTable.get(t) : undefined) };
}

function checkedTerms(c: Container, T: number): { termTable: StringTable; slots: Int32Array } {
  const termBytes = c.u8(S.TERM_BYTES);
  const termOffsets = c.u32(S.TERM_OFFSETS);
  const badTable = stringTableProblem(termBytes, termOffsets, T);
  if (badTable) c.fail(`term table: ${badTable}`);
  const termTable = new StringTable(termBytes, termOffsets);
  const slots = c.i32(S.TERM_SLOTS);
  const badSlots = hashSlotsProblem(slots, termTable, T, (t) => t, 'term');
  if (badSlots) c.fail(badSlots);
  return { termTable, slots };
}

/** `nodeCount`: the graph core's, which the index must cover (null: not checked). */
function checkMeta(c: Container, m: Record<string, unknown>, nodeCount: number | null): SearchCoreMeta {
  if (m.format !== SEARCH_CORE_FORMAT) c.fail(`meta: format is ${JSON.stringify(m.format)}, not "${SEARCH_CORE_FORMAT}"`);
  if (m.version !== SEARCH_CORE_VERSION) c.fail(`meta: version ${JSON.stringify(m.version)}; this build reads version ${SEARCH_CORE_VERSION}`);
  if (nodeCount !== null && m.docCount !== nodeCount) c.fail(`indexes ${JSON.stringify(m.docCount)} nodes, but the graph core has ${nodeCount}`);
  if (!Number.isSafeInteger(m.termCount) || (m.termCount as number) < 0) c.fail('meta: termCount must be a whole number');
  if (typeof m.k1 !== 'number' || !(m.k1 > 0)) c.fail('meta: k1 must be a positive number');
  const fields = m.fields;
  const okField = (f: unknown): boolean => {
    const o = f as Bm25FieldSpec | null;
    return !!o && typeof o.weight === 'number' && o.weight > 0 && ((o.b ?? DEFAULT_B) >= 0 && (o.b ?? DEFAULT_B) <= 1);
  };
  if (!Array.isArray(fields) || fields.length === 0 || !fields.every(okField)) c.fail('meta: fields must be a list of {weight > 0, b in [0, 1]}');
  const avg = m.fieldAvgLengths;
  if (!Array.isArray(avg) || avg.length !== (fields as unknown[]).length || !avg.every((x) => typeof x === 'number' && x >= 0)) {
    c.fail('meta: fieldAvgLengths must give one length ≥ 0 per field');
  }
  return m as unknown as SearchCoreMeta;
}

/** Offsets ascending from 0 to the end, documents in range and ascending in each list, frequencies finite. */
function postingsProblem(offsets: Int32Array, docs: Int32Array, tfs: Float32Array, docCount: number): string | null {
  const T = offsets.length - 1;
  if (offsets[0] !== 0 || offsets[T] !== docs.length) return `postings run from ${offsets[0]} to ${offsets[T]}, not 0 to ${docs.length}`;
  for (let t = 0; t < T; t++) {
    const start = offsets[t]!;
    const end = offsets[t + 1]!;
    if (end < start) return `postings of term ${t} end before they start`;
    let prev = -1;
    for (let k = start; k < end; k++) {
      const d = docs[k]!;
      if (!(d > prev && d < docCount)) return `posting ${k} of term ${t} names node ${d} (after ${prev}, of ${docCount})`;
      prev = d;
      const tf = tfs[k]!;
      if (!(tf >= 0 && tf < Infinity)) return `posting ${k} of term ${t} has the frequency ${tf}`;
    }
  }
  return null;
}
