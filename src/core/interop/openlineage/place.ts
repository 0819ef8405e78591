/**
 * Path segments inside one event (`run.facets.parent`), and a check the OpenLineage code makes
 * everywhere. Places themselves are made with `placeWithin` (import-report.ts).
 */
export type PathSegment = string | number;

export function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}
