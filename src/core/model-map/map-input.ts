/**
 * What the map knows of each model, read from the graph index: its lineage (ancestors with a
 * weighted distance by derivation type), its evaluation scores, size, languages, licence and
 * the research side's similarity values (`similarity` on model nodes, graph version 2).
 *
 * The result is plain data and typed arrays (lists in CSR form: `offsets[i]…offsets[i+1]`),
 * so it crosses to the projection worker by structured clone without a copy per model.
 * Models are numbered 0…n-1 in index order; placeholders of a role's pack are left out (the
 * role does not see those models).
 */
import { type Classification, type LocalizedText, type NodeOfKind } from '../format/index.ts';
import { kindCode, relationTypeCode, type GraphIndex } from '../graph/index.ts';

export interface MapModel {
  id: string;
  name: string;
  label?: LocalizedText;
  subtype?: string;
  classification: Classification;
  license?: string;
  parameterCount?: number;
  languages?: string[];
  /** Map index of the family's root (the first-parent chain's foundation model); itself for a root. */
  family: number;
  /** Map index of the first base model (`wasDerivedFrom`), -1 for none. */
  base: number;
  /** Derivation type from `base` (finetune, quantized…). */
  derivation?: string;
}

export interface ModelMapInput {
  models: MapModel[];
  /** Ancestors of each model (itself at 0; base models and the runs that trained them), ids are graph node indices, ascending. */
  ancestorOffsets: Int32Array;
  ancestorNodes: Int32Array;
  ancestorDistances: Float32Array;
  /** "benchmark · metric" of every score found. */
  benchmarks: string[];
  /** Scores of each model: benchmark index (ascending) and value (mean when evaluated more than once). */
  scoreOffsets: Int32Array;
  scoreKeys: Int32Array;
  scoreValues: Float64Array;
  /** Research-side similarity of each model to others (map indices ascending, 0…1), mean over spaces, symmetric. */
  similarityOffsets: Int32Array;
  similarityModels: Int32Array;
  similarityValues: Float32Array;
  /** Embeddings of one space and length: unit vectors, `has[i]` = 1 where model i has one. */
  embeddings: { space: string; dimensions: number; vectors: Float32Array; has: Uint8Array }[];
  /** Spaces of similarity values found, for the page to name. */
  similaritySpaces: string[];
}

/**
 * Distance along one derivation step, by type: a quantised copy or an adapter stays close to
 * its base; continued pretraining or distillation moves further. A run that trained two
 * models (a family's pretraining) counts as one step of GENERATED_BY each way.
 */
export const DERIVATION_STEP: Readonly<Record<string, number>> = {
  quantized: 0.15,
  adapter: 0.3,
  unlearning: 0.3,
  merge: 0.5,
  finetune: 0.6,
  'continued-pretraining': 0.8,
  distillation: 1,
};
const DEFAULT_STEP = 1;
const GENERATED_BY = 1;
/** Ancestors further than this, or beyond this many, say nothing more about closeness. */
const MAX_ANCESTOR_DISTANCE = 8;
const MAX_ANCESTORS = 64;

const MODEL = kindCode('model');
const EVALUATION = kindCode('evaluation');
const ACTIVITY = kindCode('activity');
const DERIVED_FROM = relationTypeCode('wasDerivedFrom');
const GENERATED = relationTypeCode('wasGeneratedBy');
const USED = relationTypeCode('used');

/** The model nodes of the map (placeholders left out), in index order. */
export function mapModelNodes(index: GraphIndex): number[] {
  const out: number[] = [];
  for (let i = 0; i < index.nodeCount; i++) if (index.kindCodes[i] === MODEL && !index.nodeHead(i).placeholder) out.push(i);
  return out;
}

/** The evaluation results of model node m: evaluation runs that used it, and what they generated. */
export function evaluationNodesOf(index: GraphIndex, m: number): number[] {
  const out: number[] = [];
  for (let p = index.inOffsets[m]!; p < index.inOffsets[m + 1]!; p++) {
    const run = index.inNodes[p]!;
    if (index.typeCodes[index.inEdges[p]!] !== USED || index.kindCodes[run] !== ACTIVITY || index.nodeHead(run).subtype !== 'evaluation') continue;
    for (let q = index.inOffsets[run]!; q < index.inOffsets[run + 1]!; q++) {
      const result = index.inNodes[q]!;
      if (index.typeCodes[index.inEdges[q]!] === GENERATED && index.kindCodes[result] === EVALUATION) out.push(result);
    }
  }
  return out;
}

