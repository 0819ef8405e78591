/**
 * Keyword postings of a partitioned index in impact tiers, so that a query reads the
 * highest-frequency postings of each of its terms and only as much more as can still change
 * its top results.
 *
 * Why: a term's BM25 contribution to a document grows with its (length-normalised)
 * frequency there, so the documents that can rank first for a term are the few where it is
 * frequent. A term's postings are ranked by frequency and cut into tiers of 8,192, 24,576,
 * 98,304, … postings (tier ends 8,192, 32,768, 131,072, …: each 4× the one before); tier j
 * of consecutive terms is grouped into block files of its own. Reading tiers 0 … j of a
 * term bounds what the rest can add to any document: the rest's frequencies are at most the
 * lowest frequency read. The search (tieredTopK) reads tier 0 of every query term, scores
 * what it has, and reads deeper only while some document outside the 10 best could still
 * pass the 10th score by more than `slack` × that score; a common word of a sentence-long
 * query over a million documents (hundreds of thousands of postings) is then often read for
 * its first tens of thousands, not whole. Scores are exact over what was read; with slack
 * null every tier of every term is read, and the results are those of the whole index, bit
 * for bit.
 *
 * Within a tier, postings stay in document order. An index written before tiers is one
 * tier holding every posting (TieredLayout.first = Infinity), read the same way.
 */
import { bm25AllScores, bm25TopK, groupDocFrequency, type TermGroup } from './bm25.ts';
import { docFrequency, idf, perIndex, saturate, type Bm25Index } from './bm25-index.ts';
import { TopK, type ScoredDoc } from './top-k.ts';
import { float16Bits, float16Table } from '../arrays/float16.ts';

/**
 * Postings in a term's first tier: about what one file costs a cold query in bytes. A query
 * reads tier 0 of each of its terms in one round and each deeper tier in a round of its own,
 * a file per term and tier; in Chromium on the benchmark's machine a file costs about 2.5 ms
 * and a megabyte about 80 ms (docs/literature-scale.md), so a file is worth about 30 kB, and
 * a tier-0 slice of 8,192 postings is 29 kB at their 3.5 bytes each. A smaller first tier
 * saves bytes of terms that stop early, but spends more files and rounds on the terms that
 * go deeper. It was 256 until issue 13 timed a cold query by phase: on a million generated
 * documents the keyword ranker, reading 4 rounds (6 at p95) and 62 postings files (106),
 * ended last. With 8,192 it reads 2 rounds (3) and 25 files (47), and fewer bytes, since the
 * round cap no longer reads common words whole (docs/literature-scale.md, "Where a cold
 * query's time goes").
 */
export const FIRST_TIER = 8192;
/** Tier ends grow by this factor: 8,192, 32,768, 131,072, … (tier 1 holds 24,576 postings, tier 2 98,304, …). */
export const TIER_GROWTH = 4;
/**
 * What the unread tiers may add to a document's score, as a share of the 10th best score,
 * when the search stops reading (see tieredTopK). 0.05 found 0.940 of the top 10 of reading
 * every tier on a million generated documents (0.960 at 100,000), below the issue's 0.95;
 * 0.03 finds 0.973 (0.979) for 0.46 MB more postings a cold query at p50 and 0.45 at p95
 * (0.04 and 0.05 MB at 100,000); 0.02 would put 100,000 documents' p95 query past 2 MB
 * (docs/literature-scale.md, "Keyword search"). Measured with a first tier of 256; with
 * FIRST_TIER, 0.03 finds 0.975 (0.989).
 */
export const DEFAULT_TIER_SLACK = 0.03;
/**
 * Reads of a query, one after the other; the last reads the rest of every term whole. Each
 * is a round trip on a hospital network, but a cap too low reads common terms whole: on a
 * million generated documents with a first tier of 256 (7 tiers) a cap of 4 made p95
 * postings per query 8.2 MB, 6 made them 4.0 MB, as did no cap. With FIRST_TIER a term in a
 * million documents has 5 tiers, and the cap binds only from 7 (a term in over 8.4 million).
 */
