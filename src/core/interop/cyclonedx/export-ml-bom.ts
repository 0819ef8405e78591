/**
 * A CycloneDX 1.6 ML-BOM of one model: the model (`metadata.component`) and its upstream
 * closure — base models (with how the model was derived from each, in `pedigree`), data
 * sets (with licences, classification and PHI flags), training runs (`formulation`
 * workflows) — and the model's evaluations as `modelCard.quantitativeAnalysis`.
 *
 * bom-refs are node ids (a BOM whose `metadata.tools` names Raireki is read back with its
 * bom-refs as ids). The output depends only on its input: lists are sorted, the serial
 * number is a UUID made from the SHA-256 of the content, and the timestamp is the caller's
 * (the snapshot's `createdAt`), so the same snapshot always gives the same bytes.
 */
import type { Relation, SnapshotNode } from '../../format/index.ts';
import { buildGraphIndex, closure as upstreamClosure, type GraphIndex } from '../../graph/index.ts';
import { sha256Hex, utf8Bytes } from '../../access/sha256.ts';
import { purlFromId } from '../identity.ts';
import type { JsonObject } from '../json-values.ts';
import { compare } from '../import-draft.ts';
import { P, SPDX_IDS, TOOL_NAME } from './bom-properties.ts';

export interface MlBomOptions {
  /** `metadata.timestamp`: the snapshot's createdAt. Left out when not given. */
  timestamp?: string;
  /** Raireki's version, written in `metadata.tools`. */
  toolVersion?: string;
  /** The graph index of `nodes` and `relations`, when the caller has one (the explorer's worker). */
  index?: GraphIndex;
}

export type CycloneDxBom = Record<string, unknown>;
type Json = JsonObject;
type Property = { name: string; value: string };

const FULL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** URLs the schema's `iri-reference` format accepts: no spaces or characters it forbids. */
const SAFE_URL = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;

/**
 * The snapshot as the exporter reads it: nodes by id and relations by end, over the graph
 * index the explorer uses (src/core/graph), so the upstream closure is the explorer's own.
 */
class GraphView {
  constructor(readonly index: GraphIndex) {}
  node(id: string): SnapshotNode | undefined {
    const i = this.index.indexOf(id);
    return i < 0 ? undefined : this.index.node(i);
  }
  outOf(id: string, type?: Relation['type']): Relation[] {
    const { outOffsets, outEdges } = this.index;
    return this.edges(id, outOffsets, outEdges, type);
  }
  intoOf(id: string, type?: Relation['type']): Relation[] {
    const { inOffsets, inEdges } = this.index;
    return this.edges(id, inOffsets, inEdges, type);
  }
  private edges(id: string, offsets: Int32Array, edges: Int32Array, type: Relation['type'] | undefined): Relation[] {
    const v = this.index.indexOf(id);
    if (v < 0) return [];
    const out: Relation[] = [];
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      const r = this.index.relation(edges[k]!);
      if (type === undefined || r.type === type) out.push(r);
    }
    return out;
  }
}

export function exportMlBom(nodes: readonly SnapshotNode[], relations: readonly Relation[], modelId: string, options: MlBomOptions = {}): CycloneDxBom {
  const index = options.index ?? buildGraphIndex({ nodes: [...nodes], relations: [...relations] }).index;
  const g = new GraphView(index);
  const model = g.node(modelId);
  if (!model) throw new Error(`"${modelId}" is not a node of this snapshot`);
  if (model.kind !== 'model') throw new Error(`"${modelId}" is a ${model.kind}, not a model: an ML-BOM describes a model`);

  // Upstream closure: everything the model depends on, following from → to.
  const closure = new Set<string>([modelId]);
  for (const row of upstreamClosure(index, index.indexOf(modelId), 'up')) closure.add(index.nodeId(row.node));
  const inClosure = [...closure].sort(compare).map((id) => g.node(id)!);
  const parts = new Set(inClosure.filter((n) => n.kind === 'model' || n.kind === 'dataset').map((n) => n.id));
  const runs = inClosure.filter((n) => n.kind === 'activity');
  const omitted = new Map<string, number>();
  for (const n of inClosure) {
    if (!parts.has(n.id) && n.kind !== 'activity' && n.kind !== 'agent') omitted.set(n.kind, (omitted.get(n.kind) ?? 0) + 1);
  }

  const component = (n: SnapshotNode): Json => componentOf(g, n, parts);
  const components = inClosure.filter((n) => parts.has(n.id) && n.id !== modelId).map(component);
  const dependencies = [...parts].sort(compare).map((id) => {
    const on = dependsOn(g, id, parts);
    return on.length > 0 ? { ref: id, dependsOn: on } : { ref: id };
  });
  const workflows = runs.map((a) => workflowOf(g, a, parts));

  const metadata: Json = {};
  const timestamp = bomTimestamp(options.timestamp);
  if (timestamp) metadata.timestamp = timestamp;
  metadata.tools = { components: [{ type: 'application', name: TOOL_NAME, ...(options.toolVersion ? { version: options.toolVersion } : {}) }] };
  metadata.component = component(model);
  if (omitted.size > 0) {
    metadata.properties = [{ name: P.omitted, value: [...omitted].sort(([a], [b]) => compare(a, b)).map(([k, n]) => `${k}: ${n}`).join(', ') }];
  }

  const body: Json = { metadata, components, dependencies };
  if (workflows.length > 0) body.formulation = [{ 'bom-ref': `${modelId}#formulation`, workflows }];
  const serialNumber = uuidFromHash(sha256Hex(utf8Bytes(JSON.stringify(body))));
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber,
    version: 1,
    ...body,
  };
}

