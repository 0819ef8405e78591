/**
 * Building a BM25F index in one pass over the documents.
 *
 * While a document is open, occurrences are counted per (term, field). Closing it leaves
 * (term, field, count) triples in staging arrays, grouped by term, and its field lengths.
 * `finish` then knows every field's average length, turns each document's triples into
 * one pseudo-frequency per term (see bm25-index.ts) and scatters them into CSR arrays by
 * counting sort, which leaves every posting list sorted by document without a sort. No
 * object is created per posting or per occurrence: terms are looked up in place
 * (term-dictionary.ts) and counts live in typed arrays.
 */
import { roundToFloat16 } from '../arrays/float16.ts';
import { hasWordLetter, scanTerms } from './analyze.ts';
import { normalizeText } from './normalize.ts';
import { DEFAULT_B, DEFAULT_K1, type Bm25FieldSpec, type Bm25Index } from './bm25-index.ts';
import { GrowableInt32, GrowableUint16, GrowableUint32, ensureLength } from '../arrays/growable.ts';
import { TermDictionary } from './term-dictionary.ts';

const MAX_FIELDS = 255;
const MAX_COUNT = 0xffff;
const PREFIX_FLAG = 1;

export class Bm25Builder {
  private readonly fields: readonly Readonly<Bm25FieldSpec>[];
  private readonly fieldCount: number;
  private readonly k1: number;
  private readonly dictionary = new TermDictionary();
  private termFlags = new Uint8Array(1024);
  /** Documents holding each term so far: its posting count. */
  private readonly docFreq = new GrowableInt32(1024);

  // Staged triples, document after document; `docEnds[d]` ends document d's.
  private readonly stagedTerms: GrowableInt32;
  private readonly stagedFields: GrowableUint16;
  private readonly stagedCounts: GrowableUint16;
  private readonly docEnds: GrowableInt32;
  /** Length of field f of document d at `d * fieldCount + f`. */
  private readonly fieldLengths: GrowableUint32;
  private readonly fieldLengthSums: Float64Array;
  /** Documents with at least one term in each field. */
  private readonly fieldDocCounts: Float64Array;

  // The open document: count per (term, field) at `term * fieldCount + field`, its terms in first-seen order, its field lengths.
  private docCounts = new Int32Array(1024);
  /** `termStamp[t] === docStamp` ⇔ term t already occurs in the open document. */
  private termStamp = new Int32Array(1024);
  /** Bit f set ⇔ term t occurs in field f of the open document (fields 0–31; later ones are always visited). */
  private termFieldBits = new Int32Array(1024);
  private docStamp = 1;
  private readonly docTerms = new GrowableInt32(256);
  private readonly docFieldLengths: Uint32Array;

  // The field being scanned, read by `sink` (one closure for the builder's life).
  private text = '';
  private field = 0;
  private readonly sink: (start: number, end: number) => void;
  // The last text and its terms: a prompt's name is often its whole text, and is not analysed twice.
  private lastRaw: string | null = null;
  private lastSkipNumbers = false;
  private readonly lastTerms = new GrowableInt32(256);
  private finished = false;

  constructor(fields: readonly Bm25FieldSpec[], opts: { k1?: number; expectedDocs?: number } = {}) {
    if (fields.length === 0 || fields.length > MAX_FIELDS) throw new RangeError(`between 1 and ${MAX_FIELDS} fields are needed`);
    for (const f of fields) {
      if (!(f.weight > 0) || !Number.isFinite(f.weight)) throw new RangeError(`field weights must be positive (got ${f.weight})`);
      const b = f.b ?? DEFAULT_B;
      if (!(b >= 0 && b <= 1)) throw new RangeError(`field b must be within [0, 1] (got ${b})`);
    }
    this.fields = fields.map((f) => ({ ...f, b: f.b ?? DEFAULT_B }));
    this.fieldCount = fields.length;
    this.k1 = opts.k1 ?? DEFAULT_K1;
    const docs = opts.expectedDocs ?? 1024;
    this.stagedTerms = new GrowableInt32(docs * 16);
    this.stagedFields = new GrowableUint16(docs * 16);
    this.stagedCounts = new GrowableUint16(docs * 16);
    this.docEnds = new GrowableInt32(docs);
    this.fieldLengths = new GrowableUint32(docs * this.fieldCount);
    this.fieldLengthSums = new Float64Array(this.fieldCount);
    this.fieldDocCounts = new Float64Array(this.fieldCount);
    this.docCounts = new Int32Array(1024 * this.fieldCount);
    this.docFieldLengths = new Uint32Array(this.fieldCount);
    this.sink = (start, end) => this.addTerm(start, end);
  }

