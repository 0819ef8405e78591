/**
 * One PROV-JSON document: its prefixes, its element and relation maps, and its bundles,
 * whose records are read with the bundle's prefixes added and carry the bundle's id.
 * Members that are none of PROV-JSON's are reported, not silently passed over.
 */
import type { ImportDraft } from '../import-draft.ts';
import type { SourcePlace } from '../import-report.ts';
import { at, describeType, isObject, resolveName, type DocContext } from './document-context.ts';
import { Namespaces } from './qualified-name.ts';
import { readElementMap } from './records.ts';
import { readRelationMap } from './relations.ts';
import { ELEMENT_MAPS, RELATION_MAPS } from './vocabulary.ts';

export function readDocument(draft: ImportDraft, doc: Record<string, unknown>, place: SourcePlace): void {
  const base: DocContext = { draft, ns: Namespaces.predefined, origin: `prov-json:${place.file}`, place, bundleIds: new Set() };
  const ctx = { ...base, ns: withPrefixes(base, doc.prefix, []) };
  const bundles = isObject(doc.bundle) ? Object.entries(doc.bundle) : [];
  if (doc.bundle !== undefined && !isObject(doc.bundle)) draft.issue('error', at(ctx, 'bundle'), `expected an object of bundles, found ${describeType(doc.bundle)}; left out`, 'prov-json');
  // Bundle ids first, so that a bundle's own entity (described before or after it) gets subtype "bundle".
  const bundleIds = new Map<string, string>();
  for (const [key] of bundles) {
    const id = resolveName(ctx, key, at(ctx, 'bundle', key));
    if (id !== null) bundleIds.set(key, id);
  }
  const top: DocContext = { ...ctx, bundleIds: new Set(bundleIds.values()) };
  readMaps(top, doc, [], true);
  for (const [key, content] of bundles) {
    const id = bundleIds.get(key);
    if (id === undefined) continue;
    if (!isObject(content)) {
      draft.issue('error', at(top, 'bundle', key), `expected a bundle (an object), found ${describeType(content)}; left out`, 'prov-json');
      continue;
    }
    const inner: DocContext = { ...top, ns: withPrefixes(top, content.prefix, ['bundle', key]), bundle: id };
    readMaps(inner, content, ['bundle', key], false);
    draft.count('prov-json', 'bundles');
  }
}

function readMaps(ctx: DocContext, doc: Record<string, unknown>, path: (string | number)[], isTop: boolean): void {
  for (const [member, value] of Object.entries(doc)) {
    if (member === 'prefix' || (isTop && member === 'bundle')) continue;
    if ((ELEMENT_MAPS as readonly string[]).includes(member)) readElementMap(ctx, member as (typeof ELEMENT_MAPS)[number], value, [...path, member]);
    else if (Object.hasOwn(RELATION_MAPS, member)) readRelationMap(ctx, member, value, [...path, member]);
    else {
      const why = member === 'bundle' ? 'bundles inside a bundle are not PROV' : 'not a PROV-JSON member';
      ctx.draft.issue('unmapped', at(ctx, ...path, member), `${why}; left out`, 'prov-json');
    }
  }
}

function withPrefixes(ctx: DocContext, prefix: unknown, path: (string | number)[]): Namespaces {
  if (prefix === undefined) return ctx.ns;
  if (!isObject(prefix)) {
    ctx.draft.issue('error', at(ctx, ...path, 'prefix'), `expected an object of prefixes, found ${describeType(prefix)}; no prefix is declared`, 'prov-json');
    return ctx.ns;
  }
  const { namespaces, bad } = ctx.ns.extend(prefix);
  for (const p of bad) ctx.draft.issue('error', at(ctx, ...path, 'prefix', p), 'a namespace must be a non-empty string (an IRI); the prefix is not declared', 'prov-json');
  return namespaces;
}
