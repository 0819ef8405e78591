import { describe, expect, it } from 'vitest';
import type { SnapshotNode, UnlearningRecord } from '../format/index.ts';
import { buildGraphIndex } from '../graph/index.ts';
import { makeNode, makeRelation } from '../../testing/graph-builders.ts';
import { PLACEHOLDER_TAG } from '../access/redact-snapshot.ts';
import { mapUnlearningMetrics } from './metrics.ts';
import { computeVerdict } from './verdict.ts';
import { recordsAt, unlearningCandidates } from './records.ts';
import { remediationFrom } from './remediation.ts';
import { recordsFor, unlearningPanel } from './panel.ts';

const evaluation = (id: string, value: number | undefined, unit = '%') => makeNode('evaluation', id, { benchmark: `bench ${id}`, metric: 'accuracy', ...(value === undefined ? {} : { value }), attributes: { unit } });

const RECORD: UnlearningRecord = {
  modelBefore: 'm:before',
  modelAfter: 'm:after',
  forgetSet: 'd:forget',
  retainSet: 'd:clean',
  method: 'salun',
  metrics: [
    { measure: 'leakage', before: 'e:leak0', after: 'e:leak1' },
    { measure: 'mia-success', before: 'e:mia0', after: 'e:mia1' },
    { measure: 'forget-accuracy', before: 'e:fa0', after: 'e:fa1' },
    { measure: 'test-accuracy', before: 'e:ta0', after: 'e:ta1' },
    { measure: 'unseen-accuracy', after: 'e:unseen1' },
  ],
};

function values(v: Record<string, number | undefined>): Map<string, SnapshotNode> {
  return new Map(Object.entries(v).map(([id, value]) => [id, evaluation(id, value)]));
}

const GOOD = { 'e:fa0': 94.6, 'e:fa1': 61.8, 'e:unseen1': 60.9, 'e:ta0': 76.3, 'e:ta1': 75.9, 'e:mia0': 78.4, 'e:mia1': 51.7, 'e:leak0': 3.4, 'e:leak1': 0 };

function verdictOf(v: Record<string, number | undefined>, record: UnlearningRecord = RECORD) {
  const nodes = values(v);
  return computeVerdict(mapUnlearningMetrics(record, (id) => nodes.get(id)), record.thresholds);
}

describe('unlearning metrics mapping', () => {
  it('reads each measure before and after from the evaluation nodes, in a fixed order', () => {
    const nodes = values(GOOD);
    const mapped = mapUnlearningMetrics(RECORD, (id) => nodes.get(id));
    expect(mapped.map((m) => m.measure)).toEqual(['forget-accuracy', 'test-accuracy', 'unseen-accuracy', 'mia-success', 'leakage']);
    expect(mapped[0]).toMatchObject({ before: { id: 'e:fa0', state: 'ok', value: 94.6, unit: '%', benchmark: 'bench e:fa0' }, after: { value: 61.8 } });
    expect(mapped[2]!.before).toBeNull();
  });

  it('says why a value is absent: not in the snapshot, a placeholder, not an evaluation, no value', () => {
    const nodes = new Map<string, SnapshotNode>([
      ['e:fa0', makeNode('evaluation', 'e:fa0', { name: 'restricted', classification: 'restricted', tags: [PLACEHOLDER_TAG] })],
      ['e:fa1', makeNode('dataset', 'e:fa1')],
      ['e:ta0', evaluation('e:ta0', undefined)],
    ]);
    const [fa, ta] = mapUnlearningMetrics(RECORD, (id) => nodes.get(id));
    expect(fa!.before!.state).toBe('hidden');
    expect(fa!.after!.state).toBe('not-evaluation');
    expect(ta!.before!.state).toBe('no-value');
    expect(ta!.after!.state).toBe('missing');
    expect(ta!.after!.value).toBeNull();
  });
});