export const MAX_ROUNDS = 6;
/** The top ranks the slack is measured against (those shown). */
export const GUARDED_TOP = 10;

export interface TieredLayout {
  /** Postings in tier 0 (Infinity: one tier with every posting, as indexes before tiers). */
  readonly first: number;
  /** Tier ends grow by this factor. */
  readonly growth: number;
  /** Block files of each tier. */
  readonly blocks: readonly number[];
  /**
   * How the blocks store frequencies: 'float16' (two bytes: the keyword index keeps its
   * frequencies to half precision, bm25-builder.ts, so nothing is lost), or absent for
   * blocks written before, in float32.
   */
  readonly frequencies?: 'float16';
}

/** How tier blocks store their frequencies (TieredLayout.frequencies), as the writer writes them now. */
export const TIER_FREQUENCIES = 'float16';

/** Rank (by frequency) of a term's first posting in tier `level`. */
export function tierStart(layout: Pick<TieredLayout, 'first' | 'growth'>, level: number): number {
  return level === 0 ? 0 : layout.first * layout.growth ** (level - 1);
}

/** How many of a term's `df` postings lie in tier `level`. */
export function tierLength(layout: Pick<TieredLayout, 'first' | 'growth'>, df: number, level: number): number {
  const from = tierStart(layout, level);
  return Math.max(0, Math.min(df, tierStart(layout, level + 1)) - from);
}

/** Tiers needed for a largest document frequency of `maxDf`. */
export function tierCount(layout: Pick<TieredLayout, 'first' | 'growth'>, maxDf: number): number {
  let level = 1;
  while (tierStart(layout, level) < maxDf) level++;
  return level;
}

/**
 * Each posting's tier: postings ranked by frequency, highest first, ties in document order
 * (so the tiers of the same index are always the same). Positions are the term's own, 0 … df.
 */
export function postingTiers(tfs: Float32Array, layout: Pick<TieredLayout, 'first' | 'growth'>): Uint8Array {
  const n = tfs.length;
  const tier = new Uint8Array(n);
  if (n <= layout.first) return tier;
  // Rank by one native numeric sort of float64 keys: the float32's bits (monotone in its
  // value for positive numbers), inverted so the highest comes first, then the position,
  // which fit in 53 bits while a term has fewer than 2^21 postings.
  const bits = new Uint32Array(tfs.buffer, tfs.byteOffset, n);
  let order: ArrayLike<number>;
  if (n < 2 ** 21) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (0xffffffff - bits[i]!) * 2 ** 21 + i;
    keys.sort();
    order = Int32Array.from(keys, (k) => k % 2 ** 21);
  } else {
    order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => tfs[b]! - tfs[a]! || a - b);
  }
  let level = 0;
  for (let rank = 0; rank < n; rank++) {
    while (rank >= tierStart(layout, level + 1)) level++;
    tier[order[rank]!] = level;
  }
  return tier;
}

/**
 * The postings as tiered block files: for each tier, blocks of consecutive terms of about
 * `blockBytes(level)` bytes counted at 8 bytes a posting (they take about 3.5:
 * encodeTierBlock), each holding its terms' tier slices; and the first term of each block
 * of each tier, tier after tier (blocks[level] + 1 entries each, the last being the term
 * count).
 */
