/**
 * PROV-JSON's vocabulary as both directions of the mapping use it: namespaces, the members
 * of each relation map (which one is `from`, which `to`, which are further arguments), and
 * the `prov:type` values that name a Raireki kind or subtype. One table, so that import and
 * export cannot drift apart.
 */
import type { DerivationType, NodeKind, RelationType } from '../../format/index.ts';

export const PROV_NS = 'http://www.w3.org/ns/prov#';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema#';
/**
 * Raireki's own PROV names (`raireki:model`, `raireki:json`, `raireki:classification`…). A
 * document that uses the prefix `raireki` without declaring it means this namespace.
 */
export const RAIREKI_NS = 'urn:raireki:ns:';

/** Prefixes every PROV document has without declaring them. */
export const PREDEFINED_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['prov', PROV_NS],
  ['xsd', XSD_NS],
]);

/** Keys of a PROV-JSON document (or bundle) that are not relation maps. */
export const ELEMENT_MAPS = ['entity', 'activity', 'agent'] as const;
export type ElementMap = (typeof ELEMENT_MAPS)[number];

export type ArgName = 'activity' | 'generation' | 'usage' | 'plan' | 'starter' | 'ender' | 'bundle';

export interface RelationSpec {
  type: RelationType;
  /** Member holding PROV's first argument (`from`). */
  from: string;
  /** Member holding the second argument (`to`). */
  to: string;
  /** PROV class a node named only as `from` / `to` is made as. */
  fromKind: NodeKind;
  toKind: NodeKind;
  /** Further arguments: member → `args` key. */
  args: Readonly<Record<string, ArgName>>;
  /** Map name the PROV-JSON Schema gives this relation (export writes this one). */
  schemaKey: string;
  /** Members the schema requires; export writes `raireki:none` where the graph has no value. */
  required: readonly string[];
  /** Derivation subtype a map implies (`wasRevisionOf` → revision). */
  subtype?: DerivationType;
}

const derivation = { type: 'wasDerivedFrom', from: 'prov:generatedEntity', to: 'prov:usedEntity', fromKind: 'entity', toKind: 'entity', args: { 'prov:activity': 'activity', 'prov:generation': 'generation', 'prov:usage': 'usage' }, schemaKey: 'wasDerivedFrom', required: ['prov:generatedEntity', 'prov:usedEntity'] } as const;
const end = { type: 'wasEndedBy', from: 'prov:activity', to: 'prov:trigger', fromKind: 'activity', toKind: 'entity', args: { 'prov:ender': 'ender' }, schemaKey: 'wasEndedby', required: ['prov:activity'] } as const;

/**
 * Every relation map a PROV-JSON document may hold, keyed by its name. `wasEndedby` is the
 * published schema's spelling, `wasEndedBy` everyone else's; both are read. `wasRevisionOf`,
 * `wasQuotedFrom` and `hadPrimarySource` are derivations some writers give maps of their own.
 * `mentionOf` has no map in the schema: export writes it as the `specializationOf` it implies,
 * with `prov:type` `raireki:mentionOf`.
 */
