/**
 * Facets → node fields and attributes. A few facets have a field of their own in the
 * snapshot (documentation → description, version → version, sourceCodeLocation → url and
 * version, jobType → subtype, tags → tags); every facet, known or not, is also kept as
 * attributes named `<facet>.<key>` (nested keys joined by dots, lists of objects as JSON
 * text), so nothing a producer sent is dropped. `_producer` and `_schemaURL` are the
 * facet's envelope and are not kept.
 *
 * Facets handled elsewhere: columnLineage (column-lineage.ts), lineage (lineage-facet.ts),
 * symlinks (aliases, in the reader), parent (relations, in run-fold.ts); they are still
 * described here as attributes where that helps (symlink identifiers, parent ids).
 */
import type { AttributeValue, LocalizedText } from '../../format/index.ts';
import type { ImportDraft } from '../import-draft.ts';
import type { SourcePlace } from '../import-report.ts';
import { isJsonObject, type JsonObject } from '../json-values.ts';

/** A facet as kept between events: its cleaned value and where that value came from. */
export interface StoredFacet {
  value: JsonObject;
  place: SourcePlace;
}
export type FacetMap = Map<string, StoredFacet>;

export interface NodeExtras {
  description?: LocalizedText;
  version?: string;
  url?: string;
  subtype?: 'batch' | 'streaming' | 'other';
  tags?: string[];
}

type Attrs = Record<string, AttributeValue>;
const ENVELOPE = new Set(['_producer', '_schemaURL', '_deleted']);
/** Nesting kept as dotted attribute names; deeper parts are kept as JSON text. */
const MAX_FLAT_DEPTH = 4;
/** Facets whose whole content is mapped elsewhere, so they are not repeated as attributes. */
const MAPPED_ELSEWHERE = new Set(['columnLineage', 'lineage']);

type Handler = (facet: JsonObject, extras: NodeExtras, attrs: Attrs, ctx: Ctx) => readonly string[];
interface Ctx {
  draft: ImportDraft;
  place: SourcePlace;
  name: string;
}

/** Each handler returns the keys it mapped; the facet's other keys become attributes. */
const HANDLERS: Record<string, Handler> = {
  documentation(f, extras) {
    if (typeof f.description !== 'string' || f.description.length === 0) return [];
    extras.description = { en: f.description };
    return ['description'];
  },
  version(f, extras) {
    const v = f.datasetVersion;
    if (typeof v !== 'string' && typeof v !== 'number') return [];
    extras.version = String(v);
    return ['datasetVersion'];
  },
  sourceCodeLocation(f, extras) {
    const used: string[] = [];
    if (typeof f.url === 'string') (extras.url = f.url), used.push('url');
    if (typeof f.version === 'string') (extras.version = f.version), used.push('version');
    return used;
  },
  jobType(f, extras) {
    const p = typeof f.processingType === 'string' ? f.processingType.toUpperCase() : '';
    extras.subtype = p === 'BATCH' ? 'batch' : p === 'STREAMING' ? 'streaming' : 'other';
    return []; // processingType is kept as an attribute too: "other" loses the original.
  },
  tags(f, extras) {
    if (!Array.isArray(f.tags) || !f.tags.every((t) => isJsonObject(t) && typeof t.key === 'string')) return [];
    const tags = (f.tags as JsonObject[]).map((t) => {
      const v = t.value === undefined || t.value === null || t.value === '' ? '' : `=${String(t.value)}`;
      const field = typeof t.field === 'string' ? ` (field ${t.field})` : '';
      return `${t.key as string}${v}${field}`;
    });
    extras.tags = tags;
    return ['tags'];
  },
  ownership(f, _extras, attrs, ctx) {
    if (!Array.isArray(f.owners) || !f.owners.every((o) => isJsonObject(o) && typeof o.name === 'string')) return [];
    const owners = (f.owners as JsonObject[]).map((o) => (typeof o.type === 'string' ? `${o.name as string} (${o.type})` : (o.name as string)));
    ctx.draft.setAttribute(attrs, 'ownership.owners', owners, ctx.place, 'openlineage');
    return ['owners'];
  },
  schema(f, _extras, attrs, ctx) {
    if (!Array.isArray(f.fields)) return [];
    const out: string[] = [];
    schemaFields(f.fields, '', out);
    ctx.draft.setAttribute(attrs, 'schema.fields', out, ctx.place, 'openlineage');
    return ['fields'];
  },
  dataSource(f, _extras, attrs, ctx) {
    if (typeof f.uri !== 'string') return [];
    // Connection URIs often carry a password (Marquez's own seed does): it is not kept.
    ctx.draft.setAttribute(attrs, 'dataSource.uri', withoutPassword(f.uri), ctx.place, 'openlineage');
    return ['uri'];
  },
  symlinks(f, _extras, attrs, ctx) {
    if (!Array.isArray(f.identifiers)) return [];
    const ids = (f.identifiers as unknown[]).filter(isJsonObject).map((i) => `${String(i.namespace)}/${String(i.name)}${typeof i.type === 'string' ? ` (${i.type})` : ''}`);
    ctx.draft.setAttribute(attrs, 'symlinks.identifiers', ids, ctx.place, 'openlineage');
    return ['identifiers'];
  },
};