export function tieredPostingBlocks(
  index: Pick<Bm25Index, 'postingOffsets' | 'postingDocs' | 'postingTfs'>,
  layout: Pick<TieredLayout, 'first' | 'growth'>,
  blockBytes: (level: number) => number,
): { blocks: Uint8Array[][]; starts: Int32Array; layout: TieredLayout } {
  const offsets = index.postingOffsets;
  const terms = offsets.length - 1;
  let maxDf = 0;
  for (let t = 0; t < terms; t++) maxDf = Math.max(maxDf, offsets[t + 1]! - offsets[t]!);
  const levels = tierCount(layout, maxDf);
  const blocks: Uint8Array[][] = Array.from({ length: levels }, () => []);
  const starts: number[][] = Array.from({ length: levels }, () => [0]);
  // The open block of each tier: its slices, in term order.
  const open = Array.from({ length: levels }, () => ({ docs: [] as Int32Array[], tfs: [] as Float32Array[], postings: 0 }));
  const close = (level: number) => {
    const o = open[level]!;
    blocks[level]!.push(encodeTierBlock(o.docs, o.tfs));
    open[level] = { docs: [], tfs: [], postings: 0 };
  };
  for (let t = 0; t < terms; t++) {
    const from = offsets[t]!;
    const df = offsets[t + 1]! - from;
    const docs = index.postingDocs.subarray(from, from + df);
    const tfs = index.postingTfs.subarray(from, from + df);
    const tier = postingTiers(tfs, layout);
    for (let level = 0; level < levels; level++) {
      const n = tierLength(layout, df, level);
      // A slice that fills a block alone gets one of its own: the shorter slices before it
      // close their block first, so that reading them does not fetch it, nor it them.
      if (n * 8 >= blockBytes(level) && open[level]!.postings > 0) {
        close(level);
        starts[level]!.push(t);
      }
      const o = open[level]!;
      if (n > 0) {
        const d = new Int32Array(n);
        const f = new Float32Array(n);
        let i = 0;
        for (let p = 0; p < df; p++) if (tier[p] === level) ((d[i] = docs[p]!), (f[i] = tfs[p]!), i++);
        o.docs.push(d);
        o.tfs.push(f);
        o.postings += n;
      }
      // A block closes once it reaches its size, after a whole term.
      if (o.postings * 8 >= blockBytes(level) && t + 1 < terms) {
        close(level);
        starts[level]!.push(t + 1);
      }
    }
  }
  for (let level = 0; level < levels; level++) {
    close(level);
    starts[level]!.push(terms);
  }
  return {
    blocks,
    starts: Int32Array.from(starts.flat()),
    layout: { first: layout.first, growth: layout.growth, blocks: blocks.map((b) => b.length), frequencies: TIER_FREQUENCIES },
  };
}

/**
 * A tier block's bytes: the frequencies of all its postings as binary16 (little-endian),
 * slice after slice, then their document ids as LEB128 varints, each slice's ascending ids
 * as gaps from the one before (its first from 0). A common term's tier-0 slice (8,192 ids
 * among a million documents) takes 1–2 bytes an id instead of 4; a deep tier's dense ids,
 * one. The keyword index's frequencies are half-precision values already (bm25-builder.ts),
 * so two bytes hold them exactly and the scores are the whole index's, bit for bit.
 */
export function encodeTierBlock(docs: readonly Int32Array[], tfs: readonly Float32Array[]): Uint8Array {
  const n = tfs.reduce((a, f) => a + f.length, 0);
  const out: number[] = [];
  for (const slice of docs) {
    let last = 0;
    for (const d of slice) {
      for (let gap = d - last; ; gap >>>= 7) {
        if (gap < 0x80) {
          out.push(gap);
          break;
        }
        out.push((gap & 0x7f) | 0x80);
      }
      last = d;
    }
  }
  const bytes = new Uint8Array(n * 2 + out.length);
  let at = 0;
  for (const f of tfs) {
    for (const x of f) {
      const h = float16Bits(x);
      bytes[at++] = h & 0xff;
      bytes[at++] = h >>> 8;
    }
  }
  bytes.set(out, at);
  return bytes;
}

/**
 * A tier block read back, given the length of each of its slices (from the terms' document
 * frequencies) and how it stores frequencies (its layout's `frequencies`: undefined for
 * blocks written before half precision, which hold float32); an error message when the
 * bytes do not hold exactly that many postings.
 */
