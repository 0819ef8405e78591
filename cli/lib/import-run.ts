/**
 * `npm run import`: files and folders in other formats → a snapshot folder (manifest with
 * hashes + graph files) that the app and `npm run pack` open. The conversion is the same
 * core code the browser worker runs; this module adds the file system: walking folders,
 * streaming large NDJSON files line by line (a 1M-event log does not fit in one string),
 * progress, and writing the output so that the same input gives the same bytes.
 */
import { closeSync, createReadStream, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import type { Classification } from '../../src/core/format/index.ts';
import type { SnapshotLayout } from '../../src/core/pack/index.ts';
import { createImportSession, importedSnapshotInfo, MAX_DOCUMENT_BYTES, formatIssue, FORMAT_LABELS, type ImportReport, type ImportSession, type InteropFormat } from '../../src/core/interop/index.ts';
import { sha256Hex, writeSnapshotDir, type GraphChunk } from './snapshot-files.ts';
import { progressBar, type ProgressBar } from './literature-progress.ts';
import { folderBytes } from './folder-files.ts';

/** Files at least this large are read line by line when they are NDJSON. */
const STREAM_BYTES = 32 * 1024 * 1024;
/** Per graph file, as the pack builder writes them (a browser cannot hold one huge JSON string). */
const NODES_PER_FILE = 50_000;
const RELATIONS_PER_FILE = 100_000;
/** Issues printed per severity before pointing at the report file. */
const MAX_PRINTED = 30;
/** Names of files that are never lineage: skipped quietly when walking folders. */
const IGNORED = /^(\.|LICENSE|NOTICE|COPYING)|\.(png|jpe?g|gif|svg|ico|pdf|zip|gz|tar|bin|safetensors|gguf|onnx|xml|xsd|csv|tsv|txt|py|ts|js)$/i;

export interface ImportArgs {
  inputs: string[];
  out: string;
  aliases?: string;
  classification?: Classification;
  /** Graph files, the binary layout the app opens fastest, or both (default). */
  layout?: SnapshotLayout;
  /** Print nothing but errors (tests, benchmarks). */
  quiet?: boolean;
}

export interface ImportRunResult {
  report: ImportReport;
  nodes: number;
  relations: number;
  /** Bytes written (every file of the snapshot folder). */
  bytes: number;
}


/** Every file below the inputs, in a stable order (folders walked in name order). */
export function listInputFiles(inputs: readonly string[]): { path: string; shown: string }[] {
  const out: { path: string; shown: string }[] = [];
  const walk = (dir: string, root: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full, root);
      else if (!IGNORED.test(name)) out.push({ path: full, shown: join(basename(root), relative(root, full)) });
    }
  };
  for (const input of inputs) {
    const st = statSync(input);
    if (st.isDirectory()) walk(input, input);
    else out.push({ path: input, shown: basename(input) });
  }
  return out;
}

export async function runImport(args: ImportArgs): Promise<ImportRunResult> {
  const session = createImportSession(args.classification ? { defaultClassification: args.classification } : {});
  const bar = args.quiet ? null : progressBar();
  const files = listInputFiles(args.inputs);
  if (args.aliases) files.unshift({ path: args.aliases, shown: basename(args.aliases) });
  let done = 0;
  for (const f of files) {
    await addPath(session, f.path, f.shown, bar, ++done, files.length);
  }
  bar?.done();
  const { nodes, relations, report } = session.finish();
  if (nodes.length === 0) return { report, nodes: 0, relations: 0, bytes: 0 };

  const contentId = sha256Hex(JSON.stringify({ nodes, relations }));
  const info = importedSnapshotInfo(nodes, relations, report, contentId);
  const count = Math.max(1, Math.ceil(nodes.length / NODES_PER_FILE), Math.ceil(relations.length / RELATIONS_PER_FILE));
  const chunks: GraphChunk[] = [];
  for (let i = 0; i < count; i++) {
    const nodesPer = Math.ceil(nodes.length / count);
    const relationsPer = Math.ceil(relations.length / count);
    chunks.push({
      path: count === 1 ? 'graph.json' : `graph-${String(i + 1).padStart(4, '0')}.json`,
      nodes: nodes.slice(i * nodesPer, (i + 1) * nodesPer),
      relations: relations.slice(i * relationsPer, (i + 1) * relationsPer),
    });
  }
  writeSnapshotDir(args.out, info, chunks, nodes.length <= 5_000, args.layout ?? 'both');
  writeFileSync(join(args.out, 'import-report.json'), JSON.stringify(report, null, 1) + '\n');
  const bytes = folderBytes(args.out);
  return { report, nodes: nodes.length, relations: relations.length, bytes };
}

