/**
 * Snapshot format v1: the single source of truth.
 *
 * The zod schemas below give the TypeScript types (`z.infer`), the runtime validation
 * (with paths such as `nodes[12].kind`) and the published JSON Schema
 * (`docs/snapshot.schema.json`, written by `npm run gen:schema` and checked by a test),
 * so the three cannot drift apart.
 *
 * Direction of relations follows W3C PROV: `from` is the first argument of the PROV
 * relation (the dependent: the derived entity, the generated entity, the using
 * activity…) and `to` the second (what it depends on). "Upstream" therefore always
 * means following `from → to`, "downstream" following `to → from`.
 */
import { z } from 'zod';
import { CLASSIFICATIONS, DERIVATION_TYPES, NODE_KINDS, RELATION_ARGS, RELATION_TYPES } from './vocabulary.ts';
import { versionTwoFeatureOfNode, versionTwoFeatureOfRelation } from './graph-version.ts';

export {
  CLASSIFICATIONS,
  DERIVATION_TYPES,
  NODE_KINDS,
  RELATION_ARGS,
  RELATION_TYPES,
  NODE_KINDS_V1,
  RELATION_TYPES_V1,
  DERIVATION_TYPES_V1,
  LANGS,
  type Lang,
} from './vocabulary.ts';

export const SNAPSHOT_FORMAT = 'raireki-snapshot';
export const MANIFEST_FORMAT = 'raireki-manifest';
export const FORMAT_VERSION = 1;
/**
 * Graph file versions this build reads. Version 2 adds what imports from PROV-JSON and
 * OpenLineage need (kinds `job` and `entity`, the rest of PROV's relations, relation ids,
 * attributes and further arguments, typed literals, column lineage, aliases; see
 * docs/snapshot-format.md). Writers write version 1 unless the file uses one of these.
 */
export const GRAPH_VERSIONS = [1, 2] as const;
export const INTEROP_GRAPH_VERSION = 2;
/**
 * Manifest versions this build reads. Version 2 adds one `contents` value, `"literature"`
 * (a role pack's literature index, issue 4); graph files are unchanged and stay version 1.
 * Writers write version 1 unless a file needs version 2.
 */
export const MANIFEST_VERSIONS = [1, 2, 3] as const;
export const LITERATURE_MANIFEST_VERSION = 2;
/**
 * Manifest version 3 adds the binary layout (issue 9): `"core"` (the graph core, read
 * instead of the graph files when present) and `"search"` (the keyword index), and lets a
 * manifest list no graph file at all when it has a core.
 */
export const BINARY_MANIFEST_VERSION = 3;
export const FILE_CONTENTS = ['graph', 'literature', 'core', 'search'] as const;
/** The version each kind of file needs at least. */
const CONTENTS_VERSION: Record<(typeof FILE_CONTENTS)[number], number> = { graph: 1, literature: LITERATURE_MANIFEST_VERSION, core: BINARY_MANIFEST_VERSION, search: BINARY_MANIFEST_VERSION };

export const NodeKind = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof NodeKind>;

/** PROV's three classes: every node kind belongs to exactly one. */
export type ProvClass = 'entity' | 'activity' | 'agent';
export function provClassOf(kind: NodeKind): ProvClass {
  return kind === 'activity' ? 'activity' : kind === 'agent' ? 'agent' : 'entity';
}

/** Sensitivity of a node, from least to most sensitive. Enforced per role when packs are built. */
export const Classification = z.enum(CLASSIFICATIONS);
export type Classification = z.infer<typeof Classification>;

export const RelationType = z.enum(RELATION_TYPES);
export type RelationType = z.infer<typeof RelationType>;

/**
 * Subtypes of wasDerivedFrom. The first four are Hugging Face's `base_model_relation`
 * values; the others are the model-building steps that matter for impact analysis.
 */
export const DerivationType = z.enum(DERIVATION_TYPES);
export type DerivationType = z.infer<typeof DerivationType>;

/** Languages the product speaks. Snapshot text may come in either or both. */

