/** The files of a folder tree, for the tools and their tests: a binary snapshot is a tree (core/, details/). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below `dir` as a path relative to it (`/` between folders), sorted; none when it does not exist. */
export function filesUnder(dir: string): string[] {
  const walk = (at: string, prefix: string): string[] =>
    readdirSync(at, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(at, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
  return existsSync(dir) ? walk(dir, '').sort() : [];
}

/** Bytes of every file below `dir`. */
export function folderBytes(dir: string): number {
  return filesUnder(dir).reduce((n, path) => n + statSync(join(dir, path)).size, 0);
}
