/**
 * Models of the generated lineage and their evaluations.
 *
 * Foundation models are pretrained on corpora by a vendor. Every derived model comes from
 * one training activity that used its base model(s) and datasets and was run by an
 * engineer; it was derived from its base with the step as subtype (finetune, adapter,
 * merge with two parents, quantized, continued-pretraining, distillation, unlearning).
 * Bases are picked among earlier models, so chains grow several steps deep.
 */
import type { DerivationType, NodeOfKind } from '../core/format/index.ts';
import type { Agents } from './generate-agents.ts';
import type { Datasets } from './generate-datasets.ts';
import { days, isoDate, isoTime, msOf, type LineageBuilder } from './lineage-builder.ts';
import { DEPARTMENTS, MODEL_FAMILIES, type Pair } from './lineage-vocabulary.ts';

type Model = NodeOfKind<'model'>;
type Activity = NodeOfKind<'activity'>;
type Dataset = NodeOfKind<'dataset'>;

export interface Models {
  foundation: Model[];
  derived: Model[];
  embedding: Model[];
}

interface Step {
  derivation: DerivationType;
  model: NonNullable<Model['subtype']>;
  activity: NonNullable<Activity['subtype']>;
  suffix: string;
  en: string;
  ja: string;
  /** Which datasets the training used. */
  data: (b: LineageBuilder, d: Datasets) => Dataset[];
}

const some = (b: LineageBuilder, from: Dataset[], lo: number, hi: number): Dataset[] => {
  const picked = new Set<Dataset>();
  const n = Math.min(from.length, b.rng.between(lo, hi));
  while (picked.size < n) picked.add(b.rng.pick(from));
  return [...picked];
};
const orAny = (list: Dataset[], d: Datasets) => (list.length > 0 ? list : d.all);

const STEPS: readonly (readonly [Step, number])[] = [
  [
    {
      derivation: 'finetune',
      model: 'finetuned',
      activity: 'finetuning',
      suffix: 'SFT',
      en: 'Supervised fine-tuning',
      ja: '教師ありファインチューニング',
      data: (b, d) => [...some(b, orAny(d.byType.instruction, d), 1, 3), ...some(b, d.byType.preference, 0, 1)],
    },
    0.35,
  ],
  [{ derivation: 'adapter', model: 'adapter', activity: 'finetuning', suffix: 'LoRA', en: 'LoRA adapter training', ja: 'LoRAアダプタ学習', data: (b, d) => some(b, orAny(d.byType.instruction, d), 1, 2) }, 0.15],
  [{ derivation: 'quantized', model: 'quantized', activity: 'quantization', suffix: 'Q4', en: '4-bit quantisation', ja: '4ビット量子化', data: (b, d) => some(b, orAny(d.byType.corpus, d), 0, 1) }, 0.15],
  [
    {
      derivation: 'continued-pretraining',
      model: 'continued-pretrained',
      activity: 'continued-pretraining',
      suffix: 'CPT',
      en: 'Continued pretraining on clinical text',
      ja: '臨床テキストによる継続事前学習',
      data: (b, d) => [...some(b, orAny(d.byType['clinical-records'], d), 1, 2), ...some(b, orAny(d.byType.literature, d), 0, 1)],
    },
    0.1,
  ],
  [{ derivation: 'merge', model: 'merged', activity: 'merge', suffix: 'Merge', en: 'Weight merge', ja: '重みマージ', data: () => [] }, 0.1],
  [{ derivation: 'distillation', model: 'distilled', activity: 'distillation', suffix: 'Distill', en: 'Knowledge distillation', ja: '知識蒸留', data: (b, d) => some(b, orAny(d.byType.instruction, d), 1, 1) }, 0.08],
  [{ derivation: 'unlearning', model: 'unlearned', activity: 'unlearning', suffix: 'Unlearn', en: 'Unlearning of flagged records', ja: '指摘された記録の忘却学習', data: (b, d) => some(b, orAny(d.byType['clinical-records'], d), 1, 1) }, 0.07],
];

