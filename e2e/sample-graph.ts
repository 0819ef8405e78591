/**
 * An independent oracle for the browser tests: reads the sample's graph file from disk and
 * walks it with a plain BFS (no code from src/), so the app's answers are checked against
 * something it did not compute.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface RawGraph {
  nodes: { id: string; kind: string; name: string; label?: { en?: string; ja?: string } }[];
  relations: { type: string; from: string; to?: string }[];
}

export function readSampleGraph(): RawGraph {
  return JSON.parse(readFileSync('public/snapshots/sample/graph.json', 'utf8')) as RawGraph;
}

/** Every graph file a snapshot folder's manifest lists, as one graph. */
export function readSnapshotGraph(folder: string): RawGraph {
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
  const graph: RawGraph = { nodes: [], relations: [] };
  for (const f of manifest.files) {
    const part = JSON.parse(readFileSync(join(folder, f.path), 'utf8')) as RawGraph;
    graph.nodes.push(...part.nodes);
    graph.relations.push(...part.relations);
  }
  return graph;
}

/** Distinct direct neighbours: 'up' what `id` depends on (relations from it), 'down' what depends on it. */
export function neighbours(graph: RawGraph, id: string, direction: 'up' | 'down'): Set<string> {
  const found = new Set<string>();
  for (const r of graph.relations) {
    if (!r.to) continue;
    if (direction === 'up' && r.from === id && r.to !== id) found.add(r.to);
    if (direction === 'down' && r.to === id && r.from !== id) found.add(r.from);
  }
  return found;
}

/** Everything downstream of `start` (following relations from `to` back to `from`), with hop counts. */
export function downstream(graph: RawGraph, start: string): Map<string, number> {
  const dependents = new Map<string, string[]>();
  for (const r of graph.relations) {
    if (!r.to) continue;
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
