import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PartTable, coveredByTable, encodePartTable, isPartTableFile, listIndexFiles, partTableOf, tabulateParts } from './part-tables.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = (s: string) => new TextEncoder().encode(s);

describe('part tables', () => {
  it('name the table of a part, inside a folder too, and only for the canonical name of a known kind of part', () => {
    expect(partTableOf('docs/00003.json')).toEqual({ table: 'parts/docs.bin', folder: 'docs', index: 3 });
    expect(partTableOf('literature/lists/01952.bin')).toEqual({ table: 'literature/parts/lists.bin', folder: 'lists', index: 1952 });
    expect(partTableOf('postings/123456.bin')).toEqual({ table: 'parts/postings.bin', folder: 'postings', index: 123456 });
    expect(isPartTableFile('parts/docs.bin')).toBe(true);
    expect(isPartTableFile('literature/parts/lists.bin')).toBe(true);
    expect(isPartTableFile('parts/model.bin')).toBe(false);
    for (const other of ['docs/3.json', 'docs/00003.bin', 'docs/012345.json', 'model/00001.bin', 'docs.json', 'parts/docs.bin', 'literature/docs/00001.json.enc']) {
      expect(partTableOf(other)).toBeNull();
    }
  });

  it('hold each part’s size and SHA-256 in part order, 36 bytes a part', () => {
    const parts = ['[]', 'x'.repeat(70_000), ''].map(bytes);
    const table = new PartTable('parts/docs.bin', encodePartTable(parts.map((p) => ({ bytes: p.byteLength, sha256: sha(p) }))));
    expect(table.count).toBe(3);
    parts.forEach((p, i) => expect(table.entry(i)).toEqual({ bytes: p.byteLength, sha256: sha(p) }));
    expect(table.entry(3)).toBeUndefined();
    expect(() => new PartTable('parts/docs.bin', new Uint8Array(37))).toThrow('parts/docs.bin: 37 bytes is not a whole number of 36-byte entries');
  });

  it('replace the parts’ manifest entries by one table per folder, listed with the other files', async () => {
    const files = new Map([
      ['docs/00001.json', bytes('[{"id":"b"}]')],
      ['docs/00000.json', bytes('[{"id":"a"}]')],
      ['lists/00000.bin', new Uint8Array([1, 2, 3])],
      ['bm25-terms.json', bytes('["a"]')],
      ['model/raireki-model.json', bytes('{}')],
    ]);
    const listed = await listIndexFiles(files, async (b) => sha(b));
    expect(Object.keys(listed)).toEqual(['bm25-terms.json', 'model/raireki-model.json', 'parts/docs.bin', 'parts/lists.bin']);
    const docs = new PartTable('parts/docs.bin', files.get('parts/docs.bin')!);
    expect(listed['parts/docs.bin']).toEqual({ bytes: 72, sha256: sha(files.get('parts/docs.bin')!) });
    expect(docs.entry(1)).toEqual({ bytes: 12, sha256: sha(bytes('[{"id":"b"}]')) });
    expect(coveredByTable('docs/00001.json', (n) => files.has(n))).toBe(true);
    expect(coveredByTable('bm25-terms.json', (n) => files.has(n))).toBe(false);
    expect(coveredByTable('postings/00000.bin', (n) => files.has(n))).toBe(false);
  });

  it('refuse parts not numbered from 0 without a gap', () => {
    const entry = { bytes: 1, sha256: '0'.repeat(64) };
    expect(() => tabulateParts(new Map([['lists/00000.bin', entry], ['lists/00002.bin', entry]]))).toThrow('parts/lists.bin: lists/00001.bin is missing');
  });
});