export function generateModels(b: LineageBuilder, agents: Agents, data: Datasets, counts: { foundation: number; derived: number }): Models {
  const foundation: Model[] = [];
  for (let i = 0; i < counts.foundation; i++) foundation.push(pretrain(b, agents, data, i));
  const embedding = [pretrainEmbedding(b, agents, data)];
  const derived: Model[] = [];
  const family = new Map<Model, string>(foundation.map((m) => [m, m.name]));
  const department = new Map<Model, Pair>();
  for (let i = 0; i < counts.derived; i++) {
    const pool = [...foundation, ...derived];
    // The first models take each step in turn, so that even a small snapshot shows them all.
    let step = i < STEPS.length ? STEPS[i]![0] : b.rng.weighted(STEPS);
    if (step.derivation === 'merge' && pool.length < 2) step = STEPS[0]![0];
    const base = pool[b.rng.int(pool.length)]!;
    const bases = step.derivation === 'merge' ? [base, pickOther(b, pool, base)] : [base];
    // Quantising, distilling, merging or unlearning keeps the base's specialty; training picks one.
    const keeps = step.derivation !== 'finetune' && step.derivation !== 'adapter' && step.derivation !== 'continued-pretraining';
    const specialty = (keeps ? department.get(base) : undefined) ?? b.rng.pick(DEPARTMENTS);
    const model = deriveModel(b, agents, data, step, bases, family.get(base)!, specialty);
    family.set(model, family.get(base)!);
    department.set(model, specialty);
    derived.push(model);
  }
  for (const m of [...foundation, ...derived]) evaluate(b, agents, data, m);
  return { foundation, derived, embedding };
}

function pickOther(b: LineageBuilder, pool: Model[], not: Model): Model {
  for (;;) {
    const m = b.rng.pick(pool);
    if (m !== not) return m;
  }
}

function pretrain(b: LineageBuilder, agents: Agents, data: Datasets, i: number): Model {
  const { rng } = b;
  const [family, billions] = MODEL_FAMILIES[i % MODEL_FAMILIES.length]!;
  const generation = Math.floor(i / MODEL_FAMILIES.length) + 1;
  const name = `${family}${generation > 1 ? `-${generation}` : ''}-${billions}B`;
  const vendor = rng.pick(agents.builders);
  const end = msOf('2021-06-01') + days(rng.int(365 * 3));
  const run = b.add<Activity>({
    id: b.nextId('training', 5),
    kind: 'activity',
    name: `Pretraining of ${name}`,
    label: { en: `Pretraining of ${name}`, ja: `${name}の事前学習` },
    classification: 'public',
    subtype: 'pretraining',
    startedAt: isoTime(end - days(rng.between(30, 120))),
    endedAt: isoTime(end),
  });
  for (const ds of some(b, orAny(data.byType.corpus, data), 1, 3)) b.relate('used', run, ds, { role: 'training data' });
  b.relate('wasAssociatedWith', run, vendor);
  const model = b.add<Model>({
    id: b.nextId('model'),
    kind: 'model',
    name,
    description: {
      en: `General-purpose bilingual foundation model with ${billions} billion parameters.`,
      ja: `${Math.round(billions * 10)}億パラメータの汎用日英基盤モデル。`,
    },
    classification: 'public',
    version: '1.0',
    license: rng.pick(['apache-2.0', 'mit', 'open-weights-community']),
    contentHash: b.contentHash(),
    createdAt: isoDate(end),
    subtype: 'foundation',
    parameterCount: Math.round(billions * 1e9),
    architecture: 'decoder-only transformer',
    languages: ['en', 'ja'],
  });
  b.relate('wasGeneratedBy', model, run);
  b.relate('wasAttributedTo', model, vendor);
  return model;
}

function pretrainEmbedding(b: LineageBuilder, agents: Agents, data: Datasets): Model {
  const run = b.add<Activity>({ id: b.nextId('training', 5), kind: 'activity', name: 'Contrastive pretraining of Kotoba-Embed-small', classification: 'public', subtype: 'pretraining' });
  for (const ds of some(b, orAny(data.byType.literature, data), 1, 2)) b.relate('used', run, ds, { role: 'training data' });
  const model = b.add<Model>({
    id: b.nextId('model'),
    kind: 'model',
    name: 'Kotoba-Embed-small',
    label: { en: 'Kotoba-Embed-small', ja: 'ことば埋め込み（小）' },
    description: { en: 'Sentence embedding model for Japanese and English retrieval.', ja: '日英検索用の文埋め込みモデル。' },
    classification: 'public',
    license: 'mit',
    contentHash: b.contentHash(),
    subtype: 'embedding',
    parameterCount: 118_000_000,
    languages: ['en', 'ja'],
  });
  b.relate('wasGeneratedBy', model, run);
  b.relate('wasAttributedTo', model, agents.builders[0]!);
  return model;
}