/** `urn:uuid:` from a SHA-256: an RFC 9562 version-8 (custom) UUID. */
export function uuidFromHash(hex: string): string {
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function bomTimestamp(t: string | undefined): string | undefined {
  if (!t) return undefined;
  if (FULL_DATE_TIME.test(t)) return t;
  if (DATE_ONLY.test(t)) return `${t}T00:00:00Z`;
  return undefined;
}

function text(n: SnapshotNode): string | undefined {
  return n.description?.en ?? n.description?.ja;
}

function componentOf(g: GraphView, n: SnapshotNode, parts: ReadonlySet<string>): Json {
  const c: Json = { type: n.kind === 'model' ? 'machine-learning-model' : 'data', 'bom-ref': n.id };
  const publishers = g
    .outOf(n.id, 'wasAttributedTo')
    .map((r) => g.node(r.to!))
    .filter((a): a is SnapshotNode => a !== undefined)
    .sort((a, b) => compare(a.id, b.id));
  if (publishers[0]) c.publisher = publishers[0].name;
  c.name = n.name;
  if (n.version) c.version = n.version;
  const description = text(n);
  if (description) c.description = description;
  const props: Property[] = [{ name: P.classification, value: n.classification }];
  if (n.license) {
    const spdx = SPDX_IDS[n.license.toLowerCase()];
    c.licenses = [{ license: spdx ? { id: spdx } : { name: n.license } }];
    if (spdx && spdx !== n.license) props.push({ name: P.license, value: n.license });
  }
  if (n.contentHash) c.hashes = [{ alg: 'SHA-256', content: n.contentHash.slice('sha256:'.length) }];
  const purl = purlFromId(n.id);
  if (purl) c.purl = purl;
  if (n.url) {
    if (SAFE_URL.test(n.url)) c.externalReferences = [{ type: 'website', url: n.url }];
    else props.push({ name: P.url, value: n.url });
  }
  if (n.kind === 'model') {
    const card = modelCardOf(g, n, parts);
    if (card) c.modelCard = card;
  }
  if (n.kind === 'dataset') {
    c.data = [
      {
        type: 'dataset',
        name: n.name,
        classification: n.classification,
        ...(n.containsPhi ? { sensitiveData: ['PHI (protected health information)'] } : {}),
      },
    ];
  }
  const ancestors = g
    .outOf(n.id, 'wasDerivedFrom')
    .filter((r) => parts.has(r.to!) && r.to !== n.id)
    .sort((a, b) => compare(a.to!, b.to!));
  if (ancestors.length > 0) {
    c.pedigree = {
      ancestors: uniqueBy(ancestors, (r) => r.to!).map((r) => {
        const a = g.node(r.to!)!;
        const ap: Property[] = [{ name: P.ref, value: a.id }];
        if (r.subtype) ap.push({ name: P.derivation, value: r.subtype });
        const apurl = purlFromId(a.id);
        return { type: a.kind === 'model' ? 'machine-learning-model' : 'data', name: a.name, ...(a.version ? { version: a.version } : {}), ...(apurl ? { purl: apurl } : {}), properties: ap };
      }),
    };
  }
  if (n.tags && n.tags.length > 0) c.tags = [...n.tags];
  if ('subtype' in n && n.subtype) props.push({ name: P.subtype, value: n.subtype });
  if (n.kind === 'dataset' && n.containsPhi !== undefined) props.push({ name: P.containsPhi, value: String(n.containsPhi) });
  if (n.createdAt) props.push({ name: P.createdAt, value: n.createdAt });
  if ('languages' in n && n.languages && n.languages.length > 0) props.push({ name: P.languages, value: n.languages.join(',') });
  if (n.kind === 'model' && n.parameterCount !== undefined) props.push({ name: P.parameterCount, value: String(n.parameterCount) });
  if (n.kind === 'dataset' && n.recordCount !== undefined) props.push({ name: P.recordCount, value: String(n.recordCount) });
  for (const p of publishers) props.push({ name: P.attributedTo, value: p.name });
  for (const [k, v] of Object.entries(n.attributes ?? {}).sort(([a], [b]) => compare(a, b))) {
    props.push({ name: P.attribute + k, value: typeof v === 'string' ? v : JSON.stringify(v) });
  }
  c.properties = props;
  return c;
}

function modelCardOf(g: GraphView, n: SnapshotNode & { kind: 'model' }, parts: ReadonlySet<string>): Json | undefined {
  const params: Json = {};
  const task = n.attributes?.pipeline_tag ?? n.attributes?.task;
  if (typeof task === 'string') params.task = task;
  if (n.architecture) params.architectureFamily = n.architecture;
  const data = trainingData(g, n.id).filter((d) => parts.has(d));
  if (data.length > 0) params.datasets = data.map((ref) => ({ ref }));
  const metrics = evaluationsOf(g, n.id).flatMap((e) =>
    e.kind === 'evaluation' && e.value !== undefined
      ? [{ type: e.metric ?? e.name, value: String(e.value), ...(e.benchmark ? { slice: e.benchmark } : {}) }]
      : [],
  );
  const card: Json = {};
  if (Object.keys(params).length > 0) card.modelParameters = params;
  if (metrics.length > 0) card.quantitativeAnalysis = { performanceMetrics: metrics };
  return Object.keys(card).length > 0 ? card : undefined;
}

/** Data sets used by the activities that generated the model. */
function trainingData(g: GraphView, id: string): string[] {
  const out = new Set<string>();
  for (const gen of g.outOf(id, 'wasGeneratedBy')) {
    for (const u of g.outOf(gen.to!, 'used')) if (g.node(u.to!)?.kind === 'dataset') out.add(u.to!);
  }
  return [...out].sort(compare);
}

/** Evaluations generated by evaluation runs that used the model. */
function evaluationsOf(g: GraphView, id: string): SnapshotNode[] {
  const out = new Map<string, SnapshotNode>();
  for (const use of g.intoOf(id, 'used')) {
    const run = g.node(use.from);
    if (!run || run.kind !== 'activity' || (run.subtype !== 'evaluation' && use.role !== 'evaluated model')) continue;
    for (const gen of g.intoOf(run.id, 'wasGeneratedBy')) {
      const e = g.node(gen.from);
      if (e?.kind === 'evaluation') out.set(e.id, e);
    }
  }
  return [...out.values()].sort((a, b) => compare(a.id, b.id));
}

/** What a component depends on: what it was derived from, and what made it used. */
function dependsOn(g: GraphView, id: string, parts: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const r of g.outOf(id, 'wasDerivedFrom')) if (parts.has(r.to!) && r.to !== id) out.add(r.to!);
  for (const gen of g.outOf(id, 'wasGeneratedBy')) {
    for (const u of g.outOf(gen.to!, 'used')) if (parts.has(u.to!) && u.to !== id) out.add(u.to!);
  }
  return [...out].sort(compare);
}

