/**
 * One CycloneDX component's own fields (name, version, licences, hashes, purl, external
 * references, properties, data) as node fields. Relations (pedigree, dependencies, model
 * card data sets) are the reader's business (read-bom.ts).
 */
import { ActivityNode, DatasetNode, ISO_TIME_PATTERN, ModelNode, CLASSIFICATIONS, type AttributeValue, type Classification, type NodeKind } from '../../format/index.ts';
import type { ImportDraft } from '../import-draft.ts';
import { placeWithin, type SourcePlace } from '../import-report.ts';
import { attributeValue, str, strList } from '../huggingface/values.ts';
import { isJsonObject, type JsonObject } from '../json-values.ts';
import { P } from './bom-properties.ts';

const FORMAT = 'cyclonedx' as const;

export const SUBTYPES: Partial<Record<NodeKind, readonly string[]>> = {
  model: ModelNode.shape.subtype.unwrap().options,
  dataset: DatasetNode.shape.subtype.unwrap().options,
  activity: ActivityNode.shape.subtype.unwrap().options,
};

/** Component keys read into fields or relations; any other key is kept as an attribute. */
const MAPPED = new Set(['type', 'bom-ref', 'name', 'version', 'description', 'licenses', 'hashes', 'purl', 'externalReferences', 'properties', 'tags', 'modelCard', 'pedigree', 'components', 'data']);

export function kindOfComponent(type: unknown): NodeKind {
  return type === 'machine-learning-model' ? 'model' : type === 'data' ? 'dataset' : 'entity';
}

/** The Raireki properties of a component, and the rest of its properties as attributes. */
export function readProperties(draft: ImportDraft, fields: JsonObject, attributes: Record<string, AttributeValue>, props: unknown, place: SourcePlace, kind: NodeKind): void {
  if (props === undefined) return;
  if (!Array.isArray(props)) {
    draft.issue('unmapped', place, '"properties" is not a list; it is left out', FORMAT);
    return;
  }
  const others = new Map<string, string[]>();
  props.forEach((p, i) => {
    const at = placeWithin(place, i);
    if (!isJsonObject(p) || typeof p.name !== 'string') {
      draft.issue('unmapped', at, 'a property without a name is left out', FORMAT);
      return;
    }
    const value = typeof p.value === 'string' ? p.value : '';
    const name = p.name;
    const bad = (): void => draft.issue('unmapped', at, `property ${name} = ${JSON.stringify(value.slice(0, 60))} is not valid here; it is kept as an attribute`, FORMAT);
    switch (name) {
      case P.classification:
        if ((CLASSIFICATIONS as readonly string[]).includes(value)) fields.classification = value as Classification;
        else bad();
        return;
      case P.containsPhi:
        if (kind === 'dataset' && (value === 'true' || value === 'false')) fields.containsPhi = value === 'true';
        else bad();
        return;
      case P.subtype:
        if (SUBTYPES[kind]?.includes(value)) fields.subtype = value;
        else bad();
        return;
      case P.createdAt:
      case P.startedAt:
      case P.endedAt: {
        const field = name === P.createdAt ? 'createdAt' : name === P.startedAt ? 'startedAt' : 'endedAt';
        if (ISO_TIME_PATTERN.test(value) && (field === 'createdAt' || kind === 'activity')) fields[field] = value;
        else bad();
        return;
      }
      case P.languages:
        if (kind === 'model' || kind === 'dataset') fields.languages = value.split(',').map((l) => l.trim()).filter(Boolean);
        else bad();
        return;
      case P.parameterCount:
      case P.recordCount: {
        const n = Number(value);
        const field = name === P.parameterCount ? 'parameterCount' : 'recordCount';
        const ok = Number.isFinite(n) && n >= 0 && (field === 'parameterCount' ? kind === 'model' : kind === 'dataset' && Number.isInteger(n));
        if (ok) fields[field] = n;
        else bad();
        return;
      }
      case P.license:
        fields.license = draft.text(value, at, FORMAT);
        return;
      case P.url:
        fields.url = draft.text(value, at, FORMAT);
        return;
      case P.ref:
      case P.derivation:
        return; // read by the pedigree reader
      default:
        if (name.startsWith(P.attribute)) {
          draft.setAttribute(attributes, name.slice(P.attribute.length), parseAttribute(value), at, FORMAT);
          return;
        }
        others.set(name, [...(others.get(name) ?? []), draft.text(value, at, FORMAT)]);
    }
  });
  for (const [name, values] of others) draft.setAttribute(attributes, name, values.length === 1 ? values[0]! : values, place, FORMAT);
}

