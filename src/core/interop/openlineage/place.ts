/**
 * Places inside one event: the session gives the file, line and (for a JSON array) the
 * element; the reader adds the path inside the event (`run.facets.parent`).
 */
import { jsonPath, type SourcePlace } from '../import-report.ts';

export type PathSegment = string | number;

/**
 * The place of a part of an event. Places are made for every dataset and facet of every
 * event but read only when something is reported, so the path is joined on first read:
 * joining it eagerly was a tenth of a million-event import, with its garbage.
 */
class PlaceWithin implements SourcePlace {
  readonly file: string;
  readonly line?: number;
  private joined: string | undefined;
  constructor(
    private readonly base: SourcePlace,
    private readonly segments: readonly PathSegment[],
  ) {
    this.file = base.file;
    if (base.line !== undefined) this.line = base.line;
  }
  get path(): string {
    if (this.joined === undefined) {
      const tail = jsonPath(...this.segments);
      const head = this.base.path;
      this.joined = head ? head + (tail.startsWith('[') ? '' : '.') + tail : tail;
    }
    return this.joined;
  }
}

export function at(place: SourcePlace, ...segments: PathSegment[]): SourcePlace {
  return segments.length === 0 ? place : new PlaceWithin(place, segments);
}

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}
