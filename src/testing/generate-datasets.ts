/**
 * Literature and datasets of the generated lineage. Literature corpora are derived from
 * the documents; clinical records are collected at the hospitals and hold PHI;
 * instruction sets are partly built from those records (a few still containing PHI:
 * the auditor's case); some benchmarks are translations and some corpora subsets.
 * Datasets derive only from earlier ones, so the lineage stays acyclic.
 */
import type { NodeOfKind } from '../core/format/index.ts';
import type { Agents } from './generate-agents.ts';
import { days, isoDate, isoTime, msOf, type LineageBuilder } from './lineage-builder.ts';
import { CONDITIONS, DEPARTMENTS, FAMILY_NAMES, GIVEN_NAMES, JOURNALS, LICENCES, paperTitle } from './lineage-vocabulary.ts';

type Dataset = NodeOfKind<'dataset'>;
type DatasetType = NonNullable<Dataset['subtype']>;
type Document = NodeOfKind<'document'>;

export interface Datasets {
  all: Dataset[];
  byType: Record<DatasetType, Dataset[]>;
  documents: Document[];
}

const TYPE_WEIGHTS: readonly (readonly [DatasetType, number])[] = [
  ['corpus', 0.25],
  ['benchmark', 0.2],
  ['instruction', 0.22],
  ['preference', 0.08],
  ['clinical-records', 0.12],
  ['literature', 0.08],
  ['other', 0.05],
];
/** The first datasets, so that even a small snapshot has every type the models need. */
const FIRST_TYPES: readonly DatasetType[] = ['corpus', 'clinical-records', 'literature', 'instruction', 'benchmark', 'corpus', 'benchmark'];

const TOPICS = ['MedWeb', 'ClinText', 'PubAbstracts', 'HealthQA', 'RadReports', 'DischargeNotes', 'PharmaLabels', 'TriageDialogues', 'NursingRecords', 'GuidelineCorpus'];

export function generateDatasets(b: LineageBuilder, agents: Agents, counts: { datasets: number; documents: number }): Datasets {
  const documents = generateDocuments(b, counts.documents);
  const byType: Record<DatasetType, Dataset[]> = { corpus: [], benchmark: [], instruction: [], preference: [], 'clinical-records': [], literature: [], other: [] };
  const all: Dataset[] = [];
  const types = Array.from({ length: counts.datasets }, (_, i) => FIRST_TYPES[i] ?? b.rng.weighted(TYPE_WEIGHTS));
  const literatureCount = types.filter((t) => t === 'literature').length;
  let docCursor = 0;
  for (const type of types) {
    const ds = makeDataset(b, type, agents);
    if (type === 'literature') {
      // Documents are shared out in contiguous slices: each belongs to one literature corpus.
      const take = Math.ceil((documents.length - docCursor) / (literatureCount - byType.literature.length));
      for (const doc of documents.slice(docCursor, docCursor + take)) b.relate('wasDerivedFrom', ds, doc);
      docCursor += take;
    } else if (type === 'clinical-records') {
      collectRecords(b, ds, agents);
    } else if (type === 'instruction' && byType['clinical-records'].length > 0 && b.rng.chance(0.4)) {
      // Built from de-identified records; a few kept identifiers by mistake.
      const source = b.rng.pick(byType['clinical-records']);
      b.relate('wasDerivedFrom', ds, source, { role: 'de-identified source' });
      if (b.rng.chance(0.15)) Object.assign(ds, { classification: 'phi', containsPhi: true });
      else Object.assign(ds, { classification: 'restricted', containsPhi: false });
    } else if (type === 'benchmark' && byType.benchmark.length > 0 && b.rng.chance(0.3)) {
      b.relate('wasDerivedFrom', ds, b.rng.pick(byType.benchmark), { subtype: 'translation' });
      ds.languages = ['ja'];
    } else if (type === 'corpus' && byType.corpus.length > 0 && b.rng.chance(0.2)) {
      b.relate('wasDerivedFrom', ds, b.rng.pick(byType.corpus), { subtype: 'subset' });
    }
    byType[type].push(ds);
    all.push(ds);
  }
  return { all, byType, documents };
}

