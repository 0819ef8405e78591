import { describe, expect, it } from 'vitest';
import { SnapshotError, formatProblem } from '../format/index.ts';
import { closure, neighbourhood, shortestPath } from '../graph/index.ts';
import { rankNodes } from '../search/index.ts';
import { generateSnapshot } from '../../testing/generate-snapshot.ts';
import { Prng } from '../../testing/prng.ts';
import { editSection, sectionSpan, writeMemoryCore } from '../../testing/core-snapshot.ts';
import { memoryCoreIo } from '../../testing/memory-core-io.ts';
import { sha256Bytes, sha256Hex } from '../access/sha256.ts';
import { CoreFileError } from './container.ts';
import { DetailsStore } from './details-store.ts';
import { CoreGraphIndex } from './graph-core-index.ts';
import { G } from './graph-core-layout.ts';
import { readGraphCore } from './graph-core-read.ts';
import { loadCore, loadSearchCore } from './load-core.ts';
import { readSearchCore } from './search-core.ts';
import { encodeUtf8 } from './utf8.ts';

const { nodes, relations } = generateSnapshot({ nodes: 1500, seed: 2 });
const { io, manifest } = writeMemoryCore(nodes, relations, { nodeChunkBytes: 4000 });
const graphFile = io.files.get('core/graph.bin')!;
const searchFile = io.files.get('core/search.bin')!;
const FILE = 'core/graph.bin';

/** The message readGraphCore gives for damaged bytes (checked structurally, without the manifest's hash). */
function structuralProblem(bytes: Uint8Array): string {
  try {
    readGraphCore(bytes, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(CoreFileError);
    expect((err as CoreFileError).file).toBe(FILE);
    return (err as Error).message;
  }
  throw new Error('the damaged core was accepted');
}

async function loadProblem(files: Map<string, Uint8Array>): Promise<string> {
  const tampered = memoryCoreIo();
  for (const [p, b] of files) tampered.files.set(p, b);
  const err = await loadCore(manifest, tampered.loadIo).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SnapshotError);
  return (err as SnapshotError).problems.map(formatProblem).join('\n');
}