function workflowOf(g: GraphView, a: SnapshotNode & { kind: 'activity' }, parts: ReadonlySet<string>): Json {
  const inputs = uniqueBy(g.outOf(a.id, 'used').filter((r) => parts.has(r.to!)), (r) => r.to!)
    .map((r) => r.to!)
    .sort(compare);
  const outputs = uniqueBy(g.intoOf(a.id, 'wasGeneratedBy').filter((r) => parts.has(r.from)), (r) => r.from)
    .map((r) => r.from)
    .sort(compare);
  const w: Json = { 'bom-ref': a.id, uid: a.id, name: a.name };
  const description = text(a);
  if (description) w.description = description;
  w.taskTypes = [a.subtype === 'merge' ? 'merge' : 'build'];
  if (inputs.length > 0) w.inputs = inputs.map((ref) => ({ resource: { ref } }));
  if (outputs.length > 0) w.outputs = outputs.map((ref) => ({ resource: { ref } }));
  const props: Property[] = [{ name: P.classification, value: a.classification }];
  if (a.startedAt && FULL_DATE_TIME.test(a.startedAt)) w.timeStart = a.startedAt;
  else if (a.startedAt) props.push({ name: P.startedAt, value: a.startedAt });
  if (a.endedAt && FULL_DATE_TIME.test(a.endedAt)) w.timeEnd = a.endedAt;
  else if (a.endedAt) props.push({ name: P.endedAt, value: a.endedAt });
  if (a.subtype) props.push({ name: P.subtype, value: a.subtype });
  const agents = g
    .outOf(a.id, 'wasAssociatedWith')
    .map((r) => g.node(r.to!))
    .filter((x): x is SnapshotNode => x !== undefined)
    .sort((x, y) => compare(x.id, y.id));
  for (const ag of agents) props.push({ name: P.associatedWith, value: ag.name });
  w.properties = props;
  return w;
}

function uniqueBy<T>(list: readonly T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
