import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_LITERATURE, LITERATURE_TOPICS } from '../fixtures/literature/index.ts';
import { SPREAD_RESAMPLES } from '../src/core/search/fusion-calibration.ts';
import { loadLiteraturePack, MODEL_DIR, type LiteratureIndex } from '../src/core/search/literature-pack.ts';
import { hybridSearch } from '../src/core/search/literature-search.ts';
import { createEmbedder, sha256Hex, type Embedder } from '../src/embed/index.ts';
import { CORPUS_FILE, RAIREKI_DOC_KEY, renderCorpusJsonl, SAMPLE_LITERATURE_DIR } from './build-sample-literature.ts';
import { SAMPLE_DIR, SAMPLE_GRAPH_FILE } from './build-sample.ts';
import { nodeFolderIo, nodeRuntimeOptions } from './lib/literature-node-io.ts';
import { parseJsonlCorpus } from './lib/literature-parse.ts';

const STALE = 'fixtures/literature/corpus.jsonl or public/literature/sample/ is out of date: run `npx tsx cli/build-sample-literature.ts`';

const graph = JSON.parse(readFileSync(join(SAMPLE_DIR, SAMPLE_GRAPH_FILE), 'utf8')) as { nodes: { id: string; kind: string }[] };
const graphIds = new Set(graph.nodes.map((n) => n.id));