/** The exporter writes non-string attributes as JSON text; they come back as values. */
function parseAttribute(value: string): AttributeValue {
  if (!/^(\[|\{|-?\d|true$|false$|null$)/.test(value)) return value;
  try {
    const v: unknown = JSON.parse(value);
    const scalar = (x: unknown) => x === null || ['string', 'number', 'boolean'].includes(typeof x);
    if (scalar(v)) return v as AttributeValue;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    return value;
  } catch {
    return value;
  }
}

/** Fields of a component node other than relations. */
export function componentFields(draft: ImportDraft, c: JsonObject, id: string, kind: NodeKind, place: SourcePlace): JsonObject {
  const fields: JsonObject = { id, kind };
  const attributes: Record<string, AttributeValue> = {};
  const name = str(c.name);
  if (name) fields.name = draft.text(name, placeWithin(place, 'name'), FORMAT);
  else draft.issue('unmapped', place, 'a component without a name: it is named after its id', FORMAT);
  if (kind === 'entity') {
    fields.subtype = 'other';
    if (typeof c.type === 'string') draft.setAttribute(attributes, 'cdx_type', c.type, place, FORMAT);
  }
  const version = str(c.version);
  if (version) fields.version = draft.text(version, placeWithin(place, 'version'), FORMAT);
  const description = str(c.description);
  if (description) fields.description = { en: draft.text(description, placeWithin(place, 'description'), FORMAT) };
  readLicenses(draft, fields, attributes, c.licenses, placeWithin(place, 'licenses'));
  readHashes(draft, fields, attributes, c.hashes, placeWithin(place, 'hashes'));
  if (str(c.purl)) draft.setAttribute(attributes, 'purl', str(c.purl)!, place, FORMAT);
  readExternalReferences(draft, fields, attributes, c.externalReferences, placeWithin(place, 'externalReferences'));
  const tags = strList(c.tags).map((t) => draft.text(t, placeWithin(place, 'tags'), FORMAT));
  if (tags.length > 0) fields.tags = tags;
  if (Array.isArray(c.data)) {
    c.data.forEach((d, i) => {
      if (!isJsonObject(d)) return;
      const at = placeWithin(place, 'data', i);
      if (d.classification !== undefined) draft.setAttribute(attributes, 'dataClassification', attributeValue(d.classification), at, FORMAT);
      if (d.sensitiveData !== undefined) draft.setAttribute(attributes, 'sensitiveData', attributeValue(d.sensitiveData), at, FORMAT);
      for (const key of ['contents', 'governance', 'graphics', 'description'] as const) {
        if (d[key] !== undefined) draft.setAttribute(attributes, `data.${key}`, attributeValue(d[key]), at, FORMAT);
      }
    });
  }
  readProperties(draft, fields, attributes, c.properties, placeWithin(place, 'properties'), kind);
  for (const [key, value] of Object.entries(c)) {
    // supplier, authors, publisher, group, scope, copyright, cpe, swid, evidence …
    if (!MAPPED.has(key)) draft.setAttribute(attributes, key, attributeValue(value), placeWithin(place, key), FORMAT);
  }
  if (Object.keys(attributes).length > 0) fields.attributes = attributes;
  return fields;
}

function readLicenses(draft: ImportDraft, fields: JsonObject, attributes: Record<string, AttributeValue>, licenses: unknown, place: SourcePlace): void {
  if (licenses === undefined) return;
  if (!Array.isArray(licenses)) {
    draft.issue('unmapped', place, '"licenses" is not a list; it is left out', FORMAT);
    return;
  }
  const names: string[] = [];
  for (const l of licenses) {
    if (!isJsonObject(l)) continue;
    const lic = isJsonObject(l.license) ? l.license : null;
    const name = str(l.expression) ?? (lic ? (str(lic.id) ?? str(lic.name)) : undefined);
    if (name) names.push(draft.text(name, place, FORMAT));
  }
  if (names.length === 0) return;
  fields.license = names[0];
  if (names.length > 1) draft.setAttribute(attributes, 'licenses', names, place, FORMAT);
}

function readHashes(draft: ImportDraft, fields: JsonObject, attributes: Record<string, AttributeValue>, hashes: unknown, place: SourcePlace): void {
  if (!Array.isArray(hashes)) return;
  hashes.forEach((h, i) => {
    if (!isJsonObject(h) || typeof h.alg !== 'string' || typeof h.content !== 'string') return;
    const content = h.content.toLowerCase();
    // The snapshot's contentHash is SHA-256; other algorithms are kept as attributes.
    if (h.alg === 'SHA-256' && /^[0-9a-f]{64}$/.test(content)) fields.contentHash ??= `sha256:${content}`;
    else draft.setAttribute(attributes, `hash.${h.alg}`, draft.text(h.content, placeWithin(place, i), FORMAT), placeWithin(place, i), FORMAT);
  });
}

const URL_PREFERENCE = ['website', 'distribution', 'model-card', 'vcs', 'documentation'];

function readExternalReferences(draft: ImportDraft, fields: JsonObject, attributes: Record<string, AttributeValue>, refs: unknown, place: SourcePlace): void {
  if (!Array.isArray(refs)) return;
  const byType = new Map<string, string[]>();
  refs.forEach((r, i) => {
    if (!isJsonObject(r) || typeof r.url !== 'string') {
      draft.issue('unmapped', placeWithin(place, i), 'an external reference without a url is left out', FORMAT);
      return;
    }
    const type = typeof r.type === 'string' ? r.type : 'other';
    byType.set(type, [...(byType.get(type) ?? []), draft.text(r.url, placeWithin(place, i), FORMAT)]);
  });
  const first = URL_PREFERENCE.map((t) => byType.get(t)?.[0]).find((u) => u !== undefined) ?? [...byType.values()][0]?.[0];
  if (first && fields.url === undefined) fields.url = first;
  for (const [type, urls] of byType) {
    if (urls.length === 1 && urls[0] === first) continue;
    draft.setAttribute(attributes, `externalReference.${type}`, urls.length === 1 ? urls[0]! : urls, place, FORMAT);
  }
}