export const LocalizedText = z
  .object({ en: z.string().optional(), ja: z.string().optional() })
  .strict()
  .refine((t) => t.en !== undefined || t.ja !== undefined, { message: 'needs at least one of "en" or "ja"' })
  .describe('Text in English and/or Japanese');
export type LocalizedText = z.infer<typeof LocalizedText>;

/** ISO 8601 date or date-time ("2023-11-27" or "2023-11-27T09:00:00Z"). */
export const ISO_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const IsoTime = z
  .string()
  .regex(ISO_TIME_PATTERN, 'must be an ISO 8601 date or date-time')
  .describe('ISO 8601 date or date-time');

const ContentHash = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" followed by 64 lower-case hex digits')
  .describe('Hash of the entity\'s content, e.g. of a dataset archive or weights file');

export const MAX_ID_LENGTH = 512;
const NodeId = z.string().min(1).max(MAX_ID_LENGTH).describe('Unique within the snapshot; URIs or CURIEs welcome');

/**
 * A PROV typed or language-tagged literal (graph version 2), as PROV-JSON writes it:
 * `{ "$": "1", "type": "xsd:short" }`, `{ "$": "chat", "lang": "fr" }`.
 */
export const TypedLiteral = z
  .object({
    $: z.union([z.string(), z.number(), z.boolean()]),
    type: z.string().optional(),
    lang: z.string().optional(),
  })
  .strict()
  .describe('Typed or language-tagged literal (graph version 2)');
export type TypedLiteral = z.infer<typeof TypedLiteral>;

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/**
 * Version 1: a string, number, boolean, null or list of strings. Version 2 adds typed
 * literals and lists mixing scalars and literals (PROV allows several values per attribute).
 */
export const AttributeValue = z.union([Scalar, z.array(z.string()), TypedLiteral, z.array(z.union([Scalar, TypedLiteral]))]);
export type AttributeValue = z.infer<typeof AttributeValue>;
const Attributes = z.record(z.string(), AttributeValue);

/** Fields shared by every node kind. */
const nodeBase = {
  id: NodeId,
  name: z.string().min(1).describe('Canonical display name, e.g. "Meditron-70B"'),
  label: LocalizedText.optional().describe('Localised display names when they differ from `name`'),
  description: LocalizedText.optional(),
  classification: Classification,
  version: z.string().optional(),
  license: z.string().optional().describe('SPDX identifier where one exists, e.g. "llama2", "apache-2.0"'),
  contentHash: ContentHash.optional(),
  createdAt: IsoTime.optional().describe('PROV generatedAtTime for entities, creation time for agents'),
  url: z.string().optional().describe('Where the thing is published (shown as text, never fetched)'),
  tags: z.array(z.string()).optional(),
  attributes: Attributes.optional().describe('Any further metadata, shown as-is'),
  aliases: z.array(NodeId).optional().describe('Other ids of the same thing (graph version 2): merged imports, OpenLineage symlinks'),
  implicit: z.literal(true).optional().describe('Only referenced by a relation in the source, never described there (graph version 2)'),
  bundle: NodeId.optional().describe('The PROV bundle the node was described in (graph version 2)'),
};

/** OpenLineage column lineage of one output field (graph version 2). */
export const ColumnLineage = z
  .object({
    field: z.string(),
    inputs: z.array(
      z
        .object({
          dataset: NodeId.describe('Id of the input dataset node'),
          field: z.string(),
          transformation: z.string().optional().describe('e.g. "DIRECT/IDENTITY", "INDIRECT/AGGREGATION"'),
        })
        .strict(),
    ),
    description: z.string().optional(),
  })
  .strict();
export type ColumnLineage = z.infer<typeof ColumnLineage>;

export const DatasetNode = z
  .object({
    ...nodeBase,
    kind: z.literal('dataset'),
    subtype: z
      .enum(['corpus', 'benchmark', 'instruction', 'preference', 'clinical-records', 'literature', 'other'])
      .optional(),
    languages: z.array(z.string()).optional(),
    containsPhi: z.boolean().optional().describe('True when the data holds protected health information'),
    recordCount: z.number().int().nonnegative().optional(),
    columnLineage: z.array(ColumnLineage).optional().describe('Which input fields each field was made from (graph version 2)'),
  })
  .strict();

