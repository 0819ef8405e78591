/**
 * A large literature corpus for latency benchmarks, generated at bench time from the
 * project's own sample literature (fixtures/literature): every document recombines whole
 * sentences of the sample abstracts with a seeded PRNG, so the keyword index gets the
 * postings of real Japanese and English medical text (CJK bigrams, drug names, eGFR
 * values…) rather than random tokens, and the text is the project's own wording. Its
 * vocabulary is the sample's (about 9,400 keyword terms for 100,000 documents), so each
 * term's postings are longer than in a real corpus of that size: a pessimistic case for
 * the keyword index.
 *
 * The pack is built with the sample pack's model folder (public/literature/sample/model/)
 * instead of training the default model on the generated corpus: the model is a lookup
 * table whose run time per query does not depend on what it was trained on, so for query
 * latency it is the same model, and training is not what this benchmark measures.
 *
 * Built packs are cached under .tmp/bench/ keyed on the generator's parameters and a hash
 * of its inputs, so a changed fixture, model or pack format builds a new one.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ALL_LITERATURE } from '../../fixtures/literature/index.ts';
import type { LiteratureRecord } from '../../fixtures/literature/types.ts';
import { nodeRuntimeOptions, readModelFolder, writeFolder } from '../../cli/lib/literature-node-io.ts';
import { buildLiteraturePack, type BuildStage } from '../../cli/lib/literature-pack-build.ts';
import { progressBar } from '../../cli/lib/literature-progress.ts';
import { LITERATURE_FORMAT, LITERATURE_MANIFEST, type LiteratureDoc } from '../../src/core/search/literature-pack.ts';
import { splitSentences } from '../../src/core/search/literature-sentences.ts';
import { Prng } from '../../src/testing/prng.ts';

/** Bump when the generator's output changes for the same parameters (invalidates caches). */
export const GENERATOR_VERSION = 1;

export const SAMPLE_MODEL_DIR = 'public/literature/sample/model/';

export interface CorpusParams {
  readonly docs: number;
  readonly seed: number;
}

/** Share of documents that quote one sentence of the other language, as Japanese clinical
 *  writing quotes English terms and abstracts, so postings mix scripts as real corpora do. */
const MIXED_LANGUAGE_SHARE = 0.1;
/** Share of the sentences after the first two that stay on the seed record's topic. */
const SAME_TOPIC_SHARE = 0.7;

interface Pools {
  records: readonly LiteratureRecord[];
  /** Sentences of every record, by record index. */
  sentences: readonly (readonly string[])[];
  byLanguage: Record<'ja' | 'en', readonly number[]>;
  /** Record indices by topic prefix of the id (lit:ja-metformin-… → metformin), for coherence. */
  topicOf: readonly string[];
  byTopic: ReadonlyMap<string, readonly number[]>;
}

function topicKey(id: string): string {
  // "lit:ja-metformin-egfr" and "lit:metformin-renal" share "metformin".
  const parts = id.replace(/^lit:/, '').split('-').filter((p) => p !== 'ja' && p !== 'en');
  return parts[0] ?? id;
}

function pools(records: readonly LiteratureRecord[]): Pools {
  const sentences = records.map((r) => splitSentences(r.abstract).map((s) => s.text));
  const byLanguage = { ja: [] as number[], en: [] as number[] };
  const byTopic = new Map<string, number[]>();
  const topicOf = records.map((r, i) => {
    byLanguage[r.language].push(i);
    const key = topicKey(r.id);
    byTopic.set(key, [...(byTopic.get(key) ?? []), i]);
    return key;
  });
  return { records, sentences, byLanguage, topicOf, byTopic };
}

/**
 * `params.docs` documents, deterministic for a seed. Each one starts from a "seed" record
 * (its title, source, a year near its own, its first sentences) and continues with
 * sentences of records on the same topic or, less often, any record of its language.
 */
