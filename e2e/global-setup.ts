/**
 * Writes the snapshots the browser tests load besides the sample: deliberately broken
 * ones (each with one kind of damage), a valid one with integrity problems, and a
 * generated one (`npm run gen:snapshot`) whose hubs are larger than the drawing limit.
 */
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSnapshotDir } from '../cli/lib/snapshot-files.ts';
import { writeGeneratedSnapshot } from '../cli/gen-snapshot.ts';
import { E2E_GENERATED } from './paths.ts';
import type { SnapshotNode } from '../src/core/format/index.ts';
import { buildSample } from '../fixtures/sample/build.ts';
import { generateSnapshot } from '../src/testing/generate-snapshot.ts';

export const E2E_SNAPSHOTS = '.tmp/e2e-snapshots';

const info = (id: string) => ({ id, title: { en: `Test snapshot ${id}`, ja: `テスト ${id}` }, createdAt: '2026-01-01' });

function small(): SnapshotNode[] {
  return [
    { id: 'ds', kind: 'dataset', name: 'Tiny dataset', classification: 'internal' },
    { id: 'run', kind: 'activity', subtype: 'finetuning', name: 'Tiny run', classification: 'internal' },
    { id: 'model', kind: 'model', name: 'Tiny model <b>bold</b>', classification: 'internal' },
  ];
}

export default function globalSetup(): void {
  rmSync(E2E_SNAPSHOTS, { recursive: true, force: true });
  const dir = (name: string) => join(E2E_SNAPSHOTS, name);
  const relations = [
    { type: 'used' as const, from: 'run', to: 'ds' },
    { type: 'wasGeneratedBy' as const, from: 'model', to: 'run' },
  ];

  // A valid small snapshot.
  writeSnapshotDir(dir('valid'), { ...info('valid'), startNode: 'model' }, [{ path: 'graph.json', nodes: small(), relations }]);

  // Not JSON, with a manifest whose hash matches (so the parse error is what is reported).
  const notJson = writeSnapshotDir(dir('not-json'), info('not-json'), [{ path: 'graph.json', nodes: small(), relations }]);
  rewrite(dir('not-json'), notJson, 'graph.json', '{"format": "raireki-snapshot", "version": 1, "nodes": [ {"id": "x",, } ] }\n');

  // Schema violation: a node of an unknown kind.
  const badSchema = writeSnapshotDir(dir('bad-schema'), info('bad-schema'), [{ path: 'graph.json', nodes: small(), relations }]);
  const text = readFileSync(join(dir('bad-schema'), 'graph.json'), 'utf8').replace('"kind":"model"', '"kind":"spaceship"');
  rewrite(dir('bad-schema'), badSchema, 'graph.json', text);

  // Hash mismatch: the file changed after the manifest was written (same size).
  writeSnapshotDir(dir('bad-hash'), info('bad-hash'), [{ path: 'graph.json', nodes: small(), relations }]);
  const graphPath = join(dir('bad-hash'), 'graph.json');
  writeFileSync(graphPath, readFileSync(graphPath, 'utf8').replace('Tiny dataset', 'Tiny DATASET'));

  // Truncated: the file was cut in half.
  writeSnapshotDir(dir('truncated'), info('truncated'), [{ path: 'graph.json', nodes: small(), relations }]);
  const truncPath = join(dir('truncated'), 'graph.json');
  const full = readFileSync(truncPath);
  writeFileSync(truncPath, full.subarray(0, Math.floor(full.length / 2)));

  // Loads with warnings: a relation to a node that does not exist.
  writeSnapshotDir(dir('dangling'), { ...info('dangling'), startNode: 'model' }, [
    { path: 'graph.json', nodes: small(), relations: [...relations, { type: 'used', from: 'run', to: 'ghost-dataset' }] },
  ]);

  mkdirSync(dir('empty'), { recursive: true });

  writeGeneratedSnapshot(dir(E2E_GENERATED), { nodes: 5000, seed: 1 });
  writeBinarySnapshots(dir);
}

/**
 * Snapshots in the binary layout (docs/snapshot-format.md): the sample, a generated one,
 * and the sample with one details chunk changed or with a graph core whose adjacency was
 * damaged (its manifest hash updated, so that the structural check is what refuses it).
 */
function writeBinarySnapshots(dir: (name: string) => string): void {
  const sample = buildSample();
  const generated = generateSnapshot({ nodes: 5000, seed: 4 });
  writeSnapshotDir(dir('binary-generated'), { ...info('binary-generated'), startNode: generated.nodes.find((n) => n.kind === 'model')!.id }, [{ path: 'graph.json', ...generated }], false, 'binary');

  writeSnapshotDir(dir('binary-tampered-chunk'), { ...info('binary-tampered-chunk'), startNode: 'model:meditron-70b' }, [{ path: 'graph.json', ...sample }], false, 'binary');
  const chunk = join(dir('binary-tampered-chunk'), 'details', 'nodes-000003.json');
  const text = readFileSync(chunk, 'utf8');
  const at = text.indexOf('"name":"') + 8;
  writeFileSync(chunk, text.slice(0, at) + (text[at] === 'X' ? 'Y' : 'X') + text.slice(at + 1)); // same length, other bytes

  const bad = writeSnapshotDir(dir('binary-bad-core'), info('binary-bad-core'), [{ path: 'graph.json', ...sample }], false, 'binary');
  const corePath = join(dir('binary-bad-core'), 'core', 'graph.bin');
  const core = readFileSync(corePath);
  // Section 31 is out.edges (src/core/columnar/graph-core-layout.ts): swap its first two entries.
  const view = new DataView(core.buffer, core.byteOffset, core.byteLength);
  for (let i = 0, count = view.getUint32(16, true); i < count; i++) {
    const entry = 32 + i * 24;
    if (view.getUint32(entry, true) !== 31) continue;
    const offset = view.getUint32(entry + 8, true);
    const first = view.getInt32(offset, true);
    view.setInt32(offset, view.getInt32(offset + 4, true), true);
    view.setInt32(offset + 4, first, true);
  }
  writeFileSync(corePath, core);
  const entry = bad.files.find((f) => f.path === 'core/graph.bin')!;
  entry.sha256 = createHashHex(core);
  writeFileSync(join(dir('binary-bad-core'), 'manifest.json'), JSON.stringify(bad, null, 2));
}

/** Replaces a file and fixes its manifest entry, so only the content is wrong. */
function rewrite(folder: string, manifest: { files: { path: string; sha256: string; bytes: number }[] }, path: string, content: string): void {
  const bytes = Buffer.from(content, 'utf8');
  writeFileSync(join(folder, path), bytes);
  const entry = manifest.files.find((f) => f.path === path)!;
  entry.bytes = bytes.byteLength;
  entry.sha256 = createHashHex(bytes);
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

import { createHash } from 'node:crypto';
function createHashHex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
