/**
 * The literature index as the search worker holds it: the keyword index loads with the
 * pack; the embedding model, and onnxruntime-web with it, load only when semantic search is
 * first asked for (they are the big download), and if they cannot load, search carries on
 * with keywords and says why. An index may also carry an NLI (entailment) model in `nli/`,
 * loaded the same way on its first use (`entailment`).
 */
import { MODEL_DIR, type LiteratureDoc, type LiteraturePackIo } from '../core/search/literature-pack.ts';
import { openLiteratureSearcher, type LiteratureSearcher, type PartFault, type PartitionedHits, type SearchPhases } from '../core/search/literature-partitioned.ts';
import { embeddingText, type HybridOptions } from '../core/search/literature-search.ts';
import { translateQueryTerms, type TermTranslation } from '../core/search/term-translation.ts';
import { passageFor, type Passage } from '../core/search/literature-passage.ts';
import { splitSentences } from '../core/search/literature-sentences.ts';
import { CONTROL_QUANTILE, CONTROL_SENTENCES, quantile } from '../core/search/literature-support.ts';
import { DEFAULT_VERDICT_OPTIONS, impliedDrugs, judgeClaim, mergeSpans, sentenceFacts, withContextDrugs, type ClaimJudgement, type ConflictKind, type EvidenceCandidate, type SentenceFacts, type Span, type Verdict } from '../core/check/index.ts';
import { dot } from '../core/search/vector-pooling.ts';
import { createEmbedder, type Embedder, type RuntimeOptions } from '../embed/index.ts';
import { folderSource } from './literature-sources.ts';
import { createWasmArenaScorer, wasmRowScorer } from '../embed/vector-scan-wasm.ts';
import { NLI_DIR } from '../core/search/literature-pack.ts';
import { createNliModel, type NliModel, type NliPair, type NliScores } from '../embed/index.ts';
import { sha256Hex } from '../platform/index.ts';
import type { Progress } from './rpc.ts';

/**
 * Where a literature index's files come from: a folder fetched over HTTP (the shared sample;
 * each file is checked against the index's own manifest when loaded), or a role's pack,
 * whose reader checks every file against the pack's signed manifest.
 */
export interface LiteratureSource {
  /** Bytes of a file of the index, by its path inside the index folder ("docs.json", "model/model.onnx"). */
  read(name: string): Promise<Uint8Array>;
  /** Several parts of a partitioned index at once; absent: one read a part. */
  readParts?: LiteraturePackIo['readParts'];
}

interface DocCandidate extends EvidenceCandidate {
  doc: number;
}

interface DocSentence {
  text: string;
  vector: Float32Array;
  facts: SentenceFacts;
}

export type { NliPair, NliScores };

export interface LiteratureSummary {
  docCount: number;
  model: string;
  /** Whether the index is partitioned (its parts fetched as queries need them). */
  partitioned: boolean;
}

/** Parts of a partitioned index a search could not read: it answered from the rest. */
export type UnavailablePart = PartFault;

/** What the UI shows of a literature document. */
export interface DocRef {
  id: string;
  title: string;
  source?: string;
  year?: number;
  /** Snapshot node this document is, when the corpus names one. */
  node?: string;
}

function docRef(d: LiteratureDoc): DocRef {
  const ref: DocRef = { id: d.id, title: d.title };
  if (d.source) ref.source = d.source;
  if (d.year !== undefined) ref.year = d.year;
  if (d.identifiers?.raireki) ref.node = d.identifiers.raireki;
  return ref;
}

export interface LiteratureHit extends DocRef {
  score: number;
  /** Scores of the keyword and vector rankers after normalisation (vector absent without the model). */
  parts: number[];
  passage: Passage;
}

export interface LiteratureResults {
  hits: LiteratureHit[];
  /** Whether the embedding model took part. */
  semantic: boolean;
  /** Why semantic search is unavailable, if it is. */
  modelError?: string;
  /** Query terms translated between Japanese and English and searched too (term-translation.ts); empty if none. */
  translations: TermTranslation[];
  /** Files of a partitioned index this search needed and could not read; empty if none. */
  unavailable: UnavailablePart[];
  /** `phases`: a partitioned index's search by phase (benchmarks). */
  timings: { embedMs: number; searchMs: number; phases?: SearchPhases };
}