export function generateCorpus(params: CorpusParams, records: readonly LiteratureRecord[] = ALL_LITERATURE): LiteratureDoc[] {
  const p = pools(records);
  const prng = new Prng(params.seed);
  const docs: LiteratureDoc[] = [];
  const width = String(params.docs).length;
  for (let i = 0; i < params.docs; i++) {
    const seedIndex = prng.int(records.length);
    const seed = records[seedIndex]!;
    const own = p.sentences[seedIndex]!;
    const lang = seed.language;
    const sameLanguage = p.byLanguage[lang];
    const sameTopic = (p.byTopic.get(p.topicOf[seedIndex]!) ?? []).filter((r) => records[r]!.language === lang);
    const text: string[] = own.slice(0, prng.between(1, Math.min(2, own.length)));
    const more = prng.between(1, 4);
    for (let s = 0; s < more; s++) {
      // A topic of one record would only repeat the seed's own sentences: take any record then.
      const from = prng.chance(SAME_TOPIC_SHARE) && sameTopic.length > 1 ? prng.pick(sameTopic) : prng.pick(sameLanguage);
      text.push(prng.pick(p.sentences[from]!));
    }
    if (prng.chance(MIXED_LANGUAGE_SHARE)) {
      const other = p.byLanguage[lang === 'ja' ? 'en' : 'ja'];
      text.splice(prng.int(text.length + 1), 0, prng.pick(p.sentences[prng.pick(other)]!));
    }
    const doc: LiteratureDoc = {
      id: `bench-lit:${String(i).padStart(width, '0')}`,
      title: seed.title,
      text: text.join(lang === 'ja' ? '' : ' '),
      source: seed.source,
      year: seed.year - prng.int(6),
    };
    docs.push(doc);
  }
  return docs;
}

/** Cache folder for these parameters: the inputs' hash covers the fixtures, the model and the pack format. */
export async function benchPackDir(params: CorpusParams, modelDir = SAMPLE_MODEL_DIR): Promise<string> {
  const h = createHash('sha256');
  h.update(`${LITERATURE_FORMAT}\n${GENERATOR_VERSION}\n`);
  h.update(JSON.stringify(ALL_LITERATURE));
  h.update(await readFile(join(modelDir, 'raireki-model.json')));
  return `.tmp/bench/literature-${params.docs}-seed${params.seed}-g${GENERATOR_VERSION}-${h.digest('hex').slice(0, 10)}`;
}

export interface BuildFigures {
  generateMs: number;
  stages: Record<BuildStage, number>;
  writeMs: number;
  totalMs: number;
  megabytes: number;
}

export interface BenchPack {
  dir: string;
  build: BuildFigures;
  /** Whether the pack came from the cache (its build figures are those of the run that built it). */
  cached: boolean;
}

/** Build figures are kept beside the pack, not in it, so the served folder is just the pack. */
const buildFile = (dir: string) => `${dir}.build.json`;

/** The pack for these parameters: reused from .tmp/bench/ when present, else generated and built. */
export async function ensureBenchPack(params: CorpusParams, modelDir = SAMPLE_MODEL_DIR): Promise<BenchPack> {
  const dir = await benchPackDir(params, modelDir);
  // The folder appears whole (rename below) and the build figures after it: both present mean a whole pack.
  if (existsSync(join(dir, LITERATURE_MANIFEST)) && existsSync(buildFile(dir))) {
    return { dir, build: JSON.parse(await readFile(buildFile(dir), 'utf8')) as BuildFigures, cached: true };
  }
  const t0 = performance.now();
  const docs = generateCorpus(params);
  const generateMs = performance.now() - t0;
  const bar = progressBar();
  const pack = await buildLiteraturePack(docs, {
    runtime: nodeRuntimeOptions(),
    modelFiles: await readModelFolder(modelDir),
    onProgress: (stage, done, total) => bar.update(stage, done, total),
  });
  bar.done();
  const t1 = performance.now();
  // Written beside the cache folder and renamed into place, so an interrupted run never
  // leaves a half pack that a later run would take for a cached one.
  const partial = `${dir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await writeFolder(partial, pack.files);
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  const writeMs = performance.now() - t1;
  const megabytes = [...pack.files.values()].reduce((s, b) => s + b.byteLength, 0) / 1e6;
  const build: BuildFigures = { generateMs, stages: pack.timings, writeMs, totalMs: performance.now() - t0, megabytes };
  await writeFile(buildFile(dir), JSON.stringify(build, null, 2) + '\n');
  return { dir, build, cached: false };
}