  /** Adds text to field `field` of the open document; returns it normalised (normalizeText), for callers that need that too. */
  addText(field: number, text: string): string {
    if (this.finished) throw new Error('the index is already finished');
    const spec = this.fields[field];
    if (spec === undefined) throw new RangeError(`no field ${field}`);
    this.field = field;
    const skipNumbers = spec.skipNumbers === true;
    if (text === this.lastRaw && skipNumbers === this.lastSkipNumbers) {
      for (let i = 0; i < this.lastTerms.length; i++) this.count(this.lastTerms.array[i]!);
      return this.text;
    }
    this.lastRaw = text;
    this.lastSkipNumbers = skipNumbers;
    this.lastTerms.length = 0;
    this.text = normalizeText(text);
    scanTerms(this.text, this.sink);
    return this.text;
  }

  private addTerm(start: number, end: number): void {
    const s = this.text;
    if (this.fields[this.field]!.skipNumbers && allDigits(s, start, end)) return;
    const id = this.dictionary.add(s, start, end);
    if (id === this.docFreq.length) {
      this.docFreq.push(0);
      this.termFlags = ensureLength(this.termFlags, id + 1, (n) => new Uint8Array(n));
      this.termStamp = ensureLength(this.termStamp, id + 1, (n) => new Int32Array(n));
      this.termFieldBits = ensureLength(this.termFieldBits, id + 1, (n) => new Int32Array(n));
      this.docCounts = ensureLength(this.docCounts, (id + 1) * this.fieldCount, (n) => new Int32Array(n));
    }
    this.lastTerms.push(id);
    this.count(id);
  }

  /** One occurrence of term `id` in the current field of the open document. */
  private count(id: number): void {
    const f = this.field;
    if (this.fields[f]!.prefix) this.termFlags[id]! |= PREFIX_FLAG;
    if (this.termStamp[id] !== this.docStamp) {
      this.termStamp[id] = this.docStamp;
      this.termFieldBits[id] = 0;
      this.docTerms.push(id);
    }
    this.termFieldBits[id]! |= f < 32 ? 1 << f : 0;
    this.docCounts[id * this.fieldCount + f]!++;
    this.docFieldLengths[f]!++;
  }

  /** Closes the open document (possibly empty) and returns its id: 0, 1, 2… in order. */
  endDocument(): number {
    const F = this.fieldCount;
    const terms = this.docTerms.array;
    for (let i = 0; i < this.docTerms.length; i++) {
      const t = terms[i]!;
      this.docFreq.array[t]!++;
      const bits = this.termFieldBits[t]!;
      for (let f = 0; f < F; f++) {
        if (f < 32 && (bits & (1 << f)) === 0) continue;
        const c = this.docCounts[t * F + f]!;
        if (c === 0) continue;
        this.stagedTerms.push(t);
        this.stagedFields.push(f);
        this.stagedCounts.push(Math.min(c, MAX_COUNT));
        this.docCounts[t * F + f] = 0;
      }
    }
    this.docTerms.length = 0;
    for (let f = 0; f < F; f++) {
      this.fieldLengths.push(this.docFieldLengths[f]!);
      this.fieldLengthSums[f]! += this.docFieldLengths[f]!;
      if (this.docFieldLengths[f]! > 0) this.fieldDocCounts[f]!++;
      this.docFieldLengths[f] = 0;
    }
    this.docEnds.push(this.stagedTerms.length);
    this.docStamp++;
    return this.docEnds.length - 1;
  }

