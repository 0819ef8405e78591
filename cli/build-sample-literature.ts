/**
 * Builds the sample literature written by the project (fixtures/literature/):
 *
 *   npx tsx cli/build-sample-literature.ts
 *
 * 1. writes fixtures/literature/corpus.jsonl (one record a line, sorted by id, in the JSONL
 *    format `npm run pack:literature` reads: id, title, abstract, source, year, identifiers;
 *    the sample snapshot's `doc:` node an abstract summarises is kept as identifiers.raireki);
 * 2. indexes it in-process with the indexer's library function (the default model,
 *    raireki-static-ngram-256, trained on this corpus) into public/literature/sample/.
 *
 * Deterministic: no clock, a seeded model training, sorted records, so every run writes the
 * same bytes. cli/build-sample-literature.test.ts fails when the committed files are stale.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ALL_LITERATURE } from '../fixtures/literature/index.ts';
import type { LiteratureRecord } from '../fixtures/literature/types.ts';
import { nodeRuntimeOptions, writeFolder } from './lib/literature-node-io.ts';
import { buildLiteraturePack, type BuiltPack } from './lib/literature-pack-build.ts';
import { parseJsonlCorpus } from './lib/literature-parse.ts';

export const LITERATURE_FIXTURE_DIR = fileURLToPath(new URL('../fixtures/literature/', import.meta.url));
export const CORPUS_FILE = fileURLToPath(new URL('../fixtures/literature/corpus.jsonl', import.meta.url));
export const SAMPLE_LITERATURE_DIR = fileURLToPath(new URL('../public/literature/sample/', import.meta.url));

/** Key under `identifiers` that carries the sample snapshot's document node id. */
export const RAIREKI_DOC_KEY = 'raireki';

export function sortedRecords(records: readonly LiteratureRecord[] = ALL_LITERATURE): LiteratureRecord[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One JSONL line, keys in a fixed order. `language` is extra: the parser ignores it. */
function jsonLine(r: LiteratureRecord): string {
  const identifiers: Record<string, string> = {};
  for (const k of Object.keys(r.identifiers ?? {}).sort()) identifiers[k] = r.identifiers![k]!;
  if (r.documentNode) identifiers[RAIREKI_DOC_KEY] = r.documentNode;
  const out: Record<string, unknown> = { id: r.id, title: r.title, abstract: r.abstract, source: r.source, year: r.year, language: r.language };
  if (Object.keys(identifiers).length) out.identifiers = identifiers;
  return JSON.stringify(out);
}

export function renderCorpusJsonl(records: readonly LiteratureRecord[] = ALL_LITERATURE): string {
  return sortedRecords(records).map(jsonLine).join('\n') + '\n';
}

/** The corpus text and the pack's files, all in memory. */
export async function buildSampleLiterature(
  onProgress?: (stage: string, done: number, total: number) => void,
): Promise<{ jsonl: string; pack: BuiltPack }> {
  const jsonl = renderCorpusJsonl();
  const corpus = parseJsonlCorpus(jsonl);
  if (corpus.problems.length) {
    throw new Error(`corpus.jsonl: ${corpus.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
  }
  const pack = await buildLiteraturePack(corpus.docs, {
    runtime: nodeRuntimeOptions(),
    ...(onProgress ? { onProgress } : {}),
  });
  return { jsonl, pack };
}

async function main(): Promise<void> {
  const { jsonl, pack } = await buildSampleLiterature();
  await writeFile(CORPUS_FILE, jsonl);
  // Start from an empty folder so that no file of an older layout lingers.
  await rm(SAMPLE_LITERATURE_DIR, { recursive: true, force: true });
  await mkdir(SAMPLE_LITERATURE_DIR, { recursive: true });
  await writeFolder(SAMPLE_LITERATURE_DIR, pack.files);
  const bytes = [...pack.files.values()].reduce((s, b) => s + b.byteLength, 0);
  const ja = ALL_LITERATURE.filter((r) => r.language === 'ja').length;
  console.log(
    `${ALL_LITERATURE.length} records (${ja} ja, ${ALL_LITERATURE.length - ja} en) → ${CORPUS_FILE}\n` +
      `pack (${pack.manifest.model}, ${pack.files.size} files, ${(bytes / 1e6).toFixed(2)} MB) → ${SAMPLE_LITERATURE_DIR}`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(`build-sample-literature: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
