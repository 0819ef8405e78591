import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './lib/folder-files.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { RELATION_SIGNATURES, SnapshotGraph, provClassOf, type Relation, type SnapshotNode } from '../src/core/format/index.ts';
import { buildSample } from '../fixtures/sample/build.ts';
import { SAMPLE_DIR, renderSample, writeSample } from './build-sample.ts';
import { nodeLoadIo, readSnapshotDir } from './lib/snapshot-files.ts';
import { loadCore } from '../src/core/columnar/index.ts';
import type { Manifest } from '../src/core/format/index.ts';
import { buildGraphIndex } from '../src/core/graph/index.ts';
import { recordsAt, remediationFrom, unlearningCandidates, unlearningPanel } from '../src/core/unlearning/index.ts';


const STALE = 'public/snapshots/sample/ is out of date: run `npm run gen:sample` (never edit the generated files by hand)';

const rendered = renderSample();
const sample = buildSample();
const nodes: SnapshotNode[] = sample.nodes;
const relations: Relation[] = sample.relations;
const byId = new Map(nodes.map((n) => [n.id, n]));

function of<K extends SnapshotNode['kind']>(kind: K): Extract<SnapshotNode, { kind: K }>[] {
  return nodes.filter((n): n is Extract<SnapshotNode, { kind: K }> => n.kind === kind);
}

function rel(type: Relation['type'], from: string, to: string): Relation | undefined {
  return relations.find((r) => r.type === type && r.from === from && r.to! === to);
}

/** Everything downstream of `start` (following lineage edges from `to` to `from`). */
function downstream(start: string): Set<string> {
  const lineage = new Set<Relation['type']>(['used', 'wasGeneratedBy', 'wasDerivedFrom']);
  const dependants = new Map<string, string[]>();
  for (const r of relations) {
    if (!lineage.has(r.type)) continue;
    const list = dependants.get(r.to!) ?? [];
    list.push(r.from);
    dependants.set(r.to!, list);
  }
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of dependants.get(v) ?? []) {
      if (!seen.has(w)) {
        seen.add(w);
        queue.push(w);
      }
    }
  }
  return seen;
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('built-in sample: generated files', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'raireki-sample-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('rebuilding gives exactly the committed files, both layouts, and no others', () => {
    writeSample(tmp);
    const committed = filesUnder(SAMPLE_DIR);
    expect(committed, STALE).toEqual(filesUnder(tmp));
    for (const path of committed) expect(readFileSync(join(SAMPLE_DIR, path)).equals(readFileSync(join(tmp, path))), `${STALE} (${path})`).toBe(true);
    expect(committed).toEqual(expect.arrayContaining(['graph.json', 'manifest.json', 'core/graph.bin', 'core/search.bin', 'details/nodes-000000.json']));
  });

  it('renders the same bytes on every run', () => {
    expect(readFileSync(join(tmp, 'graph.json'), 'utf8') === rendered.graphText).toBe(true);
    expect(renderSample().graphText === rendered.graphText).toBe(true);
  });

  it('opens from its binary core with the same graph as graph.json', async () => {
    const manifest = JSON.parse(readFileSync(join(SAMPLE_DIR, 'manifest.json'), 'utf8')) as Manifest;
    const core = await loadCore(manifest, nodeLoadIo(SAMPLE_DIR));
    expect(core.index.nodeCount).toBe(nodes.length);
    expect(await core.details.allNodes()).toEqual(nodes);
    expect(await core.details.allRelations()).toEqual(relations);
  });

  it('loads through readSnapshotDir with size and hash verification', async () => {
    const loaded = await readSnapshotDir(SAMPLE_DIR);
    expect(loaded.nodes.length).toBe(nodes.length);
    expect(loaded.relations.length).toBe(relations.length);
    expect(loaded.manifest.snapshot.createdAt).toMatch(/^2026-04-01/);
    const start = loaded.manifest.snapshot.startNode;
    expect(start && loaded.nodes.find((n) => n.id === start)?.classification).toBe('public');
  });

  it('validates against the snapshot schema', () => {
    const parsed = SnapshotGraph.safeParse(JSON.parse(rendered.graphText));
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
  });
});

