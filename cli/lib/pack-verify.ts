/**
 * Checks a role's pack folder as the app will: signature against the trusted public key(s),
 * then every file's size and SHA-256 (after decryption when a passphrase file is given),
 * details chunks included. For
 * operators after copying packs to a server, and for CI.
 *
 *   npx tsx cli/lib/pack-verify.ts <pack dir> --public-key <file> [--passphrase-file <file>]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatProblem, SnapshotError, type Relation, type SnapshotNode } from '../../src/core/format/index.ts';
import { loadSearchCore } from '../../src/core/columnar/index.ts';
import { openPack, packContents, parseTrustedKeys, type OpenedPack } from '../../src/platform/index.ts';

/**
 * Opens the pack and reads every file the app could read: graph files, or the graph core,
 * the search core and every details chunk, each checked against what the signature covers.
 */
export async function verifyPackDir(dir: string, publicKeyJson: string, passphrase?: string): Promise<OpenedPack & { contents: { nodes: SnapshotNode[]; relations: Relation[] } }> {
  const read = async (path: string) => (existsSync(join(dir, path)) ? new Uint8Array(readFileSync(join(dir, path))) : null);
  const opened = await openPack({ read, trustedKeys: await parseTrustedKeys(publicKeyJson), passphrase: passphrase === undefined ? undefined : async () => passphrase });
  const { snapshot } = opened;
  if (snapshot.layout === 'binary' && snapshot.core.search) await loadSearchCore(snapshot.core.search, snapshot.io, snapshot.core.index);
  return { ...opened, contents: await packContents(snapshot) };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { 'public-key': { type: 'string' }, 'passphrase-file': { type: 'string' } }, allowPositionals: true });
  const dir = positionals[0];
  if (!dir || !values['public-key']) throw new Error('usage: npx tsx cli/lib/pack-verify.ts <pack dir> --public-key <file> [--passphrase-file <file>]');
  const passphrase = values['passphrase-file'] ? readFileSync(values['passphrase-file'], 'utf8').replace(/\r?\n$/, '') : undefined;
  const { pack, snapshot, contents, keyId } = await verifyPackDir(dir, readFileSync(values['public-key'], 'utf8'), passphrase);
  console.log(`ok: ${pack.role} pack (${snapshot.layout} layout), ${contents.nodes.length} nodes, ${contents.relations.length} relations, built by ${pack.builtBy} at ${pack.builtAt}, signed by key ${keyId}${pack.encryption ? ', encrypted' : ''}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    if (err instanceof SnapshotError) console.error(`refused: ${err.problems.map(formatProblem).join('\n')}`);
    else console.error(`refused: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
