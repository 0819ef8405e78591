/**
 * What an import says about its input: per format what was read, what was merged, and what
 * could not be mapped, each with the file and the place in it (line, JSON path), so that the
 * person who gave the files can open them and see.
 */

/** The formats Raireki imports. */
export const INTEROP_FORMATS = ['openlineage', 'prov-json', 'hf-card', 'hf-hub', 'cyclonedx', 'raireki'] as const;
export type InteropFormat = (typeof INTEROP_FORMATS)[number];

export const FORMAT_LABELS: Record<InteropFormat, string> = {
  openlineage: 'OpenLineage',
  'prov-json': 'W3C PROV-JSON',
  'hf-card': 'Hugging Face model card',
  'hf-hub': 'Hugging Face Hub JSON',
  cyclonedx: 'CycloneDX',
  raireki: 'Raireki snapshot',
};

/** Where in the input something was found. */
export interface SourcePlace {
  file: string;
  /** 1-based line (NDJSON line, YAML line). */
  line?: number;
  /** JSON path inside the document or line, e.g. `run.facets.parent`, `wasDerivedFrom["ex:d1"]`. */
  path?: string;
}

export type IssueSeverity =
  /** The file or record could not be read at all (not JSON, truncated, fails the schema). */
  | 'error'
  /** Read, but a part of it has no place in the snapshot and was left out. */
  | 'unmapped'
  /** Read and kept, but something is worth knowing (a conflict resolved, a guess made). */
  | 'note';

export interface ImportIssue extends SourcePlace {
  severity: IssueSeverity;
  format?: InteropFormat;
  message: string;
}

export interface FormatCounts {
  files: number;
  /** Documents, events, records or cards read. */
  records: number;
  /** Counts by what was made of them (`nodes.dataset`, `relations.used`, `events.START`…). */
  made: Record<string, number>;
}

export interface ImportReport {
  formats: Partial<Record<InteropFormat, FormatCounts>>;
  /** Files given that are none of the formats (their names and why). */
  skipped: ImportIssue[];
  /** Nodes described by more than one source (or more than once) and merged into one. */
  merged: { id: string; from: string[] }[];
  issues: ImportIssue[];
  /** Issues not listed because there were too many (counted per severity). */
  issuesNotListed: Partial<Record<IssueSeverity, number>>;
  nodes: number;
  relations: number;
}

/** `graph.ndjson:12 run.facets.parent: …` */
export function formatPlace(p: SourcePlace): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}` : p.file;
  return p.path ? `${where} ${p.path}` : where;
}

export function formatIssue(issue: ImportIssue): string {
  return `${issue.severity}: ${formatPlace(issue)}: ${issue.message}`;
}

/** `["run", "facets", "parent"]` → `run.facets.parent`; keys that are not plain names are quoted. */
export function jsonPath(...segments: (string | number)[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * The place of a part of a document: `place` with `segments` added to its JSON path. Places
 * are made for every member read but looked at only when something is reported, so the path
 * is joined on first read (an own getter, so that spreading a place still copies its path).
 */
export function placeWithin(place: SourcePlace, ...segments: (string | number)[]): SourcePlace {
  if (segments.length === 0) return place;
  let joined: string | undefined;
  const out: SourcePlace = {
    file: place.file,
    get path(): string {
      if (joined === undefined) {
        const tail = jsonPath(...segments);
        const head = place.path;
        joined = head ? head + (tail.startsWith('[') ? '' : '.') + tail : tail;
      }
      return joined;
    },
  };
  if (place.line !== undefined) out.line = place.line;
  return out;
}
