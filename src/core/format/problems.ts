/**
 * Problems found in snapshot input. Every problem names the file and, where it can,
 * the place in it, so that a person can open the file and fix it.
 */
export type ProblemCode =
  | 'missing-file'
  | 'size-mismatch'
  | 'hash-mismatch'
  | 'not-json'
  | 'truncated'
  | 'schema'
  | 'unsupported-format'
  | 'pack-refused'
  /** A binary snapshot file whose structure is broken (offsets, tables, indexes): core/columnar. */
  | 'corrupt'
  // Integrity problems: reported, the graph still loads.
  | 'duplicate-id'
  | 'dangling-reference'
  | 'relation-signature'
  | 'cycle';

export interface Problem {
  code: ProblemCode;
  /** Path of the file as the manifest names it (or the name the user gave it). */
  file: string;
  /** JSON path inside the file, e.g. `nodes[12].kind`. */
  path?: string;
  line?: number;
  column?: number;
  message: string;
}

/** Problems that stop a snapshot from loading; the others are warnings. */
export const FATAL_CODES: ReadonlySet<ProblemCode> = new Set([
  'missing-file',
  'size-mismatch',
  'hash-mismatch',
  'not-json',
  'truncated',
  'schema',
  'unsupported-format',
  'pack-refused',
  'corrupt',
]);

export function isFatal(problem: Problem): boolean {
  return FATAL_CODES.has(problem.code);
}

/** One line a person can read: `graph.json:14:3 nodes[12].kind: expected one of …`. */
export function formatProblem(p: Problem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return p.path ? `${where} ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

export class SnapshotError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const head = problems[0] ? formatProblem(problems[0]) : 'unknown problem';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(`Snapshot could not be loaded: ${head}${more}`);
    this.name = 'SnapshotError';
    this.problems = problems;
  }
}