/** Every node whose whole record the map reads (models and their evaluation results): a binary snapshot loads these first. */
export function mapRecordNodes(index: GraphIndex): number[] {
  const models = mapModelNodes(index);
  return [...models, ...models.flatMap((m) => evaluationNodesOf(index, m))];
}

/**
 * The map's input. Whole records of `mapRecordNodes` must be in memory (`index.node(i)`);
 * a model whose record is missing still gets its place from lineage alone.
 */
export function buildModelMapInput(index: GraphIndex): ModelMapInput {
  const nodes = mapModelNodes(index);
  const mapIndex = new Map<number, number>(nodes.map((node, i) => [node, i]));
  const records = nodes.map((node) => index.node(node) as NodeOfKind<'model'> | undefined);
  const bases = nodes.map((node) => modelParents(index, node, mapIndex));

  const models: MapModel[] = nodes.map((node, i) => {
    const head = index.nodeHead(node);
    const record = records[i];
    const first = bases[i]![0];
    const m: MapModel = { id: head.id, name: head.name, classification: head.classification, family: i, base: first ? first.model : -1 };
    if (head.label) m.label = head.label;
    if (head.subtype) m.subtype = head.subtype;
    if (first?.subtype) m.derivation = first.subtype;
    if (record?.license) m.license = record.license;
    if (record?.parameterCount !== undefined) m.parameterCount = record.parameterCount;
    if (record?.languages?.length) m.languages = record.languages;
    return m;
  });
  models.forEach((m, i) => (m.family = familyRoot(bases, i)));

  const ancestors = csr(nodes.map((node) => ancestorsOf(index, node)));
  const scores = scoresOf(index, nodes);
  const similarity = similarityOf(records, models);
  return {
    models,
    ancestorOffsets: ancestors.offsets,
    ancestorNodes: Int32Array.from(ancestors.items, (a) => a[0]),
    ancestorDistances: Float32Array.from(ancestors.items, (a) => a[1]),
    ...scores,
    ...similarity,
  };
}

interface Parent {
  model: number;
  subtype?: string;
}

function modelParents(index: GraphIndex, node: number, mapIndex: Map<number, number>): Parent[] {
  const out: Parent[] = [];
  for (let p = index.outOffsets[node]!; p < index.outOffsets[node + 1]!; p++) {
    const e = index.outEdges[p]!;
    const model = mapIndex.get(index.outNodes[p]!);
    if (index.typeCodes[e] !== DERIVED_FROM || model === undefined) continue;
    const subtype = index.relation(e).subtype;
    out.push(subtype ? { model, subtype } : { model });
  }
  return out;
}

/** Root of the first-parent chain (a cycle, which an integrity warning reports, stops the walk). */
function familyRoot(bases: Parent[][], i: number): number {
  const seen = new Set<number>([i]);
  let at = i;
  for (;;) {
    const next = bases[at]![0]?.model;
    if (next === undefined || seen.has(next)) return at;
    seen.add(next);
    at = next;
  }
}

/** Ancestors of a model node by weighted distance (Dijkstra over a few dozen nodes), ascending by node. */
function ancestorsOf(index: GraphIndex, start: number): [number, number][] {
  const best = new Map<number, number>([[start, 0]]);
  const frontier: [number, number][] = [[start, 0]];
  while (frontier.length > 0 && best.size < MAX_ANCESTORS) {
    let k = 0;
    for (let f = 1; f < frontier.length; f++) if (frontier[f]![1] < frontier[k]![1]) k = f;
    const [node, dist] = frontier.splice(k, 1)[0]!;
    if (dist > best.get(node)!) continue;
    for (let p = index.outOffsets[node]!; p < index.outOffsets[node + 1]!; p++) {
      const e = index.outEdges[p]!;
      const to = index.outNodes[p]!;
      const type = index.typeCodes[e];
      let step: number;
      if (type === DERIVED_FROM && index.kindCodes[to] === MODEL) step = DERIVATION_STEP[index.relation(e).subtype ?? ''] ?? DEFAULT_STEP;
      else if (type === GENERATED && index.kindCodes[node] === MODEL && index.kindCodes[to] === ACTIVITY) step = GENERATED_BY;
      else continue;
      const d = dist + step;
      if (d > MAX_ANCESTOR_DISTANCE || d >= (best.get(to) ?? Infinity)) continue;
      best.set(to, d);
      frontier.push([to, d]);
    }
  }
  return [...best].sort((a, b) => a[0] - b[0]);
}