describe('unlearning verdict', () => {
  it('forgotten: FA at the unseen-data level, TA within the allowed drop, MIA near chance, no leak', () => {
    const v = verdictOf(GOOD);
    expect(v.outcome).toBe('forgotten');
    expect(v.checks.find((c) => c.measure === 'forget-accuracy')).toMatchObject({ pass: true, reference: 60.9, limit: 62.9 });
    expect(v.checks.find((c) => c.measure === 'test-accuracy')).toMatchObject({ pass: true, limit: 74.3 });
    expect(v.checks.find((c) => c.measure === 'mia-success')).toMatchObject({ pass: true, reference: 50, limit: 55 });
  });

  it('holds FA to the unseen level plus the gap, inclusive', () => {
    expect(verdictOf({ ...GOOD, 'e:fa1': 62.9 }).outcome).toBe('forgotten');
    const v = verdictOf({ ...GOOD, 'e:fa1': 63.0 });
    expect(v.outcome).toBe('not-forgotten');
    expect(v.checks[0]!.pass).toBe(false);
  });

  it('a leak or a membership signal after unlearning means not forgotten', () => {
    expect(verdictOf({ ...GOOD, 'e:leak1': 0.4 }).outcome).toBe('not-forgotten');
    expect(verdictOf({ ...GOOD, 'e:mia1': 55.1 }).outcome).toBe('not-forgotten');
  });

  it('forgotten but utility lost when TA fell by more than the allowed points', () => {
    expect(verdictOf({ ...GOOD, 'e:ta1': 74.2 }).outcome).toBe('forgotten-utility-lost');
    expect(verdictOf({ ...GOOD, 'e:ta1': 74.3 }).outcome).toBe('forgotten');
  });

  it('uses the record’s own thresholds', () => {
    const strict = { ...RECORD, thresholds: { testAccuracyDrop: 0.2, forgetGap: 0.5 } };
    const v = verdictOf(GOOD, strict);
    expect(v.outcome).toBe('not-forgotten'); // FA 61.8 > 60.9 + 0.5
    expect(v.thresholds).toMatchObject({ testAccuracyDrop: 0.2, forgetGap: 0.5, miaMargin: 5 });
  });

  it('cannot judge without FA, without the unseen level, or without TA', () => {
    expect(verdictOf({ ...GOOD, 'e:fa1': undefined }).outcome).toBe('insufficient');
    expect(verdictOf({ ...GOOD, 'e:unseen1': undefined }).outcome).toBe('insufficient');
    expect(verdictOf({ ...GOOD, 'e:ta0': undefined }).outcome).toBe('insufficient');
    // …but a failed check still says not forgotten.
    expect(verdictOf({ ...GOOD, 'e:unseen1': undefined, 'e:leak1': 2 }).outcome).toBe('not-forgotten');
  });
});

/**
 *   D ─subset→ F (forget set);  C (cleaned) ─generatedBy→ build ─used→ D, F
 *   A (lora, trained on D) → B (merged) → Q (quantised B);  B → distil → S
 *   unlearn ─used→ B, F, C;  U ─generatedBy→ unlearn;  UQ (quantised U, calibrated on C)
 *   R (retrained on C);  X (other model, unrelated)
 */