export function decodeTierBlock(bytes: Uint8Array, lengths: readonly number[], frequencies: TieredLayout['frequencies']): { docs: Int32Array; tfs: Float32Array } | string {
  const n = lengths.reduce((a, b) => a + b, 0);
  const width = frequencies === 'float16' ? 2 : 4;
  if (bytes.byteLength < n * width) return `${bytes.byteLength} bytes, too few for the ${n} postings of its terms in this tier`;
  let tfs: Float32Array;
  if (width === 2) {
    const values = float16Table();
    tfs = new Float32Array(n);
    for (let i = 0; i < n; i++) tfs[i] = values[bytes[2 * i]! | (bytes[2 * i + 1]! << 8)]!;
  } else {
    const f = bytes.subarray(0, n * 4);
    tfs = new Float32Array((f.byteOffset % 4 === 0 ? f : f.slice()).buffer, f.byteOffset % 4 === 0 ? f.byteOffset : 0, n);
  }
  const docs = new Int32Array(n);
  let at = n * width;
  let i = 0;
  for (const len of lengths) {
    let last = 0;
    for (let j = 0; j < len; j++) {
      let gap = 0;
      for (let shift = 0; ; shift += 7) {
        if (at >= bytes.byteLength || shift > 28) return `${bytes.byteLength} bytes end inside the document ids of its ${n} postings`;
        const b = bytes[at++]!;
        gap |= (b & 0x7f) << shift;
        if (b < 0x80) break;
      }
      docs[i++] = last += gap;
    }
  }
  if (at !== bytes.byteLength) return `${bytes.byteLength - at} bytes left over after the ${n} postings of its terms in this tier`;
  return { docs, tfs };
}