export interface Evidence extends DocRef {
  /** Similarity between the claim and `closestSentence`. */
  score: number;
  /** The sentence of this document the verdict rests on: the one that disagrees, else the closest. */
  closestSentence: string;
  /** Spans of `closestSentence` that conflict with the claim (empty unless it contradicts). */
  marks: Span[];
}

/** Why a sentence is contradicted: which rule, about what, and whether a model said so. */
export interface CheckReason {
  kind: ConflictKind | 'model';
  /** The measure in question ("dose", "egfr"…), for quantity and population conflicts. */
  variable?: string;
}

export interface CheckedSentence {
  text: string;
  verdict: Verdict;
  /** Best evidence score. */
  score: number;
  /** Evidence documents, the one the verdict rests on first. */
  evidence: Evidence[];
  /** Spans of `text` that conflict with the first evidence (contradicted only). */
  marks: Span[];
  reasons: CheckReason[];
}

export interface CheckResult {
  sentences: CheckedSentence[];
  /** What off-topic control sentences score on this corpus: support must exceed it. */
  threshold: number;
  model: string;
  /** Whether an entailment model took part. */
  entailmentModel: boolean;
  /** Files of a partitioned index the check needed and could not read; empty if none. */
  unavailable: UnavailablePart[];
  timings: { checkMs: number };
}

/** Evidence documents shown per sentence, and sentences of a text checked at most. */
const EVIDENCE_PER_SENTENCE = 3;
/**
 * Documents whose every sentence is read for disagreement: the closest by meaning and by
 * keywords (hybrid), so that a guideline naming the same drug and lab in another wording
 * is read even when its embedding is not among the closest three.
 */
const CANDIDATE_DOCS = 6;
const MAX_SENTENCES = 60;
/** Close evidence sentences per claim the entailment model reads (it runs once per pair). */
const NLI_CANDIDATES = 2;

export class LiteratureSession {
  /** onnxruntime runs one inference per session at a time: embedding calls queue here. */
  private embedQueue: Promise<unknown> = Promise.resolve();
  private sentenceCache = new Map<number, DocSentence[]>();
  private threshold: number | null = null;

  private index: LiteratureSearcher | null = null;
  /** Documents of hits seen so far (a partitioned index has no document list in memory). */
  private docs = new Map<number, LiteratureDoc>();
  private source: LiteratureSource | null = null;
  private embedder: Promise<Embedder> | null = null;
  private modelError: string | null = null;

  constructor(private readonly runtime: RuntimeOptions) {}

  /** Opens an index (a folder URL, or any source such as a role's pack); replaces the one open. */
  async open(from: URL | LiteratureSource, progress?: (p: Progress) => void): Promise<LiteratureSummary> {
    const source = from instanceof URL ? folderSource(from) : from;
    const index = await openLiteratureSearcher(
      {
        read: (name) => source.read(name),
        ...(source.readParts ? { readParts: (names: readonly string[]) => source.readParts!(names) } : {}),
        sha256: sha256Hex,
        decodeUtf8: (b) => new TextDecoder().decode(b),
        onProgress: (done, total, file) => progress?.({ done, total, label: file }),
      },
      // A whole index's matrix is copied into WebAssembly once; a partitioned index's lists
      // into one arena as they are read, so warm queries scan them without copying.
      { whole: wasmRowScorer, parts: createWasmArenaScorer() ?? undefined },
    );
    this.index = index;
    this.docs = new Map();
    this.source = source;
    this.embedder = null;
    this.modelError = null;
    this.sentenceCache.clear();
    this.threshold = null;
    return { docCount: index.docCount, model: index.manifest.model, partitioned: index.manifest.partitioned !== undefined };
  }

  /** Bytes and files of a partitioned index fetched since it opened (null for a whole index): for benchmarks. */
  partsFetched(): { bytes: number; files: number } | null {
    const f = this.index?.fetched;
    return f ? { bytes: f.bytes, files: f.files } : null;
  }

  /** Forgets the parts of a partitioned index read so far, so the next search is cold (benchmarks). */
  forgetParts(): void {
    this.index?.forgetParts?.();
  }