function makeDataset(b: LineageBuilder, type: DatasetType, agents: Agents): Dataset {
  const { rng } = b;
  const topic = rng.pick(TOPICS);
  const [condEn, condJa] = rng.pick(CONDITIONS);
  const version = `${rng.between(1, 4)}.${rng.between(0, 9)}`;
  const phi = type === 'clinical-records';
  const ds = b.add<Dataset>({
    id: b.nextId('dataset'),
    kind: 'dataset',
    name: `${topic}-${type}-${b.nodeCount}`,
    description: {
      en: `${DESCRIPTIONS[type][0]} Focus: ${condEn}.`,
      ja: `${DESCRIPTIONS[type][1]}重点領域：${condJa}。`,
    },
    classification: phi ? 'phi' : rng.chance(0.6) ? 'public' : 'internal',
    version,
    license: phi ? 'proprietary' : rng.pick(LICENCES),
    contentHash: b.contentHash(),
    createdAt: isoDate(msOf('2019-01-01') + days(rng.int(365 * 5))),
    subtype: type,
    languages: rng.weighted([
      [['ja'], 0.45],
      [['en'], 0.35],
      [['en', 'ja'], 0.2],
    ]),
    containsPhi: phi,
    recordCount: rng.between(500, 5_000_000),
  });
  b.relate('wasAttributedTo', ds, phi ? rng.pick(agents.hospitals) : rng.pick(agents.organisations));
  return ds;
}

const DESCRIPTIONS: Record<DatasetType, readonly [string, string]> = {
  corpus: ['Unlabelled medical text gathered for pretraining.', '事前学習用に収集した医療テキスト（ラベルなし）。'],
  benchmark: ['Multiple-choice and short-answer questions for evaluating medical knowledge.', '医学知識を評価するための多肢選択・短答式の問題集。'],
  instruction: ['Instruction and answer pairs written by clinicians for supervised fine-tuning.', '教師ありファインチューニング用に臨床医が作成した指示と回答の組。'],
  preference: ['Pairs of answers ranked by reviewers, for preference optimisation.', '選好最適化のために査読者が順位付けした回答の組。'],
  'clinical-records': ['Electronic health records extracted from the hospital information system.', '病院情報システムから抽出した電子カルテ記録。'],
  literature: ['Full texts and abstracts of medical literature.', '医学文献の全文および抄録。'],
  other: ['Auxiliary data used during model development.', 'モデル開発で用いた補助データ。'],
};

/** Clinical records are generated by a collection activity that a researcher ran. */
function collectRecords(b: LineageBuilder, ds: Dataset, agents: Agents): void {
  const { rng } = b;
  const [deptEn, deptJa] = rng.pick(DEPARTMENTS);
  const start = msOf(ds.createdAt!) - days(rng.between(60, 720));
  const collection = b.add<NodeOfKind<'activity'>>({
    id: b.nextId('collection'),
    kind: 'activity',
    name: `Record extraction, ${deptEn}`,
    label: { en: `Record extraction, ${deptEn}`, ja: `診療記録抽出（${deptJa}）` },
    classification: 'restricted',
    subtype: 'data-collection',
    startedAt: isoTime(start),
    endedAt: isoTime(msOf(ds.createdAt!)),
  });
  b.relate('wasGeneratedBy', ds, collection);
  b.relate('wasAssociatedWith', collection, rng.pick(agents.byRole.researcher), { role: 'data steward' });
}

function generateDocuments(b: LineageBuilder, count: number): Document[] {
  const { rng } = b;
  const docs: Document[] = [];
  for (let i = 0; i < count; i++) {
    const [en, ja] = paperTitle(rng);
    const language = rng.chance(0.3) ? 'ja' : 'en';
    const [journalEn, journalJa] = rng.pick(JOURNALS);
    const id = b.nextId('doc', 6);
    docs.push(
      b.add<Document>({
        id,
        kind: 'document',
        name: language === 'ja' ? ja : en,
        label: { en, ja },
        classification: 'public',
        license: 'cc-by-4.0',
        authors: Array.from({ length: rng.between(1, 5) }, () => `${rng.pick(FAMILY_NAMES)[0]} ${rng.pick(GIVEN_NAMES)[0]![0]}`),
        year: rng.between(2012, 2025),
        source: language === 'ja' ? journalJa : journalEn,
        identifiers: { doi: `10.5555/raireki.${id.slice(4)}` },
        language,
      }),
    );
  }
  return docs;
}