describe('built-in sample: integrity', () => {
  it('has no duplicate ids', () => {
    const seen = new Set<string>();
    const dups = nodes.filter((n) => (seen.has(n.id) ? true : (seen.add(n.id), false))).map((n) => n.id);
    expect(dups).toEqual([]);
  });

  it('has no dangling references', () => {
    const dangling = relations.filter((r) => !byId.has(r.from) || !byId.has(r.to!));
    expect(dangling).toEqual([]);
  });

  it('respects the PROV signature of every relation', () => {
    const wrong = relations.filter((r) => {
      const [from, to] = RELATION_SIGNATURES[r.type];
      return provClassOf(byId.get(r.from)!.kind) !== from || provClassOf(byId.get(r.to!)!.kind) !== to;
    });
    expect(wrong).toEqual([]);
    expect(relations.filter((r) => r.subtype !== undefined && r.type !== 'wasDerivedFrom')).toEqual([]);
  });

  it('has no cycles', () => {
    const out = new Map<string, string[]>();
    for (const r of relations) out.set(r.from, [...(out.get(r.from) ?? []), r.to!]);
    const state = new Map<string, 1 | 2>();
    const cycles: string[] = [];
    // iterative DFS: 1 = on the stack, 2 = done
    for (const n of nodes) {
      if (state.has(n.id)) continue;
      const stack: [string, number][] = [[n.id, 0]];
      state.set(n.id, 1);
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const next = out.get(top[0])?.[top[1]++];
        if (next === undefined) {
          state.set(top[0], 2);
          stack.pop();
        } else if (state.get(next) === 1) {
          cycles.push(`${top[0]} → ${next}`);
        } else if (!state.has(next)) {
          state.set(next, 1);
          stack.push([next, 0]);
        }
      }
    }
    expect(cycles).toEqual([]);
  });
});

