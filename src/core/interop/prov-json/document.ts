/**
 * One PROV-JSON document: its prefixes, its element and relation maps, and its bundles,
 * whose records are read with the bundle's prefixes added and carry the bundle's id.
 * Members that are none of PROV-JSON's are reported, not silently passed over.
 *
 * One id, two classes: a bundle is a context of its own, and a document may describe an id
 * as an activity in one bundle and as an entity in another. A node has one kind, so the
 * description whose class differs from the id's first one (top level first, then bundles in
 * order) becomes a node of its own, `<bundle id>#<id>`, and every name of that id inside
 * that bundle means it; a note says so.
 */
import type { ImportDraft } from '../import-draft.ts';
import type { SourcePlace } from '../import-report.ts';
import { at, resolveName, type DocContext } from './document-context.ts';
import { isJsonObject, typeName } from '../json-values.ts';
import { Namespaces, nodeIdFromIri } from './qualified-name.ts';
import { readElementMap } from './records.ts';
import { readRelationMap } from './relations.ts';
import { ELEMENT_MAPS, RELATION_MAPS } from './vocabulary.ts';

export function readDocument(draft: ImportDraft, doc: Record<string, unknown>, place: SourcePlace): void {
  const base: DocContext = { draft, ns: Namespaces.predefined, origin: `prov-json:${place.file}`, place, bundleIds: new Set(), resolved: new Map() };
  const ctx = { ...base, ns: withPrefixes(base, doc.prefix, []) };
  const bundles = isJsonObject(doc.bundle) ? Object.entries(doc.bundle) : [];
  if (doc.bundle !== undefined && !isJsonObject(doc.bundle)) draft.issue('error', at(ctx, 'bundle'), `expected an object of bundles, found ${typeName(doc.bundle)}; left out`, 'prov-json');
  // Bundle ids first, so that a bundle's own entity (described before or after it) gets subtype "bundle".
  const bundleIds = new Map<string, string>();
  for (const [key] of bundles) {
    const id = resolveName(ctx, key, at(ctx, 'bundle', key));
    if (id !== null) bundleIds.set(key, id);
  }
  const top: DocContext = { ...ctx, bundleIds: new Set(bundleIds.values()), resolved: new Map() };
  const renames = classRenames(top, doc, bundles, bundleIds);
  readMaps(top, doc, [], true);
  for (const [key, content] of bundles) {
    const id = bundleIds.get(key);
    if (id === undefined) continue;
    if (!isJsonObject(content)) {
      draft.issue('error', at(top, 'bundle', key), `expected a bundle (an object), found ${typeName(content)}; left out`, 'prov-json');
      continue;
    }
    const inner: DocContext = { ...top, ns: withPrefixes(top, content.prefix, ['bundle', key]), bundle: id, rename: renames.get(id), resolved: new Map() };
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

/** For each bundle, the ids it describes with another PROV class than their first description has. */
function classRenames(top: DocContext, doc: Record<string, unknown>, bundles: [string, unknown][], bundleIds: ReadonlyMap<string, string>): Map<string, Map<string, string>> {
  const firstClass = new Map<string, string>();
  const out = new Map<string, Map<string, string>>();
  const scan = (scope: Record<string, unknown>, ns: Namespaces, bundle: string | undefined, path: (string | number)[]) => {
    for (const cls of ELEMENT_MAPS) {
      const map = scope[cls];
      if (!isJsonObject(map)) continue;
      for (const key of Object.keys(map)) {
        const expanded = ns.expand(key);
        const id = 'iri' in expanded ? nodeIdFromIri(expanded.iri) : key;
        const first = firstClass.get(id);
        if (first === undefined) firstClass.set(id, cls);
        else if (first !== cls && bundle !== undefined) {
          let renames = out.get(bundle);
          if (!renames) out.set(bundle, (renames = new Map()));
          const own = `${bundle}#${id}`;
          renames.set(id, own);
          top.draft.issue('note', at(top, ...path, cls, key), `described as an ${cls} here and as an ${first} elsewhere; in this bundle it is the node "${own}"`, 'prov-json');
        }
      }
    }
  };
  scan(doc, top.ns, undefined, []);
  for (const [key, content] of bundles) {
    const id = bundleIds.get(key);
    if (id === undefined || !isJsonObject(content)) continue;
    const ns = isJsonObject(content.prefix) ? top.ns.extend(content.prefix).namespaces : top.ns;
    scan(content, ns, id, ['bundle', key]);
  }
  return out;
}

function withPrefixes(ctx: DocContext, prefix: unknown, path: (string | number)[]): Namespaces {
  if (prefix === undefined) return ctx.ns;
  if (!isJsonObject(prefix)) {
    ctx.draft.issue('error', at(ctx, ...path, 'prefix'), `expected an object of prefixes, found ${typeName(prefix)}; no prefix is declared`, 'prov-json');
    return ctx.ns;
  }
  const { namespaces, bad } = ctx.ns.extend(prefix);
  for (const p of bad) ctx.draft.issue('error', at(ctx, ...path, 'prefix', p), 'a namespace must be a non-empty string (an IRI); the prefix is not declared', 'prov-json');
  return namespaces;
}
