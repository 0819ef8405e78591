/**
 * Places inside one event: the session gives the file, line and (for a JSON array) the
 * element; the reader adds the path inside the event (`run.facets.parent`).
 */
import { jsonPath, type SourcePlace } from '../import-report.ts';

export type PathSegment = string | number;

export function at(place: SourcePlace, ...segments: PathSegment[]): SourcePlace {
  const tail = jsonPath(...segments);
  if (!tail) return place;
  const path = place.path ? place.path + (tail.startsWith('[') ? '' : '.') + tail : tail;
  return { ...place, path };
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}
