/**
 * Facets are kept across events (the latest of each name wins), so each one is copied on
 * arrival with what is unsafe taken out: keys that would change an object's prototype
 * (`__proto__`), text longer than the draft keeps (cut with a note, so a 50 MB string is
 * never held), and nesting deeper than any facet needs. What is taken out is reported with
 * its JSON path; the rest of the facet is kept.
 */
import { MAX_TEXT_LENGTH, type ImportDraft } from '../import-draft.ts';
import { placeWithin, type SourcePlace } from '../import-report.ts';
import { type JsonObject } from '../json-values.ts';
import type { PathSegment } from './place.ts';

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

export function cleanJson(value: unknown, draft: ImportDraft, place: SourcePlace): unknown {
  return clean(value, draft, place, []);
}

function clean(value: unknown, draft: ImportDraft, place: SourcePlace, path: PathSegment[]): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_TEXT_LENGTH ? draft.text(value, placeWithin(place, ...path), 'openlineage') : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (path.length >= MAX_DEPTH) {
    draft.issue('unmapped', placeWithin(place, ...path), `nested deeper than ${MAX_DEPTH} levels; this part is left out`, 'openlineage');
    return null;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      out[i] = clean(value[i], draft, place, path);
      path.pop();
    }
    return out;
  }
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    path.push(key);
    if (UNSAFE_KEYS.has(key)) {
      draft.issue('unmapped', placeWithin(place, ...path), `the key ${JSON.stringify(key)} is not kept (it cannot be stored safely)`, 'openlineage');
    } else {
      out[key] = clean((value as JsonObject)[key], draft, place, path);
    }
    path.pop();
  }
  return out;
}

/** True for a key the importer must never write into an object. */
export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key);
}