function remediationGraph(withRecord = true) {
  const nodes: SnapshotNode[] = [
    makeNode('dataset', 'D'),
    makeNode('dataset', 'F'),
    makeNode('dataset', 'C'),
    makeNode('activity', 'build'),
    makeNode('activity', 'train-a'),
    makeNode('model', 'A'),
    makeNode('model', 'B'),
    makeNode('model', 'Q'),
    makeNode('model', 'S'),
    makeNode('activity', 'unlearn', { subtype: 'unlearning', ...(withRecord ? { unlearning: { modelBefore: 'B', modelAfter: 'U', forgetSet: 'F', method: 'gradient-ascent', metrics: [] } } : {}) }),
    makeNode('model', 'U', { subtype: 'unlearned' }),
    makeNode('model', 'UQ'),
    makeNode('activity', 'train-r'),
    makeNode('model', 'R'),
    makeNode('model', 'X'),
  ];
  const relations = [
    makeRelation('wasDerivedFrom', 'F', 'D', { subtype: 'subset' }),
    makeRelation('used', 'build', 'D'),
    makeRelation('used', 'build', 'F'),
    makeRelation('wasGeneratedBy', 'C', 'build'),
    makeRelation('wasDerivedFrom', 'C', 'D'),
    makeRelation('used', 'train-a', 'D'),
    makeRelation('wasGeneratedBy', 'A', 'train-a'),
    makeRelation('wasDerivedFrom', 'B', 'A', { subtype: 'merge' }),
    makeRelation('wasDerivedFrom', 'Q', 'B', { subtype: 'quantized' }),
    makeRelation('wasDerivedFrom', 'S', 'B', { subtype: 'distillation' }),
    makeRelation('used', 'unlearn', 'B'),
    makeRelation('used', 'unlearn', 'F'),
    makeRelation('used', 'unlearn', 'C'),
    makeRelation('wasGeneratedBy', 'U', 'unlearn'),
    makeRelation('wasDerivedFrom', 'U', 'B', { subtype: 'unlearning' }),
    makeRelation('wasDerivedFrom', 'UQ', 'U', { subtype: 'quantized' }),
    makeRelation('wasDerivedFrom', 'UQ', 'C', { role: 'calibration' }),
    makeRelation('used', 'train-r', 'C'),
    makeRelation('wasGeneratedBy', 'R', 'train-r'),
  ];
  return buildGraphIndex({ nodes, relations }).index;
}

describe('remediation of models downstream of a contaminated dataset', () => {
  it('marks unlearned, from-unlearned, retrained, superseded and not remediated', () => {
    const index = remediationGraph();
    const records = recordsAt(index, unlearningCandidates(index));
    expect(records).toHaveLength(1);
    const marks = remediationFrom(index, index.indexOf('D'), records);
    const byId = Object.fromEntries([...marks].map(([i, r]) => [index.nodeId(i), r.status]));
    expect(byId).toEqual({ A: 'not-remediated', B: 'superseded', Q: 'not-remediated', S: 'not-remediated', U: 'unlearned', UQ: 'from-unlearned', R: 'retrained' });
    expect(index.nodeId(marks.get(index.indexOf('B'))!.via)).toBe('U');
    expect(index.nodeId(marks.get(index.indexOf('UQ'))!.via)).toBe('U');
  });

  it('a record whose forget set is not downstream of the dataset changes nothing', () => {
    const index = remediationGraph();
    const records = recordsAt(index, unlearningCandidates(index));
    // From A: the forget set is upstream of nothing A reaches.
    const marks = remediationFrom(index, index.indexOf('A'), records);
    expect(new Set([...marks.values()].map((r) => r.status))).toEqual(new Set(['not-remediated']));
  });

  it('without a record nothing counts as remediated', () => {
    const index = remediationGraph(false);
    const records = recordsAt(index, unlearningCandidates(index));
    expect(records).toEqual([]);
    const marks = remediationFrom(index, index.indexOf('D'), records);
    expect([...marks.values()].every((r) => r.status === 'not-remediated')).toBe(true);
  });

  it('the panel of the unlearned model names the record’s nodes', () => {
    const index = remediationGraph();
    const records = recordsAt(index, unlearningCandidates(index));
    const [at] = recordsFor(records, index.indexOf('U'));
    const panel = unlearningPanel(index, at!);
    expect(panel.modelBefore?.id).toBe('B');
    expect(panel.forgetSet?.id).toBe('F');
    expect(panel.verdict.outcome).toBe('insufficient');
    expect(recordsFor(records, index.indexOf('B'))).toEqual([]);
  });
});