function deriveModel(b: LineageBuilder, agents: Agents, data: Datasets, step: Step, bases: Model[], family: string, [deptEn, deptJa]: Pair): Model {
  const { rng } = b;
  const used = step.data(b, data);
  const latestBase = Math.max(...bases.map((m) => msOf(m.createdAt!)));
  const end = latestBase + days(rng.between(14, 240));
  const serial = b.nodeCount;
  const name = `${family}-${deptEn.split(' ')[0]!.replace(/^./, (c) => c.toUpperCase())}-${step.suffix}-r${serial}`;
  const run = b.add<Activity>({
    id: b.nextId('training', 5),
    kind: 'activity',
    name: `${step.en}: ${name}`,
    label: { en: `${step.en}: ${name}`, ja: `${step.ja}：${name}` },
    classification: 'internal',
    subtype: step.activity,
    startedAt: isoTime(end - days(rng.between(1, 20))),
    endedAt: isoTime(end),
  });
  for (const base of bases) b.relate('used', run, base, { role: 'base model' });
  for (const ds of used) b.relate('used', run, ds, { role: step.derivation === 'unlearning' ? 'forget set' : 'training data' });
  b.relate('wasAssociatedWith', run, rng.pick(agents.byRole.engineer));
  const sensitive = used.some((d) => d.containsPhi || d.classification === 'phi' || d.classification === 'restricted') || bases.some((m) => m.classification === 'restricted');
  const parameters = step.derivation === 'distillation' ? Math.round(bases[0]!.parameterCount! / 4) : bases[0]!.parameterCount!;
  const model = b.add<Model>({
    id: b.nextId('model'),
    kind: 'model',
    name,
    description: {
      en: `${step.en} of ${bases.map((m) => m.name).join(' and ')}, for ${deptEn}.`,
      ja: `${bases.map((m) => m.name).join('と')}を基に${deptJa}向けに作成したモデル（${step.ja}）。`,
    },
    classification: sensitive ? 'restricted' : 'internal',
    version: `${rng.between(0, 3)}.${rng.between(1, 9)}`,
    license: bases[0]!.license ?? 'proprietary',
    contentHash: b.contentHash(),
    createdAt: isoDate(end),
    subtype: step.model,
    parameterCount: parameters,
    architecture: bases[0]!.architecture ?? 'decoder-only transformer',
    languages: ['en', 'ja'],
  });
  b.relate('wasGeneratedBy', model, run);
  for (const base of bases) b.relate('wasDerivedFrom', model, base, { subtype: step.derivation });
  b.relate('wasAttributedTo', model, rng.pick(agents.organisations.slice(0, 3)));
  return model;
}

const METRICS = ['accuracy', 'exact-match', 'f1', 'rougeL'] as const;

/** One to three evaluations: each an activity that used the model and a benchmark, and the result it generated. */
function evaluate(b: LineageBuilder, agents: Agents, data: Datasets, model: Model): void {
  const { rng } = b;
  const benchmarks = data.byType.benchmark.length > 0 ? data.byType.benchmark : data.all;
  const runs = rng.between(1, 3);
  for (let i = 0; i < runs; i++) {
    const benchmark = rng.pick(benchmarks);
    const when = msOf(model.createdAt!) + days(rng.between(1, 90));
    const run = b.add<Activity>({
      id: b.nextId('evaluation-run', 5),
      kind: 'activity',
      name: `Evaluation of ${model.name} on ${benchmark.name}`,
      label: { en: `Evaluation of ${model.name} on ${benchmark.name}`, ja: `${model.name}の${benchmark.name}による評価` },
      classification: 'internal',
      subtype: 'evaluation',
      startedAt: isoTime(when),
      endedAt: isoTime(when + 3_600_000 * rng.between(1, 30)),
    });
    b.relate('used', run, model, { role: 'model under test' });
    b.relate('used', run, benchmark, { role: 'benchmark' });
    b.relate('wasAssociatedWith', run, rng.pick(agents.byRole.researcher));
    const metric = rng.pick(METRICS);
    const result = b.add<NodeOfKind<'evaluation'>>({
      id: b.nextId('evaluation', 5),
      kind: 'evaluation',
      name: `${model.name} / ${benchmark.name} / ${metric}`,
      classification: 'internal',
      createdAt: isoDate(when),
      benchmark: benchmark.name,
      metric,
      value: Math.round((0.35 + rng.next() * 0.55) * 1000) / 1000,
    });
    b.relate('wasGeneratedBy', result, run);
  }
}