  /** Loads the embedding model (once); resolves to null, with the reason kept, if it fails. */
  private async model(progress?: (p: Progress) => void): Promise<Embedder | null> {
    if (this.modelError) return null;
    if (!this.embedder) {
      progress?.({ done: 0, total: 1, label: MODEL_DIR });
      const source = this.source!;
      this.embedder = createEmbedder({ read: (name) => source.read(MODEL_DIR + name) }, this.runtime);
    }
    try {
      const embedder = await this.embedder;
      progress?.({ done: 1, total: 1, label: MODEL_DIR });
      return embedder;
    } catch (err) {
      this.modelError = err instanceof Error ? err.message : String(err);
      return null;
    }
  }

  private embed(embedder: Embedder, texts: readonly string[], role: 'query' | 'passage'): Promise<Float32Array[]> {
    const run = this.embedQueue.then(() => embedder.embed(texts, role));
    this.embedQueue = run.catch(() => undefined);
    return run;
  }

  /** Sentences of a document with their passage vectors and the rules' reading, computed once. */
  private async docSentences(embedder: Embedder, doc: number): Promise<DocSentence[]> {
    const cached = this.sentenceCache.get(doc);
    if (cached) return cached;
    const d = this.docs.get(doc)!;
    const texts = splitSentences(d.text).map((s) => s.text);
    if (texts.length === 0) texts.push(d.title);
    const vectors = await this.embed(embedder, texts, 'passage');
    const out = texts.map((text, i) => ({ text, vector: vectors[i]!, facts: sentenceFacts(text) }));
    this.sentenceCache.set(doc, out);
    return out;
  }

  /**
   * Every sentence of the documents closest to a claim, by meaning and keywords (hybrid),
   * each scored against the claim. Claims and the calibration's control sentences both go
   * through here, so the threshold and the scores it is compared with are alike.
   */
  private async candidatesFor(embedder: Embedder, text: string, v: Float32Array, faults: PartFault[] = []): Promise<DocCandidate[]> {
    const docs = (await this.hybrid(text, v, { k: CANDIDATE_DOCS }, faults)).hits.map((h) => h.doc);
    const candidates: DocCandidate[] = [];
    for (const doc of docs) {
      for (const s of await this.docSentences(embedder, doc)) candidates.push({ doc, text: s.text, score: dot(v, s.vector), facts: s.facts });
    }
    return candidates;
  }

  /** Hybrid hits with their documents kept for display; parts that could not be read are added to `faults`. */
  private async hybrid(query: string, v: Float32Array | null, options: HybridOptions, faults: PartFault[]): Promise<Pick<PartitionedHits, 'hits' | 'phases'>> {
    const r = await this.index!.search(query, v, options);
    for (const [doc, d] of r.docs) this.docs.set(doc, d);
    for (const f of r.faults) if (!faults.some((g) => g.file === f.file)) faults.push(f);
    return r;
  }

  /**
   * What off-topic control sentences score against this corpus (see literature-support.ts):
   * as the indexer stored it in the manifest, else computed here once.
   */
  private async calibrate(embedder: Embedder): Promise<number> {
    if (this.threshold !== null) return this.threshold;
    const stored = this.index?.manifest.support;
    if (stored && stored.quantile === CONTROL_QUANTILE && stored.controls === CONTROL_SENTENCES.length) return (this.threshold = stored.threshold);
    return (this.threshold = await this.controlThreshold(embedder));
  }

  /** The support threshold computed from the control sentences, whatever the manifest says: what the indexer stores. */
  async computeSupportThreshold(): Promise<{ threshold: number; quantile: number; controls: number }> {
    const embedder = await this.model();
    if (!embedder) throw new Error(`the support threshold needs the embedding model, which could not be loaded: ${this.modelError}`);
    return { threshold: await this.controlThreshold(embedder), quantile: CONTROL_QUANTILE, controls: CONTROL_SENTENCES.length };
  }

  private async controlThreshold(embedder: Embedder): Promise<number> {
    const vectors = await this.embed(embedder, CONTROL_SENTENCES, 'query');
    const scores: number[] = [];
    for (const [i, v] of vectors.entries()) {
      let best = 0;
      for (const c of await this.candidatesFor(embedder, CONTROL_SENTENCES[i]!, v)) best = Math.max(best, c.score);
      scores.push(best);
    }
    return quantile(scores, CONTROL_QUANTILE);
  }

