/** `npm run compile` of one snapshot in its own process, printing its peak memory (bench/generated-snapshots.ts). */
import { readFileSync } from 'node:fs';
import { compileSnapshot } from '../cli/compile.ts';

const [src, out] = process.argv.slice(2);
await compileSnapshot(src!, out!, 'binary');
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
console.log(`peakMiB=${hwm ? Number(hwm) / 1024 : NaN}`);
