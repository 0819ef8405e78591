/**
 * What a page fetched, summed per file type: the raw bytes the server sent and what the same
 * bytes weigh gzip-compressed, as a server with gzip would send them. Pure figures over the
 * served files; bench/transfer-bytes.ts collects them.
 */
import { gzipSync } from 'node:zlib';

export interface Fetched {
  /** URL path as requested (query stripped). */
  readonly path: string;
  /** The body the server sent. */
  readonly body: Uint8Array;
}

/**
 * Extensions deploy/nginx/raireki.conf compresses (`gzip_types`: HTML, JavaScript, CSS,
 * JSON, plain text, WebAssembly, the binary snapshot cores, ONNX models). Anything else (the
 * literature index's binary vectors, encrypted files) goes as is.
 */
const COMPRESSED = new Set(['html', 'js', 'mjs', 'css', 'json', 'txt', 'wasm', 'bin', 'onnx']);
/** nginx's `gzip_min_length` in that configuration: smaller responses are sent as they are. */
const GZIP_MIN_LENGTH = 1024;

export interface Sizes {
  files: number;
  raw: number;
  /** zlib level 6 (gzip's and most servers' default). */
  gzip6: number;
  /** nginx as shipped (`gzip_comp_level` left at its default, 1). */
  nginx: number;
}

export function fileType(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === '' || !name.includes('.')) return 'html';
  return name.slice(name.lastIndexOf('.') + 1).toLowerCase();
}

export function sizesOf(f: Fetched): Sizes {
  const raw = f.body.byteLength;
  const compressible = COMPRESSED.has(fileType(f.path)) && raw >= GZIP_MIN_LENGTH;
  return {
    files: 1,
    raw,
    gzip6: compressible ? gzipSync(f.body, { level: 6 }).byteLength : raw,
    nginx: compressible ? gzipSync(f.body, { level: 1 }).byteLength : raw,
  };
}

function add(a: Sizes, b: Sizes): Sizes {
  return { files: a.files + b.files, raw: a.raw + b.raw, gzip6: a.gzip6 + b.gzip6, nginx: a.nginx + b.nginx };
}

const ZERO: Sizes = { files: 0, raw: 0, gzip6: 0, nginx: 0 };

/** Per file type, largest first, and the total. */
export function tally(fetched: readonly { path: string; sizes: Sizes }[]): { byType: [string, Sizes][]; total: Sizes } {
  const byType = new Map<string, Sizes>();
  for (const f of fetched) byType.set(fileType(f.path), add(byType.get(fileType(f.path)) ?? ZERO, f.sizes));
  const total = [...byType.values()].reduce(add, ZERO);
  return { byType: [...byType].sort((a, b) => b[1].raw - a[1].raw), total };
}

const kB = (n: number) => `${(n / 1000).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} kB`;

export function tallyTable(fetched: readonly { path: string; sizes: Sizes }[]): string {
  const { byType, total } = tally(fetched);
  const line = (name: string, s: Sizes) => `| ${name} | ${s.files} | ${kB(s.raw)} | ${kB(s.gzip6)} | ${kB(s.nginx)} |`;
  return [
    '| type | files | raw | gzip -6 | nginx as shipped (gzip 1) |',
    '|---|---:|---:|---:|---:|',
    ...byType.map(([t, s]) => line(t, s)),
    line('**total**', total),
  ].join('\n');
}

export function fileList(fetched: readonly { path: string; sizes: Sizes }[], minRaw = 10_000): string {
  return fetched
    .filter((f) => f.sizes.raw >= minRaw)
    .sort((a, b) => b.sizes.raw - a.sizes.raw)
    .map((f) => `  ${f.path.slice(f.path.lastIndexOf('/') + 1).padEnd(52)} ${kB(f.sizes.raw).padStart(13)} raw ${kB(f.sizes.gzip6).padStart(12)} gzip`)
    .join('\n');
}