  /**
   * Checks a text sentence by sentence: the closest documents by meaning and keywords, every
   * sentence of each read for disagreement (src/core/check), and a verdict per sentence.
   */
  async check(text: string, progress?: (p: Progress) => void): Promise<CheckResult> {
    const index = this.index;
    if (!index) throw new Error('no literature is loaded');
    const embedder = await this.model(progress);
    if (!embedder) throw new Error(`checking needs the embedding model, which could not be loaded: ${this.modelError}`);
    const threshold = await this.calibrate(embedder);
    const t0 = performance.now();
    const claims = splitSentences(text).slice(0, MAX_SENTENCES).map((s) => s.text);
    const vectors = await this.embed(embedder, claims, 'query');
    const sentences: CheckedSentence[] = [];
    const earlier: SentenceFacts[] = [];
    const unavailable: PartFault[] = [];
    let entailmentModel = false;
    for (const [i, claim] of claims.entries()) {
      const candidates = await this.candidatesFor(embedder, claim, vectors[i]!, unavailable);
      const facts = sentenceFacts(claim);
      const closestDocument = candidates.filter((c) => c.doc === candidates[0]?.doc).map((c) => c.facts!);
      const claimFacts = withContextDrugs(facts, impliedDrugs(earlier, closestDocument));
      let judgement = judgeClaim(claim, candidates, threshold, DEFAULT_VERDICT_OPTIONS, claimFacts);
      // The entailment model, where the index has one, reads only what the rules let pass:
      // a cross-encoder costs a run per pair, the rules almost nothing.
      if (judgement.verdict === 'supported' && index.manifest.nli) {
        const close = candidates
          .map((c, k) => ({ c, k }))
          .filter(({ c }) => c.score > threshold)
          .sort((a, b) => b.c.score - a.c.score)
          .slice(0, NLI_CANDIDATES);
        const scores = await this.entailment(close.map(({ c }) => ({ premise: c.text, hypothesis: claim })));
        if (scores) {
          entailmentModel = true;
          const byCandidate = new Map(close.map(({ k }, j) => [k, scores[j]!]));
          const scored = candidates.map((c, k) => (byCandidate.has(k) ? { ...c, entailment: byCandidate.get(k)! } : c));
          judgement = judgeClaim(claim, scored, threshold, DEFAULT_VERDICT_OPTIONS, claimFacts);
        }
      }
      earlier.push(facts);
      sentences.push(this.checkedSentence(claim, judgement, candidates));
    }
    return { sentences, threshold, model: index.manifest.model, entailmentModel, unavailable, timings: { checkMs: performance.now() - t0 } };
  }

  /**
   * Evidence sentences the caller gives (a labelled claim–evidence pair) scored against a
   * claim, with the corpus's calibrated threshold: what `check` hands to `judgeClaim` after
   * retrieval. The benchmark over labelled pairs uses it.
   */
  async scoreEvidence(claim: string, evidence: readonly string[]): Promise<{ threshold: number; candidates: EvidenceCandidate[] }> {
    const embedder = await this.model();
    if (!embedder) throw new Error(`scoring needs the embedding model, which could not be loaded: ${this.modelError}`);
    const threshold = await this.calibrate(embedder);
    const vectors = await this.embed(embedder, evidence, 'passage');
    const [q] = await this.embed(embedder, [claim], 'query');
    return { threshold, candidates: evidence.map((text, i) => ({ text, score: dot(q!, vectors[i]!), facts: sentenceFacts(text) })) };
  }