function csr<T>(lists: T[][]): { offsets: Int32Array; items: T[] } {
  const offsets = new Int32Array(lists.length + 1);
  const items: T[] = [];
  lists.forEach((list, i) => {
    items.push(...list);
    offsets[i + 1] = items.length;
  });
  return { offsets, items };
}

function scoresOf(index: GraphIndex, nodes: number[]): Pick<ModelMapInput, 'benchmarks' | 'scoreOffsets' | 'scoreKeys' | 'scoreValues'> {
  const keys = new Map<string, number>();
  const perModel = nodes.map((node) => {
    const sums = new Map<number, [number, number]>();
    for (const r of evaluationNodesOf(index, node)) {
      const e = index.node(r);
      if (e?.kind !== 'evaluation' || e.value === undefined || !Number.isFinite(e.value)) continue;
      const name = [e.benchmark ?? e.name, e.metric].filter(Boolean).join(' · ');
      let key = keys.get(name);
      if (key === undefined) keys.set(name, (key = keys.size));
      const s = sums.get(key) ?? [0, 0];
      sums.set(key, [s[0] + e.value, s[1] + 1]);
    }
    return [...sums].sort((a, b) => a[0] - b[0]).map(([key, [sum, n]]) => [key, sum / n] as [number, number]);
  });
  const { offsets, items } = csr(perModel);
  return { benchmarks: [...keys.keys()], scoreOffsets: offsets, scoreKeys: Int32Array.from(items, (s) => s[0]), scoreValues: Float64Array.from(items, (s) => s[1]) };
}

function similarityOf(
  records: (NodeOfKind<'model'> | undefined)[],
  models: MapModel[],
): Pick<ModelMapInput, 'similarityOffsets' | 'similarityModels' | 'similarityValues' | 'embeddings' | 'similaritySpaces'> {
  const byId = new Map(models.map((m, i) => [m.id, i]));
  // Pair (low, high) → [sum, count] per space, then the mean over spaces.
  const pairs = new Map<string, Map<number, [number, number]>>();
  const spaces = new Set<string>();
  const embedded = new Map<string, { space: string; dimensions: number; rows: Map<number, number[]> }>();
  records.forEach((record, i) => {
    for (const entry of record?.similarity ?? []) {
      spaces.add(entry.space);
      for (const [otherId, value] of Object.entries(entry.values ?? {})) {
        const j = byId.get(otherId);
        if (j === undefined || j === i) continue;
        const key = Math.min(i, j) * models.length + Math.max(i, j);
        const bySpace = pairs.get(entry.space) ?? pairs.set(entry.space, new Map()).get(entry.space)!;
        const s = bySpace.get(key) ?? [0, 0];
        bySpace.set(key, [s[0] + value, s[1] + 1]);
      }
      if (entry.embedding) {
        const name = `${entry.space}\u0000${entry.embedding.length}`;
        const group = embedded.get(name) ?? embedded.set(name, { space: entry.space, dimensions: entry.embedding.length, rows: new Map() }).get(name)!;
        group.rows.set(i, entry.embedding);
      }
    }
  });
  const mean = new Map<number, [number, number]>();
  for (const bySpace of pairs.values()) {
    for (const [key, [sum, n]] of bySpace) {
      const s = mean.get(key) ?? [0, 0];
      mean.set(key, [s[0] + sum / n, s[1] + 1]);
    }
  }
  const rows: [number, number][][] = models.map(() => []);
  for (const [key, [sum, n]] of mean) {
    const i = Math.floor(key / models.length);
    const j = key % models.length;
    rows[i]!.push([j, sum / n]);
    rows[j]!.push([i, sum / n]);
  }
  for (const row of rows) row.sort((a, b) => a[0] - b[0]);
  const { offsets, items } = csr(rows);
  const embeddings = [...embedded.values()]
    .filter((g) => g.rows.size >= 2)
    .map(({ space, dimensions, rows: vectors }) => {
      const out = new Float32Array(models.length * dimensions);
      const has = new Uint8Array(models.length);
      for (const [i, v] of vectors) {
        const norm = Math.hypot(...v);
        if (!(norm > 0)) continue;
        has[i] = 1;
        for (let d = 0; d < dimensions; d++) out[i * dimensions + d] = v[d]! / norm;
      }
      return { space, dimensions, vectors: out, has };
    });
  return {
    similarityOffsets: offsets,
    similarityModels: Int32Array.from(items, (s) => s[0]),
    similarityValues: Float32Array.from(items, (s) => s[1]),
    embeddings,
    similaritySpaces: [...spaces].sort(),
  };
}
