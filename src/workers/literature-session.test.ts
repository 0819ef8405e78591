/**
 * The literature worker's session in Node, on an index built by the indexer with the tiny
 * NLI model in `nli/`: entailment() gives the model's probabilities through the same path
 * the browser takes (the index's files, then the model folder's own hash checks).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeRuntimeOptions, readModelFolder } from '../../cli/lib/literature-node-io.ts';
import { buildLiteraturePack } from '../../cli/lib/literature-pack-build.ts';
import { parseJsonlCorpus } from '../../cli/lib/literature-parse.ts';
import { NLI_LABELS, type NliPair, type NliScores } from '../embed/index.ts';
import type { LiteratureDoc } from '../core/search/literature-pack.ts';
import { LiteratureSession, type LiteratureSource } from './literature-session.ts';

const NLI = 'fixtures/models/tiny-nli';
const golden = JSON.parse(readFileSync(`${NLI}/golden.json`, 'utf8')) as { pairs: NliPair[]; probabilities: NliScores[] };
const runtime = nodeRuntimeOptions();

// Written for this test: a few abstracts in two languages.
const docs = parseJsonlCorpus(
  [
    { _id: 'met', title: 'Metformin in chronic kidney disease', text: 'Reduce metformin to 750 mg per day when eGFR is between 30 and 44.' },
    { _id: 'ins', title: 'Insulin therapy', text: 'Basal insulin lowered fasting blood glucose.' },
    { _id: 'ja', title: '市中肺炎の治療', text: '胸部X線写真で肺炎を認め、抗菌薬を投与した。' },
  ]
    .map((d) => JSON.stringify(d))
    .join('\n'),
).docs;

const source = (files: ReadonlyMap<string, Uint8Array>): LiteratureSource => ({
  read: async (name) => {
    const bytes = files.get(name);
    if (!bytes) throw new Error(`${name}: not in the index`);
    return bytes;
  },
});

describe('LiteratureSession.entailment', () => {
  let withNli: Map<string, Uint8Array>;
  let without: Map<string, Uint8Array>;
  beforeAll(async () => {
    withNli = (await buildLiteraturePack(docs, { runtime, nliFiles: await readModelFolder(NLI) })).files;
    without = (await buildLiteraturePack(docs, { runtime })).files;
  });

  it('gives the NLI model\'s probabilities (the Node golden values, to 1e-4) when the index carries one', async () => {
    const session = new LiteratureSession(runtime);
    await session.open(source(withNli));
    const got = await session.entailment(golden.pairs);
    expect(got).not.toBeNull();
    got!.forEach((s, i) => {
      for (const l of NLI_LABELS) expect(Math.abs(s[l] - golden.probabilities[i]![l])).toBeLessThan(1e-4);
    });
    expect(session.nliError()).toBeNull();
    // Still works alongside search, which shares the inference queue.
    const [search, again] = await Promise.all([session.search('metformin eGFR', 2, true), session.entailment(golden.pairs.slice(0, 1))]);
    expect(search.hits[0]?.id).toBe('met');
    expect(again![0]!.neutral).toBeCloseTo(got![0]!.neutral, 6);
  });

  it('is null when the index has no NLI model, without an error', async () => {
    const session = new LiteratureSession(runtime);
    await session.open(source(without));
    expect(await session.entailment(golden.pairs)).toBeNull();
    expect(session.nliError()).toBeNull();
  });

  it('is null, with the reason kept, when the NLI model does not match its hashes', async () => {
    const files = new Map(withNli);
    const bad = files.get('nli/model.onnx')!.slice();
    bad[bad.length - 1]! ^= 0xff;
    files.set('nli/model.onnx', bad);
    const session = new LiteratureSession(runtime);
    await session.open(source(files));
    expect(await session.entailment(golden.pairs)).toBeNull();
    expect(session.nliError()).toMatch(/model\.onnx: SHA-256/);
    // Another index opened in the same session starts afresh.
    await session.open(source(withNli));
    expect(session.nliError()).toBeNull();
    expect(await session.entailment(golden.pairs.slice(0, 1))).toHaveLength(1);
  });

  it('refuses to run before an index is open', async () => {
    await expect(new LiteratureSession(runtime).entailment(golden.pairs)).rejects.toThrow('no literature is loaded');
  });
});

describe('LiteratureSession.check', () => {
  let withNli: Map<string, Uint8Array>;
  let without: Map<string, Uint8Array>;
  beforeAll(async () => {
    withNli = (await buildLiteraturePack(docs, { runtime, nliFiles: await readModelFolder(NLI) })).files;
    without = (await buildLiteraturePack(docs, { runtime })).files;
  });

  it('marks a dose above the literature\'s ceiling contradicted, with the spans on both sides', async () => {
    const session = new LiteratureSession(runtime);
    await session.open(source(without));
    const claim = 'At an eGFR of 38, metformin can be continued at 2,000 mg per day.';
    const result = await session.check(claim);
    const [s] = result.sentences;
    expect(s).toMatchObject({ verdict: 'contradicted', reasons: [{ kind: 'quantity', variable: 'dose' }] });
    expect(s!.marks.map((m) => claim.slice(m.start, m.end))).toEqual(['2,000 mg per day']);
    const e = s!.evidence[0]!;
    expect(e.id).toBe('met');
    expect(e.marks.map((m) => e.closestSentence.slice(m.start, m.end))).toEqual(['750 mg per day']);
    expect(result.entailmentModel).toBe(false);
  });

  it('asks the entailment model about what the rules let pass, when the index has one', async () => {
    // The sample literature (a corpus large enough for a meaningful off-topic threshold) with the tiny NLI model.
    const sample = JSON.parse(readFileSync('public/literature/sample/docs.json', 'utf8')) as LiteratureDoc[];
    const files = (await buildLiteraturePack(sample, { runtime, nliFiles: await readModelFolder(NLI) })).files;
    const session = new LiteratureSession(runtime);
    await session.open(source(files));
    const result = await session.check('Metformin is contraindicated when eGFR is below 30 because of the risk of lactic acidosis.');
    // The tiny model's weights are random: what is proved here is that it was asked, and
    // that a verdict it could change is one of the two it may give.
    expect(result.entailmentModel).toBe(true);
    expect(['supported', 'contradicted']).toContain(result.sentences[0]!.verdict);
    const plain = new LiteratureSession(runtime);
    await plain.open(source(without));
    expect((await plain.check('Basal insulin lowered fasting blood glucose.')).entailmentModel).toBe(false);
  }, 60_000);
});