export const RELATION_MAPS: Readonly<Record<string, RelationSpec>> = {
  used: { type: 'used', from: 'prov:activity', to: 'prov:entity', fromKind: 'activity', toKind: 'entity', args: {}, schemaKey: 'used', required: ['prov:entity'] },
  wasGeneratedBy: { type: 'wasGeneratedBy', from: 'prov:entity', to: 'prov:activity', fromKind: 'entity', toKind: 'activity', args: {}, schemaKey: 'wasGeneratedBy', required: ['prov:entity'] },
  wasDerivedFrom: derivation,
  wasRevisionOf: { ...derivation, subtype: 'revision' },
  wasQuotedFrom: { ...derivation, subtype: 'quotation' },
  hadPrimarySource: { ...derivation, subtype: 'primary-source' },
  wasAttributedTo: { type: 'wasAttributedTo', from: 'prov:entity', to: 'prov:agent', fromKind: 'entity', toKind: 'agent', args: {}, schemaKey: 'wasAttributedTo', required: ['prov:entity', 'prov:agent'] },
  wasAssociatedWith: { type: 'wasAssociatedWith', from: 'prov:activity', to: 'prov:agent', fromKind: 'activity', toKind: 'agent', args: { 'prov:plan': 'plan' }, schemaKey: 'wasAssociatedWith', required: ['prov:activity'] },
  actedOnBehalfOf: { type: 'actedOnBehalfOf', from: 'prov:delegate', to: 'prov:responsible', fromKind: 'agent', toKind: 'agent', args: { 'prov:activity': 'activity' }, schemaKey: 'actedOnBehalfOf', required: ['prov:delegate', 'prov:responsible'] },
  wasInformedBy: { type: 'wasInformedBy', from: 'prov:informed', to: 'prov:informant', fromKind: 'activity', toKind: 'activity', args: {}, schemaKey: 'wasInformedBy', required: ['prov:informant', 'prov:informed'] },
  wasStartedBy: { type: 'wasStartedBy', from: 'prov:activity', to: 'prov:trigger', fromKind: 'activity', toKind: 'entity', args: { 'prov:starter': 'starter' }, schemaKey: 'wasStartedBy', required: ['prov:activity'] },
  wasEndedBy: end,
  wasEndedby: end,
  wasInvalidatedBy: { type: 'wasInvalidatedBy', from: 'prov:entity', to: 'prov:activity', fromKind: 'entity', toKind: 'activity', args: {}, schemaKey: 'wasInvalidatedBy', required: ['prov:entity'] },
  wasInfluencedBy: { type: 'wasInfluencedBy', from: 'prov:influencee', to: 'prov:influencer', fromKind: 'entity', toKind: 'entity', args: {}, schemaKey: 'wasInfluencedBy', required: ['prov:influencer', 'prov:influencee'] },
  specializationOf: { type: 'specializationOf', from: 'prov:specificEntity', to: 'prov:generalEntity', fromKind: 'entity', toKind: 'entity', args: {}, schemaKey: 'specializationOf', required: ['prov:generalEntity', 'prov:specificEntity'] },
  alternateOf: { type: 'alternateOf', from: 'prov:alternate1', to: 'prov:alternate2', fromKind: 'entity', toKind: 'entity', args: {}, schemaKey: 'alternateOf', required: ['prov:alternate1', 'prov:alternate2'] },
  hadMember: { type: 'hadMember', from: 'prov:collection', to: 'prov:entity', fromKind: 'entity', toKind: 'entity', args: {}, schemaKey: 'hadMember', required: ['prov:collection', 'prov:entity'] },
  mentionOf: { type: 'mentionOf', from: 'prov:specificEntity', to: 'prov:generalEntity', fromKind: 'entity', toKind: 'entity', args: { 'prov:bundle': 'bundle' }, schemaKey: 'specializationOf', required: ['prov:generalEntity', 'prov:specificEntity'] },
};

/** The map export writes each relation type from (the first spec of each type, subtype-free). */
export const SPEC_OF_TYPE: ReadonlyMap<RelationType, RelationSpec> = new Map(
  Object.values(RELATION_MAPS)
    .filter((s) => s.subtype === undefined)
    .map((s) => [s.type, s] as const)
    .filter(([type], i, all) => all.findIndex(([t]) => t === type) === i),
);

/** Further arguments that name a node (generation and usage name relations; bundles are not nodes here). */
export const NODE_ARGS: Readonly<Partial<Record<ArgName, NodeKind>>> = { activity: 'activity', plan: 'entity', starter: 'activity', ender: 'activity' };

/** `prov:type` values (expanded) that are PROV's own subtypes. */
export const PROV_AGENT_TYPES: ReadonlyMap<string, 'person' | 'organization' | 'software'> = new Map([
  [`${PROV_NS}Person`, 'person'],
  [`${PROV_NS}Organization`, 'organization'],
  [`${PROV_NS}SoftwareAgent`, 'software'],
]);
export const PROV_ENTITY_TYPES: ReadonlyMap<string, 'plan' | 'collection' | 'bundle'> = new Map([
  [`${PROV_NS}Plan`, 'plan'],
  [`${PROV_NS}Collection`, 'collection'],
  [`${PROV_NS}Bundle`, 'bundle'],
]);
export const PROV_DERIVATION_TYPES: ReadonlyMap<string, DerivationType> = new Map([
  [`${PROV_NS}Revision`, 'revision'],
  [`${PROV_NS}Quotation`, 'quotation'],
  [`${PROV_NS}PrimarySource`, 'primary-source'],
]);

/** Typed-literal type of a value PROV-JSON cannot write (null, an empty list, an object): its JSON text. */
export const RAIREKI_JSON = `${RAIREKI_NS}json`;
/** Stands for PROV-N's `-` where the PROV-JSON Schema requires a member the graph has no value for. */
export const RAIREKI_NONE = `${RAIREKI_NS}none`;
/** `prov:type` of a `specializationOf` record that is really a `mentionOf`. */
export const RAIREKI_MENTION = `${RAIREKI_NS}mentionOf`;
/** Record attribute: the node was only referenced in its source (written so that re-import keeps it implicit). */
export const RAIREKI_IMPLICIT = `${RAIREKI_NS}implicit`;
/** Relation attribute: the relation's own id, where the record key could not carry it (two records, one id). */
export const RAIREKI_ID = `${RAIREKI_NS}id`;
/** Relation attribute: a time the schema's `prov:time` (RFC 3339 date-time) cannot hold, e.g. a date. */
export const RAIREKI_TIME = `${RAIREKI_NS}time`;
/** Record keys a Raireki export makes up for relations without an id; read back as "no id". */
export const GENERATED_KEY = /^_:raireki-\d+$/;

/** Node id of the stand-in for a relation's missing first argument (PROV-N `-`). */
export const UNKNOWN_PREFIX = 'prov-unknown:';