async function addPath(session: ImportSession, path: string, shown: string, bar: ProgressBar | null, n: number, total: number): Promise<void> {
  const size = statSync(path).size;
  if (size >= STREAM_BYTES && startsLikeNdjson(path)) {
    await streamLines(session, path, shown, size, bar);
    return;
  }
  if (size > MAX_DOCUMENT_BYTES) {
    session.skip({ file: shown }, `is ${(size / 2 ** 20).toFixed(0)} MiB, more than the ${MAX_DOCUMENT_BYTES / 2 ** 20} MiB read in one piece: write it as NDJSON (one record a line), which is streamed`);
    return;
  }
  bar?.update('reading', n, total);
  const bytes = readFileSync(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    session.addUndecodable(shown);
    return;
  }
  session.addFile(shown, text);
}

/** An `.ndjson`/`.jsonl` file, or one whose first line is a whole JSON object. */
function startsLikeNdjson(path: string): boolean {
  if (/\.(ndjson|jsonl)$/i.test(path)) return true;
  const first = peekFirstLine(path).trim();
  return first.startsWith('{') && first.endsWith('}');
}

function peekFirstLine(path: string): string {
  const buf = Buffer.alloc(1 << 16);
  const fd = openSync(path, 'r');
  try {
    const text = buf.subarray(0, readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    const nl = text.indexOf('\n');
    return nl < 0 ? '' : text.slice(0, nl);
  } finally {
    closeSync(fd);
  }
}

async function streamLines(session: ImportSession, path: string, shown: string, size: number, bar: ProgressBar | null): Promise<void> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  let seen: InteropFormat | null = null;
  const label = shown.length > 24 ? `…${shown.slice(-23)}` : shown;
  for await (const text of lines) {
    line++;
    const format = session.addLine(shown, line, text);
    seen ??= format;
    if (bar && (line & 0x3fff) === 0) bar.update(label, stream.bytesRead, size);
  }
  if (seen) session.draft.count(seen, 'files');
  bar?.update(label, size, size);
}

/** What the CLI prints: per format what was read and made, merges, and what was not mapped. */
export function describeReport(result: ImportRunResult, out: string): string[] {
  const { report } = result;
  const lines: string[] = [];
  for (const [format, c] of Object.entries(report.formats) as [InteropFormat, NonNullable<ImportReport['formats'][InteropFormat]>][]) {
    const made = Object.entries(c.made)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ');
    lines.push(`${FORMAT_LABELS[format]}: ${c.files} file(s), ${c.records} record(s)${made ? ` → ${made}` : ''}`);
  }
  if (report.merged.length) {
    lines.push(`merged: ${report.merged.length} node(s) described by more than one source, e.g.`);
    for (const m of report.merged.slice(0, 5)) lines.push(`  ${m.id} ← ${m.from.join(', ')}`);
  }
  for (const s of report.skipped.slice(0, MAX_PRINTED)) lines.push(`skipped: ${s.file}${s.line ? `:${s.line}` : ''}: ${s.message}`);
  if (report.skipped.length > MAX_PRINTED) lines.push(`… ${report.skipped.length - MAX_PRINTED} more skipped files`);
  for (const severity of ['error', 'unmapped', 'note'] as const) {
    const of = report.issues.filter((i) => i.severity === severity);
    const more = (report.issuesNotListed[severity] ?? 0) + Math.max(0, of.length - MAX_PRINTED);
    for (const i of of.slice(0, MAX_PRINTED)) lines.push(formatIssue(i));
    if (more > 0) lines.push(`… ${more} more ${severity} items (see ${join(out, 'import-report.json')})`);
  }
  lines.push(result.nodes > 0 ? `wrote ${result.nodes} nodes and ${result.relations} relations to ${out} (${(result.bytes / 1e6).toFixed(1)} MB)` : 'nothing could be imported; nothing written');
  return lines;
}