/** The block of a tier holding term t, given that tier's block starts (first term of each block, then the term count). */
export function blockOfTerm(starts: Int32Array, t: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The slices of a tier block in order: their lengths (what decodeTierBlock needs) and where
 * each term's slice begins, from the tier length of each of the block's terms.
 */
export function blockSlices(starts: Int32Array, block: number, length: (term: number) => number): { lengths: number[]; from: Map<number, number> } {
  const lengths: number[] = [];
  const from = new Map<number, number>();
  let n = 0;
  for (let u = starts[block]!; u < starts[block + 1]!; u++) {
    from.set(u, n);
    lengths.push(length(u));
    n += lengths.at(-1)!;
  }
  return { lengths, from };
}

/** One tier of one term, as read: its documents and frequencies (empty when unreadable). */
export interface TierSlice {
  readonly docs: Int32Array;
  readonly tfs: Float32Array;
}

/** Reads tier `level` of these terms; a term whose block could not be read is absent from the answer. */
export type ReadTiers = (level: number, terms: readonly number[]) => Promise<Map<number, TierSlice>>;

/** What tieredTopK read, for benchmarks and tests. */
export interface TierReads {
  rounds: number;
  /** Postings read, and postings the query's terms have in all. */
  postings: number;
  of: number;
}

/**
 * The k best documents for the query (as bm25TopK), reading the query terms' postings tier
 * by tier, as deep as can still change which documents are the GUARDED_TOP best.
 *
 * After each round every document has a score from the postings read (a lower bound) and
 * an upper bound: that plus, for each term not read to its end where the document was not
 * found, the most the unread rest can add (the term's idf × the saturation of its lowest
 * frequency read, times its weight); a document found nowhere yet is bounded by the sum over
 * all terms. With θ the 10th best lower bound, reading stops when no document outside the
 * 10 best can exceed θ by more than `slack` × θ. Until then, the next tier is read of every
 * term whose bound is at least 1/(terms unread) of the largest excess: one such term always
 * exists, since a document outside the 10 best scores at most θ from what was read.
 *
 * Scores are those of the postings read, with each group's document frequency from the
 * dictionary; with `slack` null every tier is read and they are the whole index's, bit for bit.
 * The `maxRounds`-th read (MAX_ROUNDS) reads every term not yet read to its end whole.
 */
export async function tieredTopK(
  dictionary: Bm25Index,
  view: PostingsView,
  layout: TieredLayout,
  groups: readonly TermGroup[],
  k: number,
  read: ReadTiers,
  options: { readonly slack?: number | null; readonly maxRounds?: number; readonly reads?: TierReads } = {},
): Promise<ScoredDoc[]> {
  const { slack = DEFAULT_TIER_SLACK, maxRounds = MAX_ROUNDS, reads } = options;
  const scored = groups.map((g) => ({ ...g, df: groupDocFrequency(dictionary, g) }));
  const terms = [...new Set(groups.flatMap((g) => g.terms))].sort((a, b) => a - b);
  const levels = layout.blocks.length;
  // Per term: the slices read, the next tier to read (levels once every tier is read or its
  // block was unreadable), and the lowest frequency read.
  const state = new Map(terms.map((t) => [t, { slices: [] as TierSlice[], next: 0, lowest: Infinity }]));
  const df = (t: number) => docFrequency(dictionary, t);
  if (reads) reads.of += terms.reduce((n, t) => n + df(t), 0);
  let wanted = terms;
  for (let round = 1; wanted.length > 0; round++) {
    // All wanted terms in one round, in parallel, each at its own next tier; the last round
    // reads every term not read to its end whole, so that a query waits for at most
    // MAX_ROUNDS reads one after the other (each a round trip on a hospital network).
    if (round === maxRounds) wanted = terms.filter((t) => state.get(t)!.next < levels);
    const byLevel = new Map<number, number[]>();
    for (const t of wanted) {
      const s = state.get(t)!;
      const last = round < maxRounds ? s.next : levels - 1;
      for (let level = s.next; level <= last && tierLength(layout, df(t), level) > 0; level++) byLevel.set(level, [...(byLevel.get(level) ?? []), t]);
    }
    const answers = await Promise.all([...byLevel].map(([level, ts]) => read(level, ts).then((got) => ({ level, ts, got }))));
    for (const { level, ts, got } of answers.sort((a, b) => a.level - b.level)) {
      for (const t of ts) {
        const s = state.get(t)!;
        const slice = got.get(t);
        if (!slice) {
          s.next = levels;
          continue;
        }
        s.slices.push(slice);
        for (let i = 0, tfs = slice.tfs; i < tfs.length; i++) if (tfs[i]! < s.lowest) s.lowest = tfs[i]!;
        if (reads) reads.postings += slice.docs.length;
        if (s.next < levels) s.next = level + 1 < levels && tierLength(layout, df(t), level + 1) > 0 ? level + 1 : levels;
      }
    }
    if (reads) reads.rounds++;
    if (slack === null) {
      wanted = terms.filter((t) => state.get(t)!.next < levels);
      if (wanted.length === 0) return bm25TopK(fillView(view, terms, state), scored, k);
      continue;
    }
    // One scoring of what was read both judges whether to read deeper and, when not, ranks.
    const assessed = assess(dictionary, fillView(view, terms, state), scored, state, levels, slack, k);
    wanted = assessed.deeper;
    if (wanted.length === 0) return assessed.top;
  }
  return [];
}

/**
 * The k best documents over the postings read so far (as bm25TopK ranks them), and the
 * terms to read a tier deeper: none when no document outside the 10 best can exceed the
 * 10th by more than slack.
 */
function assess(
  dictionary: Bm25Index,
  view: Bm25Index,
  groups: readonly (TermGroup & { df: number })[],
  state: ReadonlyMap<number, { slices: readonly TierSlice[]; next: number; lowest: number }>,
  levels: number,
  slack: number,
  k: number,
): { top: ScoredDoc[]; deeper: number[] } {
  const { found, docs, lower, mark } = assessScratch(view);
  const n = bm25AllScores(view, groups, docs, lower);
  const top = new TopK(Math.min(Math.max(k, GUARDED_TOP), n));
  for (let i = 0; i < n; i++) if (top.wouldKeep(lower[i]!, docs[i]!)) top.push(lower[i]!, docs[i]!);
  const ranked = top.sorted();
  const result = ranked.slice(0, k);
  // What the unread rest of each term can add to a document's score.
  const bound = new Map<number, number>();
  for (const g of groups) {
    const w = idf(dictionary.docCount, g.df);
    g.terms.forEach((t, m) => {
      const s = state.get(t)!;
      if (s.next < levels) bound.set(t, (bound.get(t) ?? 0) + w * saturate((g.weights?.[m] ?? 1) * s.lowest, dictionary.k1));
    });
  }
  if (bound.size === 0) return { top: result, deeper: [] };
  let unread = 0;
  for (const b of bound.values()) unread += b;
  // found[d]: the bounds of the unfinished terms where d was found (its rest is already read or bounded there).
  for (const [t, b] of bound) {
    for (const { docs: ds } of state.get(t)!.slices) for (let i = 0; i < ds.length; i++) found[ds[i]!]! += b;
  }
  const best = ranked.slice(0, GUARDED_TOP);
  const theta = n >= GUARDED_TOP ? best[best.length - 1]!.score : 0;
  for (const h of best) mark[h.doc] = 1;
  // Largest upper bound outside the 10 best: a document not found yet, or one found in some terms.
  let challenger = dictionary.docCount > n ? unread : 0;
  for (let i = 0; i < n; i++) {
    const d = docs[i]!;
    if (mark[d] === 0) {
      const upper = lower[i]! + unread - found[d]!;
      if (upper > challenger) challenger = upper;
    }
    found[d] = 0;
  }
  for (const h of best) mark[h.doc] = 0;
  if (challenger <= theta * (1 + slack)) return { top: result, deeper: [] };
  const excess = challenger - theta;
  return { top: result, deeper: [...bound].filter(([, b]) => b >= excess / bound.size).map(([t]) => t) };
}

interface AssessScratch {
  found: Float64Array;
  docs: Int32Array;
  lower: Float32Array;
  /** 1 for the 10 best documents while assess() looks for a challenger, else 0. */
  mark: Uint8Array;
}

/** Per-document work arrays for assess(), made once per view; assess leaves `found` and `mark` zeroed. */
const assessScratch = perIndex<AssessScratch>((n) => ({ found: new Float64Array(n), docs: new Int32Array(n), lower: new Float32Array(n), mark: new Uint8Array(n) }));

/**
 * The index a query is scored on: the dictionary's terms and scalars with postings the
 * search fills in (tieredTopK). One per open index, reused by every query, so that
 * bm25TopK's per-index work arrays are made once; a query fills and scores it
 * synchronously, so two queries in flight never see each other's postings.
 */
export type PostingsView = { -readonly [K in keyof Bm25Index]: Bm25Index[K] };

export function postingsView(dictionary: Bm25Index): PostingsView {
  return { ...dictionary, postingOffsets: new Int32Array(dictionary.postingOffsets.length), postingDocs: new Int32Array(0), postingTfs: new Float32Array(0) };
}

/** The view with, for these terms (ascending), the postings read so far; other terms' offsets are stale and unread. */
function fillView(view: PostingsView, terms: readonly number[], state: ReadonlyMap<number, { slices: readonly TierSlice[] }>): Bm25Index {
  let total = 0;
  for (const t of terms) for (const s of state.get(t)!.slices) total += s.docs.length;
  const docs = new Int32Array(total);
  const tfs = new Float32Array(total);
  const offsets = view.postingOffsets;
  let at = 0;
  for (const t of terms) {
    offsets[t] = at;
    for (const s of state.get(t)!.slices) {
      docs.set(s.docs, at);
      tfs.set(s.tfs, at);
      at += s.docs.length;
    }
    offsets[t + 1] = at;
  }
  view.postingDocs = docs;
  view.postingTfs = tfs;
  return view;
}
