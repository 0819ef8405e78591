/** The graph benchmark's figures as a readable table: one row per measure, one column per size. */
import type { GraphFigures, QueryFigures } from './graph-figures.ts';
import { MB } from './stats.ts';

/** What V8's JSON.parse typically reaches on object-heavy JSON (DESIGN.md: "a few hundred MB/s"). */
export const TYPICAL_JSON_PARSE_MB_S = 300;

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '–');
const ms = (n: number) => (!Number.isFinite(n) ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n >= 1 ? n.toFixed(2) : n.toFixed(3));
const mbs = (bytes: number, t: number) => `${((bytes / MB) / (t / 1000)).toFixed(0)} MB/s`;
const q = (f: QueryFigures) => `${ms(f.medianMs)} / ${ms(f.p95Ms)}`;
const sizeLabel = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

export function formatGraphTable(all: readonly GraphFigures[]): string {
  const rows: [string, (f: GraphFigures) => string][] = [
    ['nodes / relations', (f) => `${int(f.nodes)} / ${int(f.relations)}`],
    ['graph files, size', (f) => `${f.files} files, ${(f.bytes / MB).toFixed(1)} MB`],
    ['integrity problems', (f) => String(f.problems)],
    ['machine load average before / after', (f) => `${f.loadAverage[0].toFixed(1)} / ${f.loadAverage[1].toFixed(1)}`],
    ['LOAD AND INDEX (ms)', () => ''],
    ['  readSnapshotDir', (f) => ms(f.load.readSnapshotMs)],
    ['  buildGraphIndex', (f) => ms(f.load.indexMs)],
    ['  CPU time, load + index', (f) => `${ms(f.load.readSnapshotCpuMs)} + ${ms(f.load.indexCpuMs)}`],
    ['  GC pauses, load + index', (f) => `${ms(f.load.readSnapshotGcMs)} + ${ms(f.load.indexGcMs)}`],
    ['  total (aim 100k: < 2000)', (f) => `${ms(f.load.totalMs)}${f.requested === 100_000 ? (f.load.totalMs < 2000 ? ' ✓' : ' ✗') : ''}`],
    ['  phase: read files', (f) => `${ms(f.phases.readMs)} (${mbs(f.bytes, f.phases.readMs)})`],
    ['  phase: SHA-256 (WebCrypto)', (f) => `${ms(f.phases.sha256Ms)} (${mbs(f.bytes, f.phases.sha256Ms)})`],
    ['  phase: UTF-8 decode', (f) => `${ms(f.phases.decodeMs)} (${mbs(f.bytes, f.phases.decodeMs)})`],
    ['  phase: JSON.parse', (f) => `${ms(f.phases.parseMs)} (${mbs(f.bytes, f.phases.parseMs)}, ${pct(f.bytes / MB / (f.phases.parseMs / 1000) / TYPICAL_JSON_PARSE_MB_S)} of ${TYPICAL_JSON_PARSE_MB_S})`],
    ['  phase: zod validation', (f) => `${ms(f.phases.validateMs)} (${f.phases.validateUsPerNode.toFixed(2)} µs/node, ${f.phases.validateUsPerRelation.toFixed(2)} µs/rel)`],
    ['  phase: buildGraphIndex', (f) => `${ms(f.phases.indexMs)} (${(((f.phases.indexMs * 1e6) / Math.max(1, f.nodes + f.edges))).toFixed(0)} ns/item)`],
    ['MEMORY after load + index', () => ''],
    ['  heap / array buffers / RSS (MiB)', (f) => `${int(f.memory.heapUsedMB)} / ${int(f.memory.externalMB)} / ${int(f.memory.rssMB)}`],
    ['  bytes per node (all)', (f) => int(f.memory.bytesPerNode)],
    ['  index: typed arrays / total added (MiB)', (f) => `${f.memory.indexArraysMB.toFixed(1)} / ${f.memory.indexDeltaMB.toFixed(1)}`],
    ['QUERIES median / p95 (ms)', () => ''],
    ['  neighbourhood d2, cap (aim 1M: < 50)', (f) => `${q(f.neighbourhood.capped)}, ${int(f.neighbourhood.capped.meanSize)} nodes${aim(f, f.neighbourhood.capped.p95Ms)}`],
    ['  neighbourhood d2, no cap', (f) => `${q(f.neighbourhood.uncapped)}, ${int(f.neighbourhood.uncapped.meanSize)} nodes`],
    ['  closure ↓ largest PHI dataset (objects/typed)', (f) => closureCell(f.closure.dataset)],
    ['  closure ↓ largest foundation model', (f) => closureCell(f.closure.foundation)],
    ['  shortest path (down→up→any)', (f) => `${q(f.path.auto)}, ${pct(f.path.foundFraction)} found`],
    ['  shortest path (any)', (f) => `${q(f.path.any)}, ${f.path.any.meanSize.toFixed(1)} hops`],
    ['  search index build', (f) => ('error' in f.search ? 'n/a' : ms(f.search.buildMs))],
    ['  search query, limit 20 (aim 1M: < 50)', (f) => ('error' in f.search ? 'n/a' : `${q(f.search.query)}, ${f.search.query.meanSize.toFixed(1)} hits${aim(f, f.search.query.p95Ms)}`)],
  ];
  const header = ['', ...all.map((f) => sizeLabel(f.requested))];
  const body = rows.map(([label, cell]) => [label, ...all.map(cell)]);
  const widths = header.map((_, c) => Math.max(...[header, ...body].map((r) => [...r[c]!].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const notes = all.flatMap((f) => ('error' in f.search ? [`search (${sizeLabel(f.requested)}): ${f.search.error}`] : []));
  return [line(header), ...body.map(line), ...notes].join('\n');
}

function closureCell(c: GraphFigures['closure']['dataset']): string {
  return `${int(c.rows)} rows, ${ms(c.objectsMs)}/${ms(c.columnsMs)} (${((c.columnsMs * 1e6) / Math.max(1, c.rows)).toFixed(0)} ns/row)`;
}

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const aim = (f: GraphFigures, p95: number) => (f.requested === 1_000_000 ? (p95 < 50 ? ' ✓' : ' ✗') : '');