describe('built-in sample: content', () => {
  it('has enough of everything, in Japanese and English', () => {
    expect(of('model').length).toBeGreaterThanOrEqual(30);
    expect(of('prompt').length).toBeGreaterThanOrEqual(200);
    expect(of('output').length).toBeGreaterThanOrEqual(200);
    expect(of('dataset').filter((d) => d.containsPhi && d.classification === 'phi').length).toBeGreaterThanOrEqual(1);
    expect(of('evaluation').length).toBeGreaterThan(0);
    expect(of('document').length).toBeGreaterThan(0);
    expect(of('activity').filter((a) => a.subtype === 'access').length).toBeGreaterThan(100);
    expect(nodes.length).toBeLessThanOrEqual(1500);

    const prompts = of('prompt');
    const ja = prompts.filter((p) => p.language === 'ja');
    const en = prompts.filter((p) => p.language === 'en');
    expect(ja.length / prompts.length).toBeGreaterThan(0.5);
    expect(en.length / prompts.length).toBeGreaterThan(0.25);
    for (const p of ja) expect(p.text, p.id).toMatch(JAPANESE);
    for (const p of en) expect(p.text, p.id).not.toMatch(/[\u3040-\u30ff]/);
  });

  it('labels and describes models and data sets in both languages', () => {
    for (const n of [...of('model'), ...of('dataset')]) {
      expect(n.label?.en, n.id).toBeTruthy();
      expect(n.label?.ja, n.id).toBeTruthy();
      expect(n.description?.en, n.id).toBeTruthy();
      expect(n.description?.ja, n.id).toMatch(JAPANESE);
    }
  });

  it('derives every model except foundations from a base, and foundations from nothing', () => {
    const derived = new Set(relations.filter((r) => r.type === 'wasDerivedFrom').map((r) => r.from));
    for (const m of of('model')) {
      if (m.subtype === 'foundation') expect(derived.has(m.id), `${m.id} is a foundation model`).toBe(false);
      else expect(derived.has(m.id), `${m.id} needs a base model`).toBe(true);
    }
    // PubMedBERT reuses BERT's architecture but none of its weights
    expect(relations.filter((r) => r.from === 'model:pubmedbert-base-uncased-abstract' && r.type === 'wasDerivedFrom')).toEqual([]);
  });

  it('holds known true lineage', () => {
    expect(rel('wasDerivedFrom', 'model:meditron-70b', 'model:llama-2-70b')?.subtype).toBe('continued-pretraining');
    expect(rel('wasDerivedFrom', 'model:meditron-7b', 'model:llama-2-7b')?.subtype).toBe('continued-pretraining');
    expect(rel('wasDerivedFrom', 'model:bio-clinicalbert', 'model:biobert-v1.0-pubmed-pmc')?.subtype).toBe('continued-pretraining');
    expect(byId.get('model:biobert-v1.0-pubmed-pmc')?.name).toMatch(/BioBERT/);
    expect(rel('wasDerivedFrom', 'model:biomistral-7b', 'model:mistral-7b-instruct-v0.1')?.subtype).toBe('continued-pretraining');
    expect(rel('wasDerivedFrom', 'model:biomistral-7b-slerp', 'model:biomistral-7b')?.subtype).toBe('merge');
    expect(rel('wasDerivedFrom', 'model:med42-70b', 'model:llama-2-70b')?.subtype).toBe('finetune');
    expect(rel('wasDerivedFrom', 'model:ruh-med-72b-cpt', 'model:qwen2.5-72b')?.subtype).toBe('continued-pretraining');
    // the training activity used the base and the data, and generated the model
    expect(rel('wasGeneratedBy', 'model:meditron-70b', 'activity:cpt-meditron-70b')).toBeDefined();
    expect(rel('used', 'activity:cpt-meditron-70b', 'model:llama-2-70b')).toBeDefined();
    expect(rel('used', 'activity:cpt-meditron-70b', 'dataset:gap-replay')).toBeDefined();
    expect(rel('used', 'activity:cpt-bio-clinicalbert', 'dataset:mimic-iii-notes')).toBeDefined();
    expect(byId.get('dataset:mimic-iii-notes')).toMatchObject({ containsPhi: true, classification: 'phi' });
  });

  it('traces the PHI incident from the flagged data set down to outputs', () => {
    const flagged = sample.demo.phiDataset;
    expect(byId.get(flagged)).toMatchObject({ kind: 'dataset', containsPhi: true, classification: 'phi' });
    const affected = downstream(flagged);
    const kinds = (k: SnapshotNode['kind']) => [...affected].filter((id) => byId.get(id)!.kind === k);
    const models = kinds('model').map((id) => byId.get(id) as Extract<SnapshotNode, { kind: 'model' }>);
    // fine-tune (adapter) → merge → quantised, plus the distilled model
    for (const sub of ['adapter', 'merged', 'quantized', 'distilled'] as const) expect(models.some((m) => m.subtype === sub), sub).toBe(true);
    expect(affected.has(sample.demo.phiTriggerOutput)).toBe(true);
    expect(kinds('output').length).toBeGreaterThan(10);
    // and nothing from unrelated lineages
    expect(affected.has('output:hallucinated-meditron-provenance')).toBe(false);
    expect(affected.has('model:meditron-70b')).toBe(false);
  });

  it('links every evaluation, session, output and access event the PROV way', () => {
    const usedBy = (a: string) => relations.filter((r) => r.type === 'used' && r.from === a).map((r) => byId.get(r.to!)!);
    for (const e of of('evaluation')) {
      expect(e.benchmark && e.metric && typeof e.value === 'number', e.id).toBeTruthy();
      const gen = relations.find((r) => r.type === 'wasGeneratedBy' && r.from === e.id)!;
      const act = byId.get(gen.to!)!;
      expect(act.kind === 'activity' && act.subtype === 'evaluation', e.id).toBe(true);
      expect(usedBy(act.id).some((n) => n.kind === 'model'), act.id).toBe(true);
      expect(usedBy(act.id).some((n) => n.kind === 'dataset'), act.id).toBe(true);
    }
    for (const s of of('activity').filter((a) => a.subtype === 'inference')) {
      expect(usedBy(s.id).filter((n) => n.kind === 'model').length, s.id).toBe(1);
      expect(usedBy(s.id).some((n) => n.kind === 'prompt'), s.id).toBe(true);
      expect(s.startedAt! >= '2025' && s.startedAt! < '2027', s.id).toBe(true);
      const people = relations.filter((r) => r.type === 'wasAssociatedWith' && r.from === s.id).map((r) => byId.get(r.to!)!);
      expect(people.some((p) => p.kind === 'agent' && p.subtype === 'person'), s.id).toBe(true);
    }
    for (const o of of('output')) {
      const gen = relations.find((r) => r.type === 'wasGeneratedBy' && r.from === o.id);
      expect(gen && byId.get(gen.to!)!.kind === 'activity', o.id).toBe(true);
      expect(relations.some((r) => r.type === 'wasDerivedFrom' && r.from === o.id && byId.get(r.to!)!.kind === 'prompt'), o.id).toBe(true);
      expect(relations.some((r) => r.type === 'wasAttributedTo' && r.from === o.id), o.id).toBe(true);
    }
    for (const a of of('activity').filter((x) => x.subtype === 'access')) {
      expect(usedBy(a.id).map((n) => n.kind), a.id).toEqual(['output']);
      expect(a.classification).toBe('restricted');
    }
  });

  it('classifies sensitive nodes', () => {
    for (const d of of('dataset')) if (d.containsPhi) expect(d.classification, d.id).toBe('phi');
    for (const p of of('prompt')) if (p.attributes?.mentionsPatient) expect(p.classification, p.id).toBe('phi');
    for (const m of of('model')) if (m.id.startsWith('model:ruh-')) expect(m.classification, m.id).toBe('internal');
    const flaggedOutputs = of('output').filter((o) => typeof o.attributes?.reviewFlag === 'string');
    expect(flaggedOutputs.length).toBeGreaterThanOrEqual(5);
    expect(byId.get(sample.demo.hallucinatedOutput)?.attributes?.reviewFlag).toMatch(/dose/i);
  });

  it('uses only ids that exist in the README story', () => {
    const readme = readFileSync(fileURLToPath(new URL('../fixtures/sample/README.md', import.meta.url)), 'utf8');
    const ids = [...readme.matchAll(/`((?:model|dataset|activity|eval|prompt|output|session|access|doc|person|org|software|agent):[^`\s]+)`/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.filter((id) => !byId.has(id))).toEqual([]);
  });
});

describe('the sample’s unlearning story as a record', () => {
  const index = buildGraphIndex({ nodes, relations }).index;
  const records = recordsAt(index, unlearningCandidates(index));

  it('has one record, on activity:ruh-unlearning-72b, whose evidence maps to evaluations and computes “forgotten”', () => {
    expect(records.map((r) => index.nodeId(r.activity))).toEqual(['activity:ruh-unlearning-72b']);
    const panel = unlearningPanel(index, records[0]!);
    expect(panel.modelAfter?.id).toBe('model:ruh-med-72b-clinical-unlearned');
    expect(panel.metrics.flatMap((m) => [m.before, m.after]).every((v) => v === null || v.state === 'ok')).toBe(true);
    expect(panel.verdict.outcome).toBe('forgotten');
  });

  it('impact of instruction set v2 marks the unlearned models and leaves the other contaminated ones unremediated', () => {
    const marks = remediationFrom(index, index.indexOf('dataset:ruh-clinical-instructions-ja-v2'), records);
    const status = (id: string) => marks.get(index.indexOf(id))?.status;
    expect(status('model:ruh-med-72b-clinical-unlearned')).toBe('unlearned');
    expect(status('model:ruh-med-72b-clinical-unlearned-awq-int4')).toBe('from-unlearned');
    expect(status('model:ruh-med-72b-clinical')).toBe('superseded');
    expect(status('model:ruh-med-72b-clinical-awq-int4')).toBe('not-remediated');
    expect(status('model:ruh-discharge-summary-7b')).toBe('not-remediated');
  });
});
