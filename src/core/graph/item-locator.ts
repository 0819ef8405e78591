/**
 * Turns the position of a node or relation in the loaded (concatenated) arrays back into
 * the file it came from and its position inside that file, e.g. `graph-0003.json`
 * `relations[12]`, which is what a person needs to find it.
 */
export const DEFAULT_GRAPH_FILE = 'graph.json';

export interface ItemLocation {
  file: string;
  path: string;
}

interface Run {
  file: string;
  start: number;
  /** Items of the same file in earlier runs: files are normally contiguous, but need not be. */
  base: number;
}

/**
 * `files[i]` names the file of item `i`. The run table is built on first use only: most
 * snapshots have no problems and never pay for it.
 */
export function makeItemLocator(field: 'nodes' | 'relations', files: readonly string[] | undefined): (i: number) => ItemLocation {
  let runs: Run[] | null = null;
  return (i) => {
    if (!files) return { file: DEFAULT_GRAPH_FILE, path: `${field}[${i}]` };
    runs ??= buildRuns(files);
    const run = runs[findRun(runs, i)]!;
    return { file: run.file, path: `${field}[${run.base + i - run.start}]` };
  };
}

function buildRuns(files: readonly string[]): Run[] {
  const runs: Run[] = [];
  const seen = new Map<string, number>();
  let prev: string | undefined;
  for (let i = 0; i < files.length; i++) {
    const file = files[i] ?? DEFAULT_GRAPH_FILE;
    if (file === prev) continue;
    if (prev !== undefined) seen.set(prev, (seen.get(prev) ?? 0) + i - runs[runs.length - 1]!.start);
    runs.push({ file, start: i, base: seen.get(file) ?? 0 });
    prev = file;
  }
  return runs;
}

/** Index of the last run starting at or before `i`. */
function findRun(runs: readonly Run[], i: number): number {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid]!.start <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