/**
 * Model similarity supplied by the research side (graph version 2): one entry per space
 * (what was compared, e.g. representations of the models on one probe set). An entry holds
 * this model's row of a similarity matrix (`values`: other model id → similarity in 0…1),
 * or its embedding in that space (`embedding`), or both. Values of different spaces are
 * never compared with each other. The map view (docs/model-map.md) places models with them.
 */
export const ModelSimilarity = z
  .object({
    space: z.string().min(1).describe('What was compared, e.g. "probe-cka:clinical-notes-v1"; rows and embeddings of one space compare with each other only'),
    method: z.string().optional().describe('How the values were computed, e.g. "linear CKA of last-layer representations"'),
    values: z
      .record(NodeId, z.number().min(0).max(1))
      .optional()
      .describe('This model\'s row of the similarity matrix: other model id → similarity, 1 = behaves the same, 0 = unrelated'),
    embedding: z.array(z.number()).min(1).optional().describe('The model\'s vector in this space (compared by cosine with the other models\' vectors of the same space and length)'),
  })
  .strict()
  .refine((s) => s.values !== undefined || s.embedding !== undefined, { message: 'needs "values" or "embedding"' });
export type ModelSimilarity = z.infer<typeof ModelSimilarity>;

export const ModelNode = z
  .object({
    ...nodeBase,
    kind: z.literal('model'),
    subtype: z
      .enum(['foundation', 'finetuned', 'continued-pretrained', 'merged', 'quantized', 'adapter', 'distilled', 'unlearned', 'embedding'])
      .optional(),
    parameterCount: z.number().nonnegative().optional().describe('Number of parameters'),
    architecture: z.string().optional(),
    languages: z.array(z.string()).optional(),
    similarity: z.array(ModelSimilarity).optional().describe('Similarity to other models measured by the research side (graph version 2)'),
  })
  .strict();

/**
 * What an unlearning record measures (docs/models-and-unlearning.md): accuracy on the forget
 * set (FA), on held-out test data (TA), on data of the forget set's kind the model never saw
 * (the level FA should fall to), membership-inference attack success, and leakage probes.
 */
export const UNLEARNING_MEASURES = ['forget-accuracy', 'test-accuracy', 'unseen-accuracy', 'mia-success', 'leakage'] as const;
export type UnlearningMeasure = (typeof UNLEARNING_MEASURES)[number];
export const UNLEARNING_METHODS = ['random-relabelling', 'salun', 'gradient-ascent', 'gradient-difference', 'fine-tuning', 'retraining', 'other'] as const;

export const UnlearningMetric = z
  .object({
    measure: z.enum(UNLEARNING_MEASURES),
    before: NodeId.optional().describe('Evaluation node measured on the model before unlearning'),
    after: NodeId.optional().describe('Evaluation node measured on the model after unlearning'),
  })
  .strict()
  .describe('One measure before and after, each an evaluation node whose `value` is read');

/** Thresholds of the computed verdict, in the metrics' own points; defaults in core/unlearning. */
export const UnlearningThresholds = z
  .object({
    forgetGap: z.number().nonnegative().optional().describe('FA after may exceed the unseen-data level by this much (default 2)'),
    testAccuracyDrop: z.number().nonnegative().optional().describe('TA may fall by this much (default 2)'),
    miaChance: z.number().optional().describe('MIA success of a guess (default 50, a balanced accuracy in %)'),
    miaMargin: z.number().nonnegative().optional().describe('MIA success after may exceed chance by this much (default 5)'),
    leakageMax: z.number().nonnegative().optional().describe('Highest leakage-probe value after that passes (default 0)'),
  })
  .strict();
export type UnlearningThresholds = z.infer<typeof UnlearningThresholds>;