describe('a damaged graph core is refused with a message naming the file', () => {
  it('truncated: refused by its size before anything is read', async () => {
    const files = new Map(io.files).set(FILE, graphFile.slice(0, graphFile.length - 100));
    expect(await loadProblem(files)).toMatch(/^core\/graph\.bin: has \d+ bytes but the manifest says \d+ \(truncated\?\)/);
    expect(structuralProblem(graphFile.slice(0, graphFile.length - 100))).toMatch(/header says \d+ \(truncated\?\)/);
    expect(structuralProblem(graphFile.slice(0, 10))).toMatch(/fewer than a header/);
  });

  it('a flipped byte: refused by its SHA-256', async () => {
    const flipped = graphFile.slice();
    flipped[flipped.length >> 1]! ^= 0x40;
    expect(await loadProblem(new Map(io.files).set(FILE, flipped))).toMatch(/^core\/graph\.bin: SHA-256 .* does not match/);
  });

  it('not a binary snapshot at all, or a newer layout', () => {
    expect(structuralProblem(encodeUtf8('{"format":"raireki-snapshot"}                                 '))).toMatch(/not a Raireki binary snapshot file/);
    const newer = graphFile.slice();
    new DataView(newer.buffer).setUint32(8, 2, true);
    expect(structuralProblem(newer)).toMatch(/binary layout version 2; this build reads version 1/);
  });

  it('a section whose offset or length points outside the file', () => {
    const out = graphFile.slice();
    const span = sectionSpan(out, G.EDGE_TO);
    new DataView(out.buffer).setUint32(span.entry + 16, out.length, true); // length past the end
    expect(structuralProblem(out)).toMatch(/section "edge\.to" \(bytes \d+–\d+\) lies outside the file/);
    const misaligned = graphFile.slice();
    new DataView(misaligned.buffer).setUint32(sectionSpan(misaligned, G.EDGE_TO).entry + 8, span.offset + 2, true);
    expect(structuralProblem(misaligned)).toMatch(/section "edge\.to" starts at byte \d+, not on an 8-byte boundary/);
  });

  it('a string table that is not UTF-8', () => {
    const bad = editSection(graphFile, G.STRING_BYTES, (_, bytes) => {
      bytes[bytes.indexOf(0x61)] = 0xff; // an "a" becomes a byte UTF-8 never has
    });
    expect(structuralProblem(bad)).toMatch(/string table: the strings are not UTF-8: byte \d+ \(0xff\) cannot start a UTF-8 character/);
    const strings = graphFile.subarray(sectionSpan(graphFile, G.STRING_BYTES).offset);
    let cut = -1;
    const split = editSection(graphFile, G.STRING_OFFSETS, (_, bytes) => {
      // Move the start of the first string that begins with a Japanese character one byte in.
      const view = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      cut = view.findIndex((start) => strings[start]! >= 0xe0);
      view[cut]! += 1;
    });
    expect(structuralProblem(split)).toMatch(new RegExp(`string ${cut} starts inside a UTF-8 character`));
  });

  it('an edge end or a code outside its range', () => {
    expect(structuralProblem(editSection(graphFile, G.EDGE_TO, (v) => void (v[7] = 1_000_000)))).toMatch(/edge 7 joins nodes \d+ and 1000000, but the graph has \d+ nodes/);
    expect(structuralProblem(editSection(graphFile, G.NODE_KIND, (_, b) => void (b[3] = 200)))).toMatch(/node 3: kind code 200 is not a node kind/);
    expect(structuralProblem(editSection(graphFile, G.NODE_NAME, (v) => void (v[5] = -7)))).toMatch(/node 5: its name is string -7/);
  });

  it('adjacency that disagrees with the relations', () => {
    const swapped = editSection(graphFile, G.IN_EDGES, (v) => {
      const t = v[0]!;
      v[0] = v[v.length - 1]!;
      v[v.length - 1] = t;
    });
    expect(structuralProblem(swapped)).toMatch(/in-adjacency of node \d+ lists edge \d+, whose "to" is node \d+: the index disagrees with the relations/);
    const duplicated = editSection(graphFile, G.OUT_EDGES, (v) => void (v[1] = v[0]!));
    expect(structuralProblem(duplicated)).toMatch(/out-adjacency of node \d+ lists edge \d+ out of order|disagrees with the relations/);
    const offsets = editSection(graphFile, G.OUT_OFFSETS, (v) => void (v[v.length - 1] = v[v.length - 1]! + 1));
    expect(structuralProblem(offsets)).toMatch(/section "out\.offsets"|out-adjacency covers positions/);
  });

  it('an id table that loses a node, or has no free slot (a lookup would never end)', () => {
    const lost = editSection(graphFile, G.ID_SLOTS, (v) => {
      const i = v.findIndex((x, k) => k % 2 === 1 && x !== 0);
      v[i] = 0;
    });
    expect(structuralProblem(lost)).toMatch(/id table: the hash table holds \d+ nodes, not \d+/);
    const full = editSection(graphFile, G.ID_SLOTS, (v) => {
      for (let k = 1; k < v.length; k += 2) if (v[k] === 0) v[k] = 1;
    });
    expect(structuralProblem(full)).toMatch(/id table:/);
  });

  it('never reads out of bounds: random damage is refused or leaves every query answerable', () => {
    const rng = new Prng(99);
    let refused = 0;
    for (let trial = 0; trial < 150; trial++) {
      const bytes = graphFile.slice();
      for (let k = 0; k < 1 + rng.int(4); k++) bytes[rng.int(bytes.length)]! ^= 1 << rng.int(8);
      let core;
      try {
        core = readGraphCore(bytes, FILE);
      } catch (err) {
        expect(err).toBeInstanceOf(CoreFileError);
        refused++;
        continue;
      }
      // Accepted (the damage fell in text or padding): everything still answers within bounds.
      const index = new CoreGraphIndex(core);
      for (let v = 0; v < index.nodeCount; v += 97) {
        neighbourhood(index, v, { direction: 'both', depth: 2, maxNodes: 400 });
        closure(index, v, 'down');
        shortestPath(index, v, 0);
        index.nodeHead(v);
      }
      for (let e = 0; e < index.edgeCount; e += 101) index.relation(e);
    }
    expect(refused).toBeGreaterThan(30);
  });
});

