/** Arguments of `npm run import` (cli/import.ts). */
import { CLASSIFICATIONS, type Classification } from '../../src/core/format/index.ts';
import type { ImportArgs } from './import-run.ts';
import type { SnapshotLayout } from '../../src/core/pack/index.ts';

export const IMPORT_USAGE =
  'usage: npm run import -- <files or folders>… --out <snapshot dir> [--aliases <file>] [--classification public|internal|restricted|phi] [--layout both|json|binary] [--quiet]';

export function parseImportArgs(argv: readonly string[]): ImportArgs {
  const inputs: string[] = [];
  let out: string | undefined;
  let aliases: string | undefined;
  let classification: Classification | undefined;
  let quiet = false;
  let layout: SnapshotLayout = 'both';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--out') out = value();
    else if (a === '--aliases') aliases = value();
    else if (a === '--classification') {
      const v = value();
      if (!(CLASSIFICATIONS as readonly string[]).includes(v)) throw new UsageError(`--classification must be one of ${CLASSIFICATIONS.join(', ')}`);
      classification = v as Classification;
    } else if (a === '--layout') {
      const v = value();
      if (v !== 'both' && v !== 'json' && v !== 'binary') throw new UsageError('--layout must be both, json or binary');
      layout = v;
    } else if (a === '--quiet') quiet = true;
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else inputs.push(a);
  }
  if (!out) throw new UsageError('--out <snapshot dir> is required');
  if (inputs.length === 0) throw new UsageError('name at least one file or folder to import');
  return { inputs, out, ...(aliases ? { aliases } : {}), ...(classification ? { classification } : {}), layout, quiet };
}

export class UsageError extends Error {}

