/**
 * An independent oracle for the browser tests: reads the sample's graph file from disk and
 * walks it with a plain BFS (no code from src/), so the app's answers are checked against
 * something it did not compute.
 */
import { readFileSync } from 'node:fs';

interface RawGraph {
  nodes: { id: string; kind: string; name: string; label?: { en?: string; ja?: string } }[];
  relations: { type: string; from: string; to: string }[];
}

export function readSampleGraph(): RawGraph {
  return JSON.parse(readFileSync('public/snapshots/sample/graph.json', 'utf8')) as RawGraph;
}

/** Everything downstream of `start` (following relations from `to` back to `from`), with hop counts. */
export function downstream(graph: RawGraph, start: string): Map<string, number> {
  const dependents = new Map<string, string[]>();
  for (const r of graph.relations) {
    const list = dependents.get(r.to) ?? [];
    list.push(r.from);
    dependents.set(r.to, list);
  }
  const hops = new Map<string, number>([[start, 0]]);
  let frontier = [start];
  for (let hop = 1; frontier.length; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const d of dependents.get(id) ?? []) {
        if (!hops.has(d)) {
          hops.set(d, hop);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  hops.delete(start);
  return hops;
}
