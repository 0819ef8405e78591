/**
 * Loads a snapshot folder phase by phase, doing what `loadSnapshot` does (read, SHA-256
 * with WebCrypto, UTF-8 decode, JSON.parse, zod validation) but timing each step over all
 * files, so that the slow one can be named with numbers. File by file, as the loader
 * does, so that memory peaks at one file's bytes and text.
 */
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { join } from 'node:path';
import { parseManifest, validateGraph, type Relation, type SnapshotNode } from '../../src/core/format/index.ts';

export interface PhaseTimes {
  files: number;
  bytes: number;
  readMs: number;
  sha256Ms: number;
  decodeMs: number;
  parseMs: number;
  validateMs: number;
  /** Validation cost split by item type, measured on the first file. */
  validateUsPerNode: number;
  validateUsPerRelation: number;
}

export async function loadByPhases(dir: string): Promise<{ times: PhaseTimes; nodes: SnapshotNode[]; relations: Relation[] }> {
  const manifest = parseManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  if (!manifest.ok) throw new Error(`bad manifest in ${dir}`);
  const times: PhaseTimes = { files: 0, bytes: 0, readMs: 0, sha256Ms: 0, decodeMs: 0, parseMs: 0, validateMs: 0, validateUsPerNode: NaN, validateUsPerRelation: NaN };
  const nodes: SnapshotNode[] = [];
  const relations: Relation[] = [];
  const decoder = new TextDecoder();
  for (const entry of manifest.value.files) {
    let t = performance.now();
    const bytes = new Uint8Array(readFileSync(join(dir, entry.path)));
    times.readMs += performance.now() - t;
    t = performance.now();
    const digest = Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
    times.sha256Ms += performance.now() - t;
    if (digest !== entry.sha256) throw new Error(`${entry.path}: hash mismatch`);
    t = performance.now();
    const text = decoder.decode(bytes);
    times.decodeMs += performance.now() - t;
    t = performance.now();
    const value = JSON.parse(text) as { nodes: unknown[]; relations: unknown[] };
    times.parseMs += performance.now() - t;
    if (times.files === 0) splitValidationCost(value, entry.path, times);
    t = performance.now();
    const graph = validateGraph(value, entry.path);
    times.validateMs += performance.now() - t;
    if (!graph.ok) throw new Error(`${entry.path}: ${graph.problems[0]?.message}`);
    for (const n of graph.value.nodes) nodes.push(n);
    for (const r of graph.value.relations) relations.push(r);
    times.files++;
    times.bytes += bytes.byteLength;
  }
  return { times, nodes, relations };
}

/** Validates the nodes alone and the relations alone, to say which costs what. */
function splitValidationCost(value: { nodes: unknown[]; relations: unknown[] }, file: string, times: PhaseTimes): void {
  const only = (nodes: unknown[], relations: unknown[]) => {
    const t = performance.now();
    validateGraph({ ...value, nodes, relations }, file);
    return performance.now() - t;
  };
  times.validateUsPerNode = (only(value.nodes, []) * 1000) / Math.max(1, value.nodes.length);
  times.validateUsPerRelation = (only([], value.relations) * 1000) / Math.max(1, value.relations.length);
}