  /** The verdict with its evidence: the document it rests on first, then the closest others. */
  private checkedSentence(claim: string, judgement: ClaimJudgement, candidates: readonly DocCandidate[]): CheckedSentence {
    const docs = this.docs;
    const best = new Map<number, number>();
    for (const [i, c] of candidates.entries()) if (!best.has(c.doc) || c.score > candidates[best.get(c.doc)!]!.score) best.set(c.doc, i);
    const chosen = judgement.evidence >= 0 ? candidates[judgement.evidence]! : null;
    const order = [...best.values()].sort((a, b) => candidates[b]!.score - candidates[a]!.score).filter((i) => candidates[i]!.doc !== chosen?.doc);
    const evidenceMarks = judgement.conflicts.flatMap((c) => c.evidenceSpans);
    const evidence: Evidence[] = [];
    if (chosen) evidence.push({ ...docRef(docs.get(chosen.doc)!), score: chosen.score, closestSentence: chosen.text, marks: mergeSpans(evidenceMarks) });
    for (const i of order.slice(0, EVIDENCE_PER_SENTENCE - evidence.length)) {
      const c = candidates[i]!;
      evidence.push({ ...docRef(docs.get(c.doc)!), score: c.score, closestSentence: c.text, marks: [] });
    }
    const reasons: CheckReason[] = judgement.conflicts.map((c) => (c.variable ? { kind: c.kind, variable: c.variable } : { kind: c.kind }));
    if (judgement.byModel) reasons.push({ kind: 'model' });
    return {
      text: claim,
      verdict: judgement.verdict,
      score: judgement.score,
      evidence,
      marks: mergeSpans(judgement.conflicts.flatMap((c) => c.claimSpans)),
      reasons,
    };
  }

  async search(query: string, k: number, semantic: boolean, progress?: (p: Progress) => void): Promise<LiteratureResults> {
    const index = this.index;
    if (!index) throw new Error('no literature is loaded');
    const embedder = semantic ? await this.model(progress) : null;
    // Both rankers read the query with its medical terms translated (Japanese ↔ English).
    const translated = translateQueryTerms(index.bm25, query);
    const t0 = performance.now();
    const vector = embedder ? ((await this.embed(embedder, [embeddingText(index, query, translated.translations)], 'query'))[0] ?? null) : null;
    const t1 = performance.now();
    const unavailable: PartFault[] = [];
    const searched = query.trim() ? await this.hybrid(query, vector, { k, translations: translated.translations }, unavailable) : { hits: [] };
    const t2 = performance.now();
    const hits = searched.hits.map((h): LiteratureHit => {
      const doc = this.docs.get(h.doc)!;
      return { ...docRef(doc), score: h.score, parts: [...h.parts], passage: passageFor(doc.text, translated.text) };
    });
    const results: LiteratureResults = {
      hits,
      semantic: !!vector,
      translations: [...translated.translations],
      unavailable,
      timings: { embedMs: t1 - t0, searchMs: t2 - t1, ...(searched.phases ? { phases: searched.phases } : {}) },
    };
    if (semantic && this.modelError) results.modelError = this.modelError;
    return results;
  }

  // ---- NLI (entailment) model: the index's `nli/` folder, if it has one ----

  /** The open index's NLI model, loading or loaded, and why it failed if it did (kept per index). */
  private nliState: { index: LiteratureSearcher; model: Promise<NliModel>; error: string | null } | null = null;

  /**
   * Loads the index's NLI model (once per index); null when the index has none, or, with the
   * reason kept (`nliError`), when it could not be loaded.
   */
  private async nli(): Promise<NliModel | null> {
    const index = this.index;
    if (!index?.manifest.nli) return null;
    if (this.nliState?.index !== index) {
      const before = this.nliState;
      const source = this.source!;
      this.nliState = { index, model: createNliModel({ read: (name) => source.read(NLI_DIR + name) }, this.runtime), error: null };
      // The previous index's model is released once whatever it was running has finished.
      if (before) this.embedQueue = this.embedQueue.then(() => before.model).then((m) => m.release()).catch(() => undefined);
    }
    const state = this.nliState;
    try {
      return await state.model;
    } catch (err) {
      state.error = err instanceof Error ? err.message : String(err);
      return null;
    }
  }

  /** Why the open index's NLI model could not be loaded; null if it loaded, is not tried yet, or there is none. */
  nliError(): string | null {
    return this.nliState?.index === this.index ? (this.nliState?.error ?? null) : null;
  }

  /**
   * Entailment, neutral and contradiction probabilities of each (premise, hypothesis) pair
   * by the index's NLI model, in order; null when the index has no NLI model or it could not
   * be loaded (`nliError` says why). Runs queue with the embedding calls: one inference at a time.
   */
  async entailment(pairs: readonly NliPair[]): Promise<NliScores[] | null> {
    if (!this.index) throw new Error('no literature is loaded');
    const model = await this.nli();
    if (!model) return null;
    const run = this.embedQueue.then(() => model.classify(pairs));
    this.embedQueue = run.catch(() => undefined);
    return run;
  }
}
