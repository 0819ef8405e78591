/**
 * Writes a deterministic synthetic snapshot folder (manifest.json + graph-NNNN.json):
 *
 *   npm run gen:snapshot -- --nodes 100000 --seed 1 [--out .tmp/snapshots/gen-100000-1] [--pretty]
 *
 * Graph files hold at most 100,000 nodes each, with each relation in the file of its
 * `from` node, which keeps every file far below V8's maximum string length even for a
 * million nodes. The same seed and size always give byte-identical files.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Manifest, Relation, SnapshotNode } from '../src/core/format/index.ts';
import { generateSnapshot, MIN_GENERATED_NODES } from '../src/testing/generate-snapshot.ts';
import { writeSnapshotDir, type GraphChunk } from './lib/snapshot-files.ts';

export const MAX_NODES_PER_FILE = 100_000;

export interface GeneratedDir {
  manifest: Manifest;
  nodeCount: number;
  relationCount: number;
  generateMs: number;
  writeMs: number;
}

/** Generates and writes a snapshot; used by this command and by the benchmarks. */
export function writeGeneratedSnapshot(outDir: string, opts: { nodes: number; seed: number; models?: number; pretty?: boolean }): GeneratedDir {
  const t0 = performance.now();
  const { nodes, relations } = generateSnapshot({ nodes: opts.nodes, seed: opts.seed, ...(opts.models === undefined ? {} : { models: opts.models }) });
  const t1 = performance.now();
  const manifest = writeSnapshotDir(
    outDir,
    {
      id: `gen-${opts.nodes}-${opts.seed}${opts.models === undefined ? '' : `-m${opts.models}`}`,
      title: { en: `Generated lineage (${opts.nodes} nodes, seed ${opts.seed})`, ja: `生成された来歴（${opts.nodes}ノード、シード${opts.seed}）` },
      description: { en: 'Synthetic hospital medical-AI lineage for tests and benchmarks.', ja: 'テストとベンチマーク用の合成された病院の医療AI来歴。' },
      // Fixed, so that the manifest too is the same on every run.
      createdAt: '2025-10-01T00:00:00Z',
      generator: 'raireki gen-snapshot',
      startNode: startNodeOf(nodes),
    },
    chunkGraph(nodes, relations, MAX_NODES_PER_FILE),
    opts.pretty ?? false,
  );
  return { manifest, nodeCount: nodes.length, relationCount: relations.length, generateMs: t1 - t0, writeMs: performance.now() - t1 };
}

/** Where the explorer opens: a fine-tuned model shows lineage both ways (base and data up, usage down). */
function startNodeOf(nodes: SnapshotNode[]): string {
  return (nodes.find((n) => n.kind === 'model' && n.subtype === 'finetuned') ?? nodes.find((n) => n.kind === 'model') ?? nodes[0]!).id;
}

/** Splits nodes into as few files as hold at most `perFile` each, evenly, each relation going with its `from` node. */
export function chunkGraph(nodes: SnapshotNode[], relations: Relation[], perFile: number): GraphChunk[] {
  const chunkCount = Math.max(1, Math.ceil(nodes.length / perFile));
  // Even sizes: 100,002 nodes make two files of 50,001, not 100,000 and 2.
  const size = Math.max(1, Math.ceil(nodes.length / chunkCount));
  const chunks: GraphChunk[] = Array.from({ length: chunkCount }, (_, i) => ({
    path: `graph-${String(i).padStart(4, '0')}.json`,
    nodes: nodes.slice(i * size, (i + 1) * size),
    relations: [],
  }));
  const chunkOf = new Map<string, number>();
  nodes.forEach((n, i) => chunkOf.set(n.id, Math.floor(i / size)));
  for (const r of relations) chunks[chunkOf.get(r.from) ?? 0]!.relations.push(r);
  return chunks;
}

const USAGE = `usage: npm run gen:snapshot -- --nodes <count> [--seed <integer>] [--models <count>] [--out <folder>] [--pretty]

  --nodes   about how many nodes to generate (at least ${MIN_GENERATED_NODES}; 1000 … 1000000 typical)
  --seed    seed of the random generator (default 1); the same seed gives identical files
  --models  how many models (default: 4 per 10,000 nodes); e.g. --models 10000 --nodes 100000 for the map view
  --out     folder to write (default .tmp/snapshots/gen-<nodes>-<seed>)
  --pretty  indent the graph files (for reading small snapshots)`;

interface Args {
  nodes: number;
  seed: number;
  models?: number;
  out: string;
  pretty: boolean;
}

export function parseArgs(argv: readonly string[]): Args | { error: string } | { help: true } {
  let nodes: number | undefined;
  let seed = 1;
  let models: number | undefined;
  let out: string | undefined;
  let pretty = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--help':
      case '-h':
        return { help: true };
      case '--pretty':
        pretty = true;
        break;
      case '--nodes': {
        const v = value();
        nodes = parseCount(v);
        if (nodes === undefined || nodes < MIN_GENERATED_NODES) return { error: `--nodes needs a whole number of at least ${MIN_GENERATED_NODES}, got ${JSON.stringify(v ?? '')}` };
        break;
      }
      case '--models': {
        const v = value();
        models = parseCount(v);
        if (models === undefined || models < 1) return { error: `--models needs a whole number of at least 1, got ${JSON.stringify(v ?? '')}` };
        break;
      }
      case '--seed': {
        const v = value();
        if (v === undefined || !/^-?\d+$/.test(v)) return { error: `--seed needs an integer, got ${JSON.stringify(v ?? '')}` };
        seed = Number(v);
        break;
      }
      case '--out': {
        const v = value();
        if (!v) return { error: '--out needs a folder' };
        out = v;
        break;
      }
      default:
        return { error: `unknown argument ${JSON.stringify(arg)}` };
    }
  }
  if (nodes === undefined) return { error: '--nodes is required' };
  return { nodes, seed, ...(models === undefined ? {} : { models }), out: out ?? join('.tmp', 'snapshots', `gen-${nodes}-${seed}${models === undefined ? '' : `-m${models}`}`), pretty };
}

/** "100000", "100_000", "100k", "1M". */
function parseCount(v: string | undefined): number | undefined {
  const m = v ? /^(\d[\d_]*)([kKmM]?)$/.exec(v) : null;
  if (!m) return undefined;
  const scale = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2]!]!;
  return Number(m[1]!.replaceAll('_', '')) * scale;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if ('help' in args) {
    console.log(USAGE);
    return;
  }
  if ('error' in args) {
    console.error(`gen-snapshot: ${args.error}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const result = writeGeneratedSnapshot(args.out, args);
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  for (const f of result.manifest.files) console.log(`  ${join(args.out, f.path)}  ${mb(f.bytes)} MB`);
  const total = result.manifest.files.reduce((s, f) => s + f.bytes, 0);
  console.log(
    `wrote ${join(args.out, 'manifest.json')}: ${result.nodeCount.toLocaleString('en')} nodes, ${result.relationCount.toLocaleString('en')} relations, ` +
      `${result.manifest.files.length} graph files, ${mb(total)} MB (generated in ${(result.generateMs / 1000).toFixed(2)} s, written in ${(result.writeMs / 1000).toFixed(2)} s)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