  /** The index. The builder cannot be used afterwards. */
  finish(): Bm25Index {
    if (this.docTerms.length > 0) throw new Error('the last document was not ended');
    this.finished = true;
    const F = this.fieldCount;
    const terms = this.dictionary.terms;
    const termCount = terms.length;
    const docCount = this.docEnds.length;

    const fieldAvgLengths = new Float64Array(F);
    const weight = new Float64Array(F);
    const b = new Float64Array(F);
    const bOverAvg = new Float64Array(F);
    for (let f = 0; f < F; f++) {
      // Averaged over the documents that have the field (as Lucene does): a field most
      // documents lack, such as tags, would otherwise look long wherever it is present.
      fieldAvgLengths[f] = this.fieldDocCounts[f]! > 0 ? this.fieldLengthSums[f]! / this.fieldDocCounts[f]! : 1;
      weight[f] = this.fields[f]!.weight;
      b[f] = this.fields[f]!.b!;
      bOverAvg[f] = b[f]! / fieldAvgLengths[f]!;
    }

    const postingOffsets = new Int32Array(termCount + 1);
    const df = this.docFreq.array;
    for (let t = 0; t < termCount; t++) postingOffsets[t + 1] = postingOffsets[t]! + df[t]!;
    const postingCount = postingOffsets[termCount]!;
    const cursor = postingOffsets.slice(0, termCount);
    const postingDocs = new Int32Array(postingCount);
    const postingTfs = new Float32Array(postingCount);

    const staged = this.stagedTerms.array;
    const stagedFields = this.stagedFields.array;
    const stagedCounts = this.stagedCounts.array;
    const docEnds = this.docEnds.array;
    const lengths = this.fieldLengths.array;
    let i = 0;
    for (let d = 0; d < docCount; d++) {
      const end = docEnds[d]!;
      const row = d * F;
      // A document's triples come grouped by term: sum each group into one posting.
      while (i < end) {
        const t = staged[i]!;
        let tf = 0;
        do {
          const f = stagedFields[i]!;
          tf += (weight[f]! * stagedCounts[i]!) / (1 - b[f]! + bOverAvg[f]! * lengths[row + f]!);
          i++;
        } while (i < end && staged[i] === t);
        const pos = cursor[t]!++;
        postingDocs[pos] = d;
        // Half precision (0.05 %): BM25 cannot tell, and a partitioned index's postings
        // then hold the frequencies in two bytes and still score exactly as this index does
        // (postings-tiers.ts).
        postingTfs[pos] = roundToFloat16(tf);
      }
    }

    return {
      k1: this.k1,
      fields: this.fields,
      fieldAvgLengths,
      docCount,
      terms,
      vocabulary: this.dictionary,
      postingOffsets,
      postingDocs,
      postingTfs,
      prefixTerms: sortedPrefixTerms(terms, this.dictionary, this.termFlags),
    };
  }
}

/** Terms seen in a prefix field that hold a letter (numbers and CJK bigrams are not completed). */
function sortedPrefixTerms(terms: readonly string[], dictionary: TermDictionary, flags: Uint8Array): Int32Array {
  const chosen: string[] = [];
  for (let t = 0; t < terms.length; t++) {
    if (flags[t]! & PREFIX_FLAG && hasWordLetter(terms[t]!)) chosen.push(terms[t]!);
  }
  chosen.sort(); // UTF-16 code unit order, as the binary search in completion compares
  const out = new Int32Array(chosen.length);
  for (let i = 0; i < chosen.length; i++) out[i] = dictionary.get(chosen[i]!)!;
  return out;
}

function allDigits(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** A document as the texts of its fields: `[field, text]` pairs, fields repeatable. */
export type FieldTexts = ReadonlyArray<readonly [field: number, text: string]>;

/** Builds an index over documents given as field texts; document i gets id i. */
export function buildBm25(fields: readonly Bm25FieldSpec[], docs: Iterable<FieldTexts>, opts: { k1?: number } = {}): Bm25Index {
  const builder = new Bm25Builder(fields, opts);
  for (const doc of docs) {
    for (const [field, text] of doc) builder.addText(field, text);
    builder.endDocument();
  }
  return builder.finish();
}
