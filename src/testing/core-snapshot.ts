/**
 * Test helpers for binary snapshots: write nodes and relations as one (in memory), with a
 * manifest, and reach into a written core file's sections to damage them on purpose.
 */
import { CoreSnapshotWriter, type CoreWriterOptions, type WrittenCore } from '../core/columnar/index.ts';
import { BINARY_MANIFEST_VERSION, MANIFEST_FORMAT, type Manifest, type Relation, type SnapshotNode } from '../core/format/index.ts';
import { memoryCoreIo, type MemoryCoreIo } from './memory-core-io.ts';

export interface MemoryCoreSnapshot {
  io: MemoryCoreIo;
  manifest: Manifest;
  written: WrittenCore;
}

export function writeMemoryCore(nodes: readonly SnapshotNode[], relations: readonly Relation[], opts: CoreWriterOptions = {}): MemoryCoreSnapshot {
  const io = memoryCoreIo();
  const writer = new CoreSnapshotWriter(io, { expectedNodes: nodes.length, expectedRelations: relations.length, ...opts });
  for (const n of nodes) writer.addNode(n);
  for (const r of relations) writer.addRelation(r);
  const written = writer.finish();
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: BINARY_MANIFEST_VERSION,
    snapshot: { id: 'test', title: { en: 'Test' }, createdAt: '2026-01-01' },
    files: written.files,
  };
  return { io, manifest, written };
}

/** Byte offset and length of section `id` in a container file (read from its section table). */
export function sectionSpan(bytes: Uint8Array, id: number): { offset: number; bytes: number; entry: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(16, true);
  for (let i = 0; i < count; i++) {
    const e = 32 + i * 24;
    if (view.getUint32(e, true) === id) return { offset: view.getUint32(e + 8, true), bytes: view.getUint32(e + 16, true), entry: e };
  }
  throw new Error(`no section ${id}`);
}

/** A copy of the file with section `id` viewed as Int32 (or bytes) and changed by `edit`. */
export function editSection(file: Uint8Array, id: number, edit: (values: Int32Array, bytes: Uint8Array) => void): Uint8Array {
  const copy = file.slice();
  const span = sectionSpan(copy, id);
  const bytes = copy.subarray(span.offset, span.offset + span.bytes);
  const ints = new Int32Array(copy.buffer, copy.byteOffset + span.offset, Math.floor(span.bytes / 4));
  edit(ints, bytes);
  return copy;
}