/** An unlearning activity's record (graph version 2): which model forgot what, how, and the evidence. */
export const UnlearningRecord = z
  .object({
    modelBefore: NodeId.describe('The model that was made to forget'),
    modelAfter: NodeId.describe('The model the activity produced'),
    forgetSet: NodeId.describe('Dataset node of the records to forget'),
    retainSet: NodeId.optional().describe('Dataset node the model was kept close to, if any'),
    method: z.enum(UNLEARNING_METHODS),
    methodDetail: z.string().optional().describe('Free text: loss, hyper-parameters'),
    metrics: z.array(UnlearningMetric),
    thresholds: UnlearningThresholds.optional(),
  })
  .strict();
export type UnlearningRecord = z.infer<typeof UnlearningRecord>;

export const ActivityNode = z
  .object({
    ...nodeBase,
    kind: z.literal('activity'),
    subtype: z
      .enum([
        'pretraining',
        'continued-pretraining',
        'finetuning',
        'merge',
        'quantization',
        'distillation',
        'unlearning',
        'evaluation',
        'inference',
        'access',
        'data-collection',
        'other',
      ])
      .optional(),
    startedAt: IsoTime.optional(),
    endedAt: IsoTime.optional(),
    unlearning: UnlearningRecord.optional().describe('For subtype "unlearning": the record of what was forgotten and how it was measured (graph version 2)'),
  })
  .strict();

export const EvaluationNode = z
  .object({
    ...nodeBase,
    kind: z.literal('evaluation'),
    benchmark: z.string().optional(),
    metric: z.string().optional(),
    value: z.number().optional(),
  })
  .strict();

export const PromptNode = z
  .object({
    ...nodeBase,
    kind: z.literal('prompt'),
    text: z.string().optional(),
    language: z.string().optional(),
  })
  .strict();

export const OutputNode = z
  .object({
    ...nodeBase,
    kind: z.literal('output'),
    text: z.string().optional(),
    language: z.string().optional(),
  })
  .strict();

export const DocumentNode = z
  .object({
    ...nodeBase,
    kind: z.literal('document'),
    authors: z.array(z.string()).optional(),
    year: z.number().int().optional(),
    source: z.string().optional().describe('Journal, publisher or collection'),
    identifiers: z.record(z.string(), z.string()).optional().describe('e.g. { "doi": "…", "pmid": "…" }'),
    language: z.string().optional(),
  })
  .strict();

export const AgentNode = z
  .object({
    ...nodeBase,
    kind: z.literal('agent'),
    subtype: z.enum(['person', 'organization', 'software']).optional(),
    role: z.string().optional().describe('For people: clinician, researcher, auditor, engineer…'),
    affiliation: z.string().optional(),
  })
  .strict();

/**
 * A recurring process definition (graph version 2): an OpenLineage job, a PROV plan. Each
 * run is an `activity` that `used` its job (role "plan").
 */
export const JobNode = z
  .object({
    ...nodeBase,
    kind: z.literal('job'),
    subtype: z.enum(['batch', 'streaming', 'other']).optional(),
    namespace: z.string().optional().describe('OpenLineage job namespace'),
  })
  .strict();

/** Any other PROV entity (graph version 2), e.g. from a PROV document with no Raireki type. */
export const EntityNode = z
  .object({
    ...nodeBase,
    kind: z.literal('entity'),
    subtype: z.enum(['plan', 'collection', 'bundle', 'other']).optional(),
  })
  .strict();

export const SnapshotNode = z.discriminatedUnion('kind', [
  DatasetNode,
  ModelNode,
  ActivityNode,
  EvaluationNode,
  PromptNode,
  OutputNode,
  DocumentNode,
  AgentNode,
  JobNode,
  EntityNode,
]);
export type SnapshotNode = z.infer<typeof SnapshotNode>;
export type NodeOfKind<K extends NodeKind> = Extract<SnapshotNode, { kind: K }>;

