/**
 * The literature index as the search worker holds it: the keyword index loads with the
 * pack; the embedding model, and onnxruntime-web with it, load only when semantic search is
 * first asked for (they are the big download), and if they cannot load, search carries on
 * with keywords and says why.
 */
import { loadLiteraturePack, MODEL_DIR, type LiteratureDoc, type LiteratureIndex } from '../core/search/literature-pack.ts';
import { embeddingText, hybridSearch } from '../core/search/literature-search.ts';
import { translateQueryTerms, type TermTranslation } from '../core/search/term-translation.ts';
import { passageFor, type Passage } from '../core/search/literature-passage.ts';
import { splitSentences } from '../core/search/literature-sentences.ts';
import { CONTROL_QUANTILE, CONTROL_SENTENCES, judgeSupport, quantile } from '../core/search/literature-support.ts';
import { vectorSearch } from '../core/search/literature-search.ts';
import { dot } from '../core/search/vector-pooling.ts';
import { createEmbedder, fetchModelFolderIo, type Embedder, type RuntimeOptions } from '../embed/index.ts';
import { createWasmVectorScan } from '../embed/vector-scan-wasm.ts';
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
}

export interface LiteratureSummary {
  docCount: number;
  model: string;
}

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
  timings: { embedMs: number; searchMs: number };
}

export interface Evidence extends DocRef {
  /** Cosine between the claim and the closest sentence of this document. */
  score: number;
  closestSentence: string;
}

export interface CheckedSentence {
  text: string;
  supported: boolean;
  /** Best evidence score. */
  score: number;
  evidence: Evidence[];
}

export interface CheckResult {
  sentences: CheckedSentence[];
  /** What off-topic control sentences score on this corpus: support must exceed it. */
  threshold: number;
  model: string;
}

/** Evidence documents shown per sentence, and sentences of a text checked at most. */
const EVIDENCE_PER_SENTENCE = 3;
const MAX_SENTENCES = 60;

export class LiteratureSession {
  /** onnxruntime runs one inference per session at a time: embedding calls queue here. */
  private embedQueue: Promise<unknown> = Promise.resolve();
  private sentenceCache = new Map<number, { text: string; vector: Float32Array }[]>();
  private threshold: number | null = null;

  private index: LiteratureIndex | null = null;
  private source: LiteratureSource | null = null;
  private embedder: Promise<Embedder> | null = null;
  private modelError: string | null = null;
  private scoreRows: ((q: Float32Array) => Float32Array) | undefined;

  constructor(private readonly runtime: RuntimeOptions) {}

  /** Opens an index (a folder URL, or any source such as a role's pack); replaces the one open. */
  async open(from: URL | LiteratureSource, progress?: (p: Progress) => void): Promise<LiteratureSummary> {
    const source = from instanceof URL ? fetchModelFolderIo(from) : from;
    const index = await loadLiteraturePack({
      read: (name) => source.read(name),
      sha256: sha256Hex,
      decodeUtf8: (b) => new TextDecoder().decode(b),
      onProgress: (done, total, file) => progress?.({ done, total, label: file }),
    });
    const scan = createWasmVectorScan(index.vectors);
    this.index = index;
    this.source = source;
    this.embedder = null;
    this.modelError = null;
    this.sentenceCache.clear();
    this.threshold = null;
    this.scoreRows = scan ? (q) => scan.scoreAllRows(q) : undefined;
    return { docCount: index.docs.length, model: index.manifest.model };
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

  /** Sentences of a document with their passage vectors, embedded once. */
  private async docSentences(embedder: Embedder, doc: number): Promise<{ text: string; vector: Float32Array }[]> {
    const cached = this.sentenceCache.get(doc);
    if (cached) return cached;
    const d = this.index!.docs[doc]!;
    const texts = splitSentences(d.text).map((s) => s.text);
    if (texts.length === 0) texts.push(d.title);
    const vectors = await this.embed(embedder, texts, 'passage');
    const out = texts.map((text, i) => ({ text, vector: vectors[i]! }));
    this.sentenceCache.set(doc, out);
    return out;
  }

  /** Evidence for one claim vector: the closest documents and, in each, the closest sentence. */
  private async evidenceFor(embedder: Embedder, v: Float32Array): Promise<Evidence[]> {
    const index = this.index!;
    const evidence: Evidence[] = [];
    for (const hit of vectorSearch(index, v, EVIDENCE_PER_SENTENCE, this.scoreRows)) {
      let best = { text: '', score: -Infinity };
      for (const s of await this.docSentences(embedder, hit.doc)) {
        const score = dot(v, s.vector);
        if (score > best.score) best = { text: s.text, score };
      }
      evidence.push({ ...docRef(index.docs[hit.doc]!), score: best.score, closestSentence: best.text });
    }
    return evidence.sort((a, b) => b.score - a.score);
  }

  /** What off-topic control sentences score against this corpus (see literature-support.ts). */
  private async calibrate(embedder: Embedder): Promise<number> {
    if (this.threshold !== null) return this.threshold;
    const vectors = await this.embed(embedder, CONTROL_SENTENCES, 'query');
    const scores: number[] = [];
    for (const v of vectors) scores.push((await this.evidenceFor(embedder, v))[0]?.score ?? 0);
    this.threshold = quantile(scores, CONTROL_QUANTILE);
    return this.threshold;
  }

  /**
   * Checks a text sentence by sentence: the closest documents by meaning, the closest
   * sentence of each, and whether the best is closer than chance on this corpus.
   */
  async check(text: string, progress?: (p: Progress) => void): Promise<CheckResult> {
    const index = this.index;
    if (!index) throw new Error('no literature is loaded');
    const embedder = await this.model(progress);
    if (!embedder) throw new Error(`checking needs the embedding model, which could not be loaded: ${this.modelError}`);
    const threshold = await this.calibrate(embedder);
    const claims = splitSentences(text).slice(0, MAX_SENTENCES).map((s) => s.text);
    const vectors = await this.embed(embedder, claims, 'query');
    const sentences: CheckedSentence[] = [];
    for (const [i, claim] of claims.entries()) {
      const evidence = await this.evidenceFor(embedder, vectors[i]!);
      const { score, supported } = judgeSupport(evidence[0]?.score ?? 0, threshold);
      sentences.push({ text: claim, supported, score, evidence });
    }
    return { sentences, threshold, model: index.manifest.model };
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
    const fused = query.trim() ? hybridSearch(index, query, vector, { k, scoreRows: this.scoreRows, translations: translated.translations }) : [];
    const t2 = performance.now();
    const hits = fused.map((h): LiteratureHit => {
      const doc = index.docs[h.doc]!;
      return { ...docRef(doc), score: h.score, parts: [...h.parts], passage: passageFor(doc.text, translated.text) };
    });
    const results: LiteratureResults = {
      hits,
      semantic: !!vector,
      translations: [...translated.translations],
      timings: { embedMs: t1 - t0, searchMs: t2 - t1 },
    };
    if (semantic && this.modelError) results.modelError = this.modelError;
    return results;
  }
}
