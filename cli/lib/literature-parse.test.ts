import { describe, expect, it } from 'vitest';
import { csvRows, parseCorpusFile, parseCsvCorpus, parseIdentifiers, parseJsonlCorpus } from './literature-parse.ts';

describe('JSONL corpora', () => {
  it('reads BEIR corpus lines and richer records', () => {
    const { docs, problems } = parseJsonlCorpus(
      [
        '{"_id":"d1","title":"Insulin","text":"Lowers glucose."}',
        '{"id":"d2","title":"肺炎","abstract":"抗菌薬で治療した。","source":"Sample J","year":"2021","identifiers":{"DOI":"10.1/x"}}',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(docs).toEqual([
      { id: 'd1', title: 'Insulin', text: 'Lowers glucose.' },
      { id: 'd2', title: '肺炎', text: '抗菌薬で治療した。', source: 'Sample J', year: 2021, identifiers: { doi: '10.1/x' } },
    ]);
  });

  it('reports corrupt and empty records by line and indexes the rest', () => {
    const text = [
      '{"_id":"a","text":"first"}',
      '{"_id":"b","text":',
      '',
      '[1,2]',
      '{"_id":"c","title":"","text":"  "}',
      '{"_id":"a","text":"again"}',
      '{"_id":"d","text":"last","year":"soon"}',
    ].join('\n');
    const { docs, problems, lines } = parseJsonlCorpus(text);
    expect(docs.map((d) => d.id)).toEqual(['a', 'd']);
    expect(lines).toEqual([1, 7]);
    expect(problems.map((p) => p.line)).toEqual([2, 4, 5, 6, 7]);
    expect(problems[0]!.message).toMatch(/not valid JSON/);
    expect(problems[1]!.message).toMatch(/not a JSON object/);
    expect(problems[2]!.message).toMatch(/empty record/);
    expect(problems[3]!.message).toMatch(/duplicate id "a"/);
    expect(problems[4]!.message).toMatch(/year "soon"/);
    expect(docs[1]!.year).toBeUndefined();
  });

  it('gives records without an id one from their line', () => {
    expect(parseJsonlCorpus('\n{"title":"x"}').docs[0]!.id).toBe('line-2');
  });
});

describe('CSV corpora', () => {
  it('handles quotes, doubled quotes, commas and newlines inside fields', () => {
    expect(csvRows('a,b\r\n"x, ""y""","multi\nline"\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, "y"', 'multi\nline'] },
    ]);
  });

  it('maps columns and reports rows by the line they start on', () => {
    const csv = [
      'Title,Abstract,Source,Year,Identifiers',
      'Insulin,"Lowers glucose,\nin short.",J1,2020,doi:10.1/a; pmid:99',
      'Broken,row',
      ',,J3,2022,',
      'CT,肺炎を認めた,J4,2023,',
    ].join('\n');
    const { docs, problems } = parseCsvCorpus(csv);
    expect(docs.map((d) => d.title)).toEqual(['Insulin', 'CT']);
    expect(docs[0]).toMatchObject({ text: 'Lowers glucose,\nin short.', source: 'J1', year: 2020, identifiers: { doi: '10.1/a', pmid: '99' } });
    expect(problems).toEqual([
      { line: 4, message: '2 fields, the header has 5' },
      { line: 5, message: 'empty record: no title and no text/abstract' },
    ]);
  });

  it('refuses a file without a usable header', () => {
    expect(parseCsvCorpus('foo,bar\n1,2').problems[0]!.message).toMatch(/no title, abstract or text column/);
  });

  it('reports an unclosed quote', () => {
    expect(parseCsvCorpus('title\n"never closed\n').problems[0]).toMatchObject({ line: 2, message: expect.stringMatching(/never closed/) });
  });

  it('chooses the parser by file name', () => {
    expect(parseCorpusFile('x.CSV', 'title\nA').docs[0]!.title).toBe('A');
    expect(parseCorpusFile('corpus.jsonl', '{"title":"B"}').docs[0]!.title).toBe('B');
  });
});

describe('identifiers', () => {
  it('accepts "scheme:value" lists and objects', () => {
    expect(parseIdentifiers('DOI:10.1/a | pmid: 5')).toEqual({ doi: '10.1/a', pmid: '5' });
    expect(parseIdentifiers({ pmid: 5 })).toEqual({ pmid: '5' });
    expect(parseIdentifiers('nothing')).toBeUndefined();
  });
});

describe('a corpus file read from disk line by line', () => {
  it('gives what parsing the whole text gives: records, line numbers of problems, a byte-order mark skipped', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readCorpusFile } = await import('./literature-node-io.ts');
    const text = '\uFEFF{"id":"a","title":"メトホルミン","abstract":"腎機能で減量する。"}\nnot json\n\n{"id":"a","title":"dup"}\n{"id":"b","title":"Insulin"}';
    const dir = await mkdtemp(join(tmpdir(), 'raireki-corpus-'));
    try {
      await writeFile(join(dir, 'c.jsonl'), text);
      const read = await readCorpusFile(join(dir, 'c.jsonl'));
      expect(read).toEqual(parseJsonlCorpus(text));
      expect(read.docs.map((d) => d.id)).toEqual(['a', 'b']);
      expect(read.problems.map((p) => p.line)).toEqual([2, 4]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
