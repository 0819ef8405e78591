/**
 * Counts taken straight from a PROV-JSON document, without the importer, for the
 * conformance check to compare the import with: elements per PROV class, relation records
 * per relation type, and the attributes of each record. Deliberately simple: it knows the
 * map names and each map's argument members, expands qualified names with the document's
 * and bundle's prefixes, and nothing else.
 */

/** Map name → relation type it gives, and the members that are arguments (not attributes). */
const MAPS: Record<string, { type: string; args: string[] }> = {
  used: { type: 'used', args: ['prov:activity', 'prov:entity'] },
  wasGeneratedBy: { type: 'wasGeneratedBy', args: ['prov:entity', 'prov:activity'] },
  wasDerivedFrom: { type: 'wasDerivedFrom', args: ['prov:generatedEntity', 'prov:usedEntity', 'prov:activity', 'prov:generation', 'prov:usage'] },
  wasRevisionOf: { type: 'wasDerivedFrom', args: ['prov:generatedEntity', 'prov:usedEntity', 'prov:activity', 'prov:generation', 'prov:usage'] },
  wasQuotedFrom: { type: 'wasDerivedFrom', args: ['prov:generatedEntity', 'prov:usedEntity', 'prov:activity', 'prov:generation', 'prov:usage'] },
  hadPrimarySource: { type: 'wasDerivedFrom', args: ['prov:generatedEntity', 'prov:usedEntity', 'prov:activity', 'prov:generation', 'prov:usage'] },
  wasAttributedTo: { type: 'wasAttributedTo', args: ['prov:entity', 'prov:agent'] },
  wasAssociatedWith: { type: 'wasAssociatedWith', args: ['prov:activity', 'prov:agent', 'prov:plan'] },
  actedOnBehalfOf: { type: 'actedOnBehalfOf', args: ['prov:delegate', 'prov:responsible', 'prov:activity'] },
  wasInformedBy: { type: 'wasInformedBy', args: ['prov:informed', 'prov:informant'] },
  wasStartedBy: { type: 'wasStartedBy', args: ['prov:activity', 'prov:trigger', 'prov:starter'] },
  wasEndedBy: { type: 'wasEndedBy', args: ['prov:activity', 'prov:trigger', 'prov:ender'] },
  wasEndedby: { type: 'wasEndedBy', args: ['prov:activity', 'prov:trigger', 'prov:ender'] },
  wasInvalidatedBy: { type: 'wasInvalidatedBy', args: ['prov:entity', 'prov:activity'] },
  wasInfluencedBy: { type: 'wasInfluencedBy', args: ['prov:influencee', 'prov:influencer'] },
  specializationOf: { type: 'specializationOf', args: ['prov:specificEntity', 'prov:generalEntity'] },
  alternateOf: { type: 'alternateOf', args: ['prov:alternate1', 'prov:alternate2'] },
  hadMember: { type: 'hadMember', args: ['prov:collection', 'prov:entity'] },
  mentionOf: { type: 'mentionOf', args: ['prov:specificEntity', 'prov:generalEntity', 'prov:bundle'] },
};

export interface SourceRecord {
  /** Expanded id: the IRI, or the blank name `_:…`. */
  id: string;
  /** Attribute names of the record (argument members left out). */
  attributes: string[];
  /** Each attribute's value, for checks that compare values (labels, times). */
  values: Record<string, unknown>;
}

export interface SourceCounts {
  /** PROV class → distinct element ids described. */
  elements: Record<'entity' | 'activity' | 'agent', Set<string>>;
  /** Element records (a described id may have several: in bundles, in lists). */
  elementRecords: (SourceRecord & { cls: string })[];
  /** Relation type → number of relations (a hadMember record naming n members counts n). */
  relations: Record<string, number>;
  relationRecords: (SourceRecord & { type: string })[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function countProvDocument(doc: Obj): SourceCounts {
  const counts: SourceCounts = { elements: { entity: new Set(), activity: new Set(), agent: new Set() }, elementRecords: [], relations: {}, relationRecords: [] };
  const topPrefixes = isObj(doc.prefix) ? (doc.prefix as Record<string, string>) : {};
  countScope(doc, topPrefixes, counts);
  if (isObj(doc.bundle)) {
    for (const content of Object.values(doc.bundle)) {
      if (!isObj(content)) continue;
      countScope(content, { ...topPrefixes, ...(isObj(content.prefix) ? (content.prefix as Record<string, string>) : {}) }, counts);
    }
  }
  return counts;
}

function countScope(scope: Obj, prefixes: Record<string, string>, counts: SourceCounts): void {
  const expand = (name: string): string => {
    if (name.startsWith('_:')) return name;
    const colon = name.indexOf(':');
    if (colon < 0) return prefixes.default !== undefined ? prefixes.default + name : name;
    const ns = name.slice(0, colon) === 'prov' ? 'http://www.w3.org/ns/prov#' : prefixes[name.slice(0, colon)];
    return ns !== undefined ? ns + name.slice(colon + 1) : name;
  };
  for (const cls of ['entity', 'activity', 'agent'] as const) {
    if (!isObj(scope[cls])) continue;
    for (const [key, value] of Object.entries(scope[cls] as Obj)) {
      counts.elements[cls].add(expand(key));
      for (const record of Array.isArray(value) ? value : [value]) {
        if (isObj(record)) counts.elementRecords.push({ cls, id: expand(key), attributes: Object.keys(record), values: record });
      }
    }
  }
  for (const [map, { type, args }] of Object.entries(MAPS)) {
    if (!isObj(scope[map])) continue;
    for (const [key, value] of Object.entries(scope[map] as Obj)) {
      for (const record of Array.isArray(value) ? value : [value]) {
        if (!isObj(record)) continue;
        const members = type === 'hadMember' && Array.isArray(record['prov:entity']) ? (record['prov:entity'] as unknown[]).length : 1;
        counts.relations[type] = (counts.relations[type] ?? 0) + members;
        counts.relationRecords.push({ type, id: expand(key), attributes: Object.keys(record).filter((k) => !args.includes(k)), values: record });
      }
    }
  }
}