export const Relation = z
  .object({
    type: RelationType,
    from: NodeId.describe('PROV first argument: the dependent (derived entity, using activity, …)'),
    to: NodeId.optional().describe('PROV second argument: what `from` depends on. Required in version 1; version 2 may leave it out where PROV does (a generation whose activity is unknown)'),
    subtype: DerivationType.optional().describe('Only for wasDerivedFrom'),
    time: IsoTime.optional(),
    role: z.string().optional().describe('PROV role, e.g. "base model", "training data"'),
    id: z.string().min(1).optional().describe('The relation\'s own identifier in the source, e.g. a PROV record id (graph version 2)'),
    args: z.partialRecord(z.enum(RELATION_ARGS), NodeId).optional().describe('PROV\'s further arguments: plan, activity, generation, usage, starter, ender, bundle (graph version 2)'),
    attributes: Attributes.optional().describe('Any further attributes of the relation (graph version 2)'),
    bundle: NodeId.optional().describe('The PROV bundle the relation was stated in (graph version 2)'),
  })
  .strict();
export type Relation = z.infer<typeof Relation>;

/** One graph file. A snapshot may be split over several; their union is the graph. */
/** The graph file's shape without the version gate (for `.omit`, which refinements forbid). */
export const SnapshotGraphShape = z
  .object({
    format: z.literal(SNAPSHOT_FORMAT),
    version: z.union([z.literal(GRAPH_VERSIONS[0]), z.literal(GRAPH_VERSIONS[1])]),
    nodes: z.array(SnapshotNode),
    relations: z.array(Relation),
  })
  .strict();

export const SnapshotGraph = SnapshotGraphShape.superRefine((g, ctx) => {
    if (g.version >= INTEROP_GRAPH_VERSION) return;
    g.nodes.forEach((n, i) => {
      const feature = versionTwoFeatureOfNode(n);
      if (feature) ctx.addIssue({ code: 'custom', path: ['nodes', i, feature.path], message: `${feature.what} needs graph version ${INTEROP_GRAPH_VERSION}` });
    });
    g.relations.forEach((r, i) => {
      const feature = versionTwoFeatureOfRelation(r);
      if (feature) ctx.addIssue({ code: 'custom', path: ['relations', i, feature.path], message: `${feature.what} needs graph version ${INTEROP_GRAPH_VERSION}` });
    });
  });
export type SnapshotGraph = z.infer<typeof SnapshotGraph>;

export const ManifestFile = z
  .object({
    path: z
      .string()
      .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'must be a relative path of letters, digits, ".", "_" and "-"')
      .refine((p) => !p.split('/').includes('..'), 'must not contain ".."'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
    bytes: z.number().int().nonnegative(),
    contents: z
      .enum(FILE_CONTENTS)
      .describe(
        'What the file holds: a graph file; (manifest version 2) a file of the literature index under literature/, read only when literature is searched (a partitioned index\'s numbered parts are not listed: its part tables literature/parts/<folder>.bin are, and hold each part\'s size and SHA-256); (version 3) the binary graph core or search core (docs/snapshot-format.md, "Binary layout")',
      ),
  })
  .strict();
export type ManifestFile = z.infer<typeof ManifestFile>;

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64');

/** A file as stored when the pack is encrypted: the ciphertext of the manifest entry `of`. */
export const PackStoredFile = z
  .object({
    path: ManifestFile.shape.path,
    of: ManifestFile.shape.path.describe('The `files[].path` whose plaintext this holds'),
    sha256: ManifestFile.shape.sha256.describe('SHA-256 of the stored (encrypted) bytes'),
    bytes: z.number().int().nonnegative(),
  })
  .strict();

/**
 * Encryption of a pack for hosts without authentication (see docs/access-and-packs.md):
 * AES-256-GCM under a key derived from the role's passphrase. `files` in the manifest
 * describe the plaintext, so loading after decryption is unchanged; `stored` describes
 * what is on the server, checked before decryption.
 */
export const PackEncryption = z
  .object({
    algorithm: z.literal('AES-256-GCM'),
    kdf: z
      .object({
        name: z.literal('PBKDF2-SHA-256'),
        iterations: z.number().int().positive(),
        salt: Base64.describe('Random, 16 bytes, one per pack'),
      })
      .strict(),
    compression: z.enum(['none', 'gzip']).describe('Applied to each file before encryption'),
    check: Base64.describe('A known text encrypted under the key: tells a wrong passphrase before any file is fetched'),
    stored: z.array(PackStoredFile).min(1),
  })
  .strict();