describe('the sample literature (fixtures/literature)', () => {
  it('commits corpus.jsonl exactly as a fresh rebuild writes it', () => {
    expect(readFileSync(CORPUS_FILE, 'utf8'), STALE).toBe(renderCorpusJsonl());
  });

  it('has at least 300 records, at least 40% in each language', () => {
    const n = ALL_LITERATURE.length;
    const ja = ALL_LITERATURE.filter((r) => r.language === 'ja').length;
    const en = ALL_LITERATURE.filter((r) => r.language === 'en').length;
    expect(n).toBeGreaterThanOrEqual(300);
    expect(ja + en).toBe(n);
    expect(ja / n).toBeGreaterThanOrEqual(0.4);
    expect(en / n).toBeGreaterThanOrEqual(0.4);
  });

  it('has unique lit: ids, non-empty fields and 3–6 sentence abstracts', () => {
    const ids = ALL_LITERATURE.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ALL_LITERATURE) {
      expect(r.id, r.id).toMatch(/^lit:[a-z0-9][a-z0-9-]*$/);
      expect(r.title.trim(), r.id).not.toBe('');
      expect(r.source.trim(), r.id).not.toBe('');
      expect(Number.isInteger(r.year) && r.year >= 2000 && r.year <= 2026, r.id).toBe(true);
      const sentences = r.abstract.split(r.language === 'ja' ? /(?<=。)/ : /(?<=[.!?])\s+(?=[A-Z0-9"])/).filter((s) => s.trim());
      expect(sentences.length, `${r.id}: ${sentences.length} sentences`).toBeGreaterThanOrEqual(3);
      expect(sentences.length, `${r.id}: ${sentences.length} sentences`).toBeLessThanOrEqual(6);
    }
  });

  it('writes Japanese records in Japanese and English records in English', () => {
    for (const r of ALL_LITERATURE) {
      const hasKana = /[\u3040-\u30ff]/.test(r.abstract);
      expect(hasKana, `${r.id} (${r.language})`).toBe(r.language === 'ja');
    }
  });

  it('links only to document nodes that exist in the sample snapshot', () => {
    const linked = ALL_LITERATURE.filter((r) => r.documentNode);
    expect(linked.length).toBeGreaterThan(30);
    for (const r of linked) {
      expect(r.documentNode, r.id).toMatch(/^doc:/);
      expect(graphIds.has(r.documentNode!), `${r.id} → ${r.documentNode}`).toBe(true);
    }
    // Every document of the sample is described by at least one abstract.
    const docs = graph.nodes.filter((n) => n.id.startsWith('doc:')).map((n) => n.id);
    const covered = new Set(linked.map((r) => r.documentNode));
    expect(docs.filter((d) => !covered.has(d))).toEqual([]);
  });

  it('marks the fictional hospital documents as fictional', () => {
    for (const r of ALL_LITERATURE.filter((x) => x.documentNode?.startsWith('doc:ruh-') || /来歴大学病院|Raireki University Hospital/.test(x.abstract))) {
      expect(`${r.source} ${r.title} ${r.abstract}`, r.id).toMatch(/架空|fictional/);
    }
  });

  it('parses without problems and keeps the document node under identifiers.raireki', () => {
    const parsed = parseJsonlCorpus(renderCorpusJsonl());
    expect(parsed.problems).toEqual([]);
    expect(parsed.docs.map((d) => d.id)).toEqual([...parsed.docs.map((d) => d.id)].sort());
    const meditron = parsed.docs.find((d) => d.id === 'lit:meditron-paper')!;
    expect(meditron.identifiers).toEqual({ arxiv: '2311.16079', [RAIREKI_DOC_KEY]: 'doc:arxiv-2311.16079' });
    expect(Object.keys(LITERATURE_TOPICS).length).toBeGreaterThanOrEqual(5);
  });
});

describe('retrieval over the written pack (public/literature/sample), through the app code path', () => {
  let index: LiteratureIndex;
  let embedder: Embedder;
  beforeAll(async () => {
    const io = nodeFolderIo(SAMPLE_LITERATURE_DIR);
    index = await loadLiteraturePack({ read: io.read, sha256: sha256Hex, decodeUtf8: (b) => new TextDecoder().decode(b) });
    embedder = await createEmbedder(nodeFolderIo(join(SAMPLE_LITERATURE_DIR, MODEL_DIR)), nodeRuntimeOptions());
  });
  afterAll(async () => {
    await embedder?.release();
  });

  const top3 = async (q: string) => {
    const [v] = await embedder.embed([q], 'query');
    return hybridSearch(index, q, v!, { k: 3 }).map((h) => index.docs[h.doc]!.id);
  };

  it('indexes every record of the committed corpus', () => {
    const corpus = parseJsonlCorpus(readFileSync(CORPUS_FILE, 'utf8'));
    expect(index.docs.map((d) => d.id), STALE).toEqual(corpus.docs.map((d) => d.id));
    // The default model; 320 documents are too few for the wide one (two documents a dimension).
    expect(index.manifest.model).toBe('raireki-static-ngram-256');
    expect(index.vectors.dims).toBe(256);
  });

  it('keeps its calibrated fusion rule with how sure the calibration was', () => {
    const fusion = index.manifest.fusion!;
    const spread = fusion.calibration?.spread;
    expect(spread, STALE).toBeDefined();
    expect(spread!.resamples).toBe(SPREAD_RESAMPLES);
    expect(fusion.base).toBeGreaterThanOrEqual(spread!.base[0]);
    expect(fusion.base).toBeLessThanOrEqual(spread!.base[1]);
    expect(spread!.sameRule).toBeGreaterThan(0);
    expect(spread!.sameRule).toBeLessThanOrEqual(1);
  });

  it('finds the metformin/eGFR abstract for a Japanese question', async () => {
    expect(await top3('メトホルミンは eGFR が低下したら減量が必要か')).toContain('lit:ja-metformin-egfr');
  });

  it('finds the anaphylaxis abstract for an English question', async () => {
    expect(await top3('anaphylaxis adrenaline intramuscular dose')).toContain('lit:anaphylaxis-adrenaline');
  });

  it('finds the Meditron paper for "Meditron training data"', async () => {
    expect(await top3('Meditron training data')).toContain('lit:meditron-paper');
  });

  it('ranks first what the browser tests (e2e/literature.spec.ts) expect first', async () => {
    expect((await top3('anaphylaxis first-line adrenaline intramuscular'))[0]).toBe('lit:anaphylaxis-adrenaline');
    const [first] = await top3('メトホルミン 腎機能 eGFR 減量');
    expect(index.docs.find((d) => d.id === first)!.title).toContain('メトホルミン');
  });
});
