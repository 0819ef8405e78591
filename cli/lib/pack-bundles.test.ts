/**
 * A role's pack with a partitioned literature index carries bundles of its own stored
 * parts (core/search/part-bundles.ts): in an encrypted pack the sealed copies, whose sizes
 * are signed (and sealed) in the pack manifest, and which the leak scan opens part by part.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LITERATURE_DIR } from '../../src/core/pack/index.ts';
import { bundleOffsets } from '../../src/core/search/part-bundles.ts';
import { partFile, type PartFolder } from '../../src/core/search/part-tables.ts';
import { deriveKey, generateSigningKeyPair, packFileReader } from '../../src/platform/index.ts';
import type { Manifest } from '../../src/core/format/index.ts';
import { buildPacks } from './pack-build.ts';
import { packPlaintexts } from './pack-leak-scan.ts';

const PASSPHRASE = 'bundles 来歴';

describe('bundles in role packs', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'raireki-pack-bundles-'));
    const key = await generateSigningKeyPair();
    await buildPacks({
      policyPath: 'policy/default-policy.json', snapshotDir: 'public/snapshots/sample', outDir: tmp, privateKeyPem: key.privateKeyPem, roles: ['auditor', 'researcher'],
      passphrases: { researcher: PASSPHRASE }, iterations: 1000, builtBy: 'bundles test',
      literature: { corpusPath: 'fixtures/literature/corpus.jsonl', modelDir: 'public/literature/sample/model', partitioned: { listRows: 16 } },
    });
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const file = (role: string, path: string) => new Uint8Array(readFileSync(join(tmp, role, path)));

  it('hold each folder\'s stored parts back to back: the plain parts in a plain pack, the sealed copies in an encrypted one', () => {
    for (const [role, suffix] of [['auditor', ''], ['researcher', '.enc']] as const) {
      const signed = (JSON.parse(readFileSync(join(tmp, role, 'manifest.json'), 'utf8')) as Manifest).files.map((f) => f.path);
      for (const folder of ['lists', 'postings', 'docs'] as PartFolder[]) {
        // The sizes are signed; the bundle is not (each part out of it is checked against its signed table).
        expect(signed).toContain(`${LITERATURE_DIR}bundles/${folder}.sizes`);
        expect(signed).not.toContain(`${LITERATURE_DIR}bundles/${folder}.parts`);
        const bundle = file(role, `${LITERATURE_DIR}bundles/${folder}.parts`);
        const sizesPath = `${LITERATURE_DIR}bundles/${folder}.sizes`;
        if (suffix) expect(existsSync(join(tmp, role, sizesPath))).toBe(false);
        else {
          const at = bundleOffsets(sizesPath, file(role, sizesPath));
          for (let i = 0; i + 1 < at.length; i++) expect(bundle.subarray(at[i]!, at[i + 1]!)).toEqual(file(role, LITERATURE_DIR + partFile(folder, i)));
        }
        let total = 0;
        for (let i = 0; existsSync(join(tmp, role, LITERATURE_DIR + partFile(folder, i) + suffix)); i++) total += file(role, LITERATURE_DIR + partFile(folder, i) + suffix).length;
        expect(bundle.length).toBe(total);
      }
    }
  });

  it('opens a sealed part read out of an encrypted pack\'s bundle, and refuses one bound to another part\'s path', async () => {
    const manifest = JSON.parse(readFileSync(join(tmp, 'researcher', 'manifest.json'), 'utf8')) as Manifest;
    const enc = manifest.pack!.encryption!;
    const read = packFileReader(async (p) => (existsSync(join(tmp, 'researcher', p)) ? file('researcher', p) : null), {
      role: 'researcher', files: manifest.files, encryption: enc, key: await deriveKey(PASSPHRASE, enc.kdf),
    });
    const at = bundleOffsets('sizes', await read(`${LITERATURE_DIR}bundles/lists.sizes`));
    const bundle = file('researcher', `${LITERATURE_DIR}bundles/lists.parts`);
    const second = bundle.subarray(at[1]!, at[2]!);
    expect(await read.openPart(`${LITERATURE_DIR}${partFile('lists', 1)}`, second)).toEqual(await read(`${LITERATURE_DIR}${partFile('lists', 1)}`));
    await expect(read.openPart(`${LITERATURE_DIR}${partFile('lists', 2)}`, second)).rejects.toThrow();
  });

  it('are scanned for leaks opened part by part, so the scan reads the documents they hold', async () => {
    const files = await packPlaintexts(join(tmp, 'researcher'), PASSPHRASE);
    const docsBundle = files.find((f) => f.path === `${LITERATURE_DIR}bundles/docs.parts`)!;
    const firstBlock = files.find((f) => f.path === `${LITERATURE_DIR}${partFile('docs', 0)}.enc`)!;
    expect(firstBlock.text.startsWith('[')).toBe(true);
    expect(docsBundle.text.startsWith(firstBlock.text)).toBe(true);
  });
});