export type PackEncryption = z.infer<typeof PackEncryption>;

/**
 * Present when the snapshot is a role's pack built by `npm run pack`. The manifest's exact
 * bytes are signed (Ed25519) in the detached file `manifest.sig` beside it.
 */
export const PackInfo = z
  .object({
    role: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    builtBy: z.string().min(1).describe('Who ran the pack builder'),
    builtAt: IsoTime,
    builder: z.string().min(1).describe('Tool and version that built the pack'),
    keyId: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 lower-case hex digits').describe('First 16 hex digits of SHA-256 of the raw Ed25519 public key'),
    policyHash: z.string().regex(/^sha256:[0-9a-f]{64}$/).describe('SHA-256 of the policy file\'s bytes'),
    hidden: z
      .object({
        removed: z.record(z.string(), z.number().int().nonnegative()).describe('Nodes left out, per kind'),
        placeholders: z.record(z.string(), z.number().int().nonnegative()).describe('Nodes shown as "restricted" placeholders, per kind'),
        redacted: z.number().int().nonnegative().describe('Nodes shown with fields hashed or dropped'),
      })
      .strict(),
    encryption: PackEncryption.optional(),
  })
  .strict();
export type PackInfo = z.infer<typeof PackInfo>;

export const Manifest = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    version: z.union([z.literal(MANIFEST_VERSIONS[0]), z.literal(MANIFEST_VERSIONS[1]), z.literal(MANIFEST_VERSIONS[2])]),
    snapshot: z
      .object({
        id: z.string().min(1),
        title: LocalizedText,
        description: LocalizedText.optional(),
        createdAt: IsoTime,
        generator: z.string().optional().describe('Tool that wrote the snapshot'),
        startNode: z.string().optional().describe('Node the explorer opens on when a link names none'),
      })
      .strict(),
    files: z.array(ManifestFile).min(1),
    pack: PackInfo.optional().describe('Set in role packs: who built it, for which role, what it hides'),
  })
  .strict()
  .superRefine((m, ctx) => {
    m.files.forEach((f, i) => {
      const needs = CONTENTS_VERSION[f.contents];
      if (m.version < needs) ctx.addIssue({ code: 'custom', path: ['files', i, 'contents'], message: `"${f.contents}" needs manifest version ${needs}` });
    });
    const cores = m.files.filter((f) => f.contents === 'core').length;
    if (cores > 1) ctx.addIssue({ code: 'custom', path: ['files'], message: 'must list at most one graph core' });
    if (m.files.filter((f) => f.contents === 'search').length > (cores === 1 ? 1 : 0)) {
      ctx.addIssue({ code: 'custom', path: ['files'], message: 'may list one search core, and only beside a graph core' });
    }
    if (!m.files.some((f) => f.contents === 'graph' || f.contents === 'core')) ctx.addIssue({ code: 'custom', path: ['files'], message: 'must list at least one graph file or a graph core' });
  });
export type Manifest = z.infer<typeof Manifest>;

/**
 * PROV domain and range of each relation. A relation whose endpoints break this is
 * reported as an integrity problem (the graph still loads).
 */
export const RELATION_SIGNATURES: Record<RelationType, readonly [ProvClass | 'any', ProvClass | 'any']> = {
  used: ['activity', 'entity'],
  wasGeneratedBy: ['entity', 'activity'],
  wasDerivedFrom: ['entity', 'entity'],
  wasAttributedTo: ['entity', 'agent'],
  wasAssociatedWith: ['activity', 'agent'],
  actedOnBehalfOf: ['agent', 'agent'],
  wasInformedBy: ['activity', 'activity'],
  wasStartedBy: ['activity', 'entity'],
  wasEndedBy: ['activity', 'entity'],
  wasInvalidatedBy: ['entity', 'activity'],
  wasInfluencedBy: ['any', 'any'],
  specializationOf: ['entity', 'entity'],
  alternateOf: ['entity', 'entity'],
  hadMember: ['entity', 'entity'],
  mentionOf: ['entity', 'entity'],
};