/** Fields and attributes of a node from its facets (in the order they first came). */
export function facetsToNode(facets: FacetMap, draft: ImportDraft, attrs: Attrs): NodeExtras {
  const extras: NodeExtras = {};
  for (const [name, stored] of facets) {
    if (MAPPED_ELSEWHERE.has(name)) continue;
    const ctx: Ctx = { draft, place: stored.place, name };
    const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
    const used = new Set(handler ? handler(stored.value, extras, attrs, ctx) : []);
    let kept = 0;
    for (const [key, value] of Object.entries(stored.value)) {
      if (ENVELOPE.has(key) || used.has(key)) continue;
      flatten(attrs, `${name}.${key}`, value, 1, ctx);
      kept++;
    }
    // A facet with nothing but its envelope still says something (it was sent): keep its name.
    if (kept === 0 && used.size === 0) draft.setAttribute(attrs, `facet:${name}`, '{}', stored.place, 'openlineage');
  }
  return extras;
}

/** Attributes of one JSON value: scalars as they are, nested objects as dotted keys. */
export function flatten(attrs: Attrs, key: string, value: unknown, depth: number, ctx: Ctx): void {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    ctx.draft.setAttribute(attrs, key, value, ctx.place, 'openlineage');
    return;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) ctx.draft.setAttribute(attrs, key, value as string[], ctx.place, 'openlineage');
    else if (value.every((v) => v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string')) {
      ctx.draft.setAttribute(attrs, key, value as AttributeValue, ctx.place, 'openlineage');
    } else ctx.draft.setAttribute(attrs, key, JSON.stringify(value), ctx.place, 'openlineage');
    return;
  }
  if (isJsonObject(value)) {
    const entries = Object.entries(value).filter(([k]) => !ENVELOPE.has(k));
    if (entries.length === 0 || depth >= MAX_FLAT_DEPTH) {
      ctx.draft.setAttribute(attrs, key, JSON.stringify(value), ctx.place, 'openlineage');
      return;
    }
    for (const [k, v] of entries) flatten(attrs, `${key}.${k}`, v, depth + 1, ctx);
  }
}

/** `name: TYPE — description` for each field, nested fields as `parent.child`. */
function schemaFields(fields: unknown[], prefix: string, out: string[]): void {
  for (const f of fields) {
    if (!isJsonObject(f) || typeof f.name !== 'string') continue;
    const name = prefix + f.name;
    const type = typeof f.type === 'string' ? `: ${f.type}` : '';
    const description = typeof f.description === 'string' && f.description ? ` — ${f.description}` : '';
    out.push(`${name}${type}${description}`);
    if (Array.isArray(f.fields)) schemaFields(f.fields, `${name}.`, out);
  }
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db` */
export function withoutPassword(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^/@]*@/i, '$1:***@');
}