describe('a damaged search core is refused; the graph stays usable', () => {
  it('names the file and what is wrong', async () => {
    const { index } = await loadCore(manifest, io.loadIo);
    const read = (bytes: Uint8Array) => () => readSearchCore(bytes, 'core/search.bin', index.nodeCount, index.kindCodes, () => '');
    const postings = editSection(searchFile, 6, (v) => void (v[3] = index.nodeCount + 5));
    expect(read(postings)).toThrow(/core\/search\.bin: posting 3 of term \d+ names node \d+/);
    const loop = editSection(searchFile, 12, (v) => void (v[2] = 4));
    expect(read(loop)).toThrow(/exact-match table: entry 2 links to entry 4/);
    expect(() => readSearchCore(searchFile, 'core/search.bin', index.nodeCount + 1, index.kindCodes, () => '')).toThrow(/indexes \d+ nodes, but the graph core has \d+/);
    // Through the loader, with the manifest's hash: a SnapshotError naming the file.
    const tampered = memoryCoreIo();
    for (const [p, b] of io.files) tampered.files.set(p, b);
    tampered.files.set('core/search.bin', postings);
    await expect(loadSearchCore(manifest.files[1]!, tampered.loadIo, index)).rejects.toThrow(/core\/search\.bin: SHA-256/);
    // The graph still answers.
    expect(neighbourhood(index, 0, { direction: 'both', depth: 1 }).nodes.length).toBeGreaterThan(0);
    const good = await loadSearchCore(manifest.files[1]!, io.loadIo, index);
    expect(rankNodes(good, nodes[10]!.id).hits[0]!.node).toBe(10);
  });
});

describe('a damaged details chunk is refused, naming it; nothing else changes', () => {
  it('refuses a chunk whose bytes changed, and keeps the rest readable', async () => {
    const tampered = memoryCoreIo();
    for (const [p, b] of io.files) tampered.files.set(p, b);
    const chunk = tampered.files.get('details/nodes-000001.json')!.slice();
    chunk[20]! ^= 1;
    tampered.files.set('details/nodes-000001.json', chunk);
    const { index, details } = await loadCore(manifest, tampered.loadIo);
    const inChunk1 = index.indexOf(nodes.find((n, i) => details.fileOf(i) === 'details/nodes-000001.json')!.id);
    await expect(details.node(inChunk1)).rejects.toThrow(/details\/nodes-000001\.json: SHA-256 .* given by core\/graph\.bin/);
    expect(await details.node(0)).toEqual(nodes[0]);
    expect(index.nodeHead(inChunk1).id).toBe(nodes[inChunk1]!.id);
    tampered.files.delete('details/nodes-000002.json');
    const inChunk2 = nodes.findIndex((_, i) => details.fileOf(i) === 'details/nodes-000002.json');
    await expect(details.node(inChunk2)).rejects.toThrow(/details\/nodes-000002\.json: was not found/);
  });

  it('refuses a chunk that hashes right but holds other nodes than the core says', async () => {
    // A writer bug or a forged pair: chunk 0 rewritten and its hash updated in the core.
    const original = io.files.get('details/nodes-000000.json')!;
    const text = new TextDecoder().decode(original).replace(`"${nodes[1]!.id}"`, '"someone:else"');
    const forged = encodeUtf8(text);
    const digest = sha256Bytes(forged);
    let core = editSection(graphFile, G.NODE_CHUNK_SHA256, (_, b) => b.set(digest, 0));
    core = editSection(core, G.NODE_CHUNK_BYTES, (v) => void (v[0] = forged.length));
    const files = new Map(io.files).set('details/nodes-000000.json', forged);
    const store = new DetailsStore(readGraphCore(core, FILE), { read: async (p) => files.get(p) ?? null, sha256: async (b) => sha256Hex(b), decodeUtf8: (b) => new TextDecoder().decode(b) });
    await expect(store.node(1)).rejects.toThrow(/details\/nodes-000000\.json: nodes\[1\] \("someone:else"\) differs in its id from node 1 of core\/graph\.bin/);
  });
});
