import { describe, expect, it } from 'vitest';
import { ImportSession } from './import-session.ts';
import type { FormatModule } from './format-module.ts';
import { raireki } from './raireki/index.ts';
import { importedSnapshotInfo } from './snapshot-info.ts';

/** A stand-in format: `{"thing": id}` records become datasets; `.thing` text files one dataset per line. */
const things: FormatModule = {
  format: 'openlineage',
  matchesJson: (v) => typeof v.thing === 'string',
  matchesText: (path) => path.endsWith('.thing'),
  createReader(draft) {
    const seen: string[] = [];
    return {
      readJson(v, place) {
        if (v.thing === 'boom') throw new Error('a bug in the module');
        seen.push(v.thing as string);
        draft.node({ id: v.thing as string, kind: 'dataset' }, 'things', place);
      },
      readText(text, place) {
        for (const id of text.split('\n').filter(Boolean)) draft.node({ id, kind: 'dataset' }, 'things', place);
      },
      finish() {
        // Readers may write what they folded at the end.
        if (seen.length > 1) draft.relation({ type: 'wasDerivedFrom', from: seen[1]!, to: seen[0]! });
      },
    };
  },
};

const ids = (s: ImportSession) => s.finish().nodes.map((n) => n.id);

describe('ImportSession', () => {
  it('reads a JSON document, a JSON array of records, NDJSON and a recognised text file', () => {
    const s = new ImportSession([things]);
    s.addFile('one.json', '{"thing": "a"}');
    s.addFile('list.json', '[{"thing": "b"}, {"thing": "c"}]');
    s.addFile('log.ndjson', '{"thing": "d"}\n{"thing": "e"}\n');
    s.addFile('x.thing', 'f\ng\n');
    const { nodes, relations, report } = s.finish();
    expect(nodes.map((n) => n.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(relations).toEqual([{ type: 'wasDerivedFrom', from: 'b', to: 'a' }]);
    expect(report.formats.openlineage).toMatchObject({ files: 4, records: 5 });
  });

  it('reports a truncated NDJSON line with its line number and imports the other lines', () => {
    const s = new ImportSession([things]);
    s.addFile('log.ndjson', '{"thing": "a"}\n{"thing": "b"\n{"thing": "c"}\n');
    const { nodes, report } = s.finish();
    expect(nodes.map((n) => n.id)).toEqual(['a', 'c']);
    expect(report.issues).toEqual([{ severity: 'error', file: 'log.ndjson', line: 2, message: 'the line ends early (truncated?); the line is left out' }]);
  });

  it('says which file is not JSON (line and column), not UTF-8, or no known format, and keeps the rest', () => {
    const s = new ImportSession([things]);
    s.addFile('ok.json', '{"thing": "a"}');
    s.addFile('broken.json', '{\n  "thing": "a",,\n}');
    s.addUndecodable('weights.json');
    s.addFile('notes.txt', 'hello');
    s.addFile('other.json', '{"kind": "something"}');
    const { nodes, report } = s.finish();
    expect(nodes.map((n) => n.id)).toEqual(['a']);
    expect(report.skipped.map((x) => `${x.file}${x.line ? `:${x.line}` : ''} ${x.message}`)).toEqual([
      'broken.json:2 not valid JSON: expected a key in double quotes (column 16)',
      'weights.json is not UTF-8 text (a binary file?)',
      'notes.txt is none of the formats Raireki imports (OpenLineage, PROV-JSON, Hugging Face card or Hub JSON, CycloneDX, Raireki snapshot)',
    ]);
    expect(report.issues.map((i) => `${i.file} ${i.message}`)).toEqual(['other.json a JSON object of no format Raireki imports (its keys: "kind")']);
  });

  it('reports a module that fails on a record at that record, and goes on', () => {
    const s = new ImportSession([things]);
    s.addFile('list.json', '[{"thing": "boom"}, {"thing": "b"}]');
    const { nodes, report } = s.finish();
    expect(nodes.map((n) => n.id)).toEqual(['b']);
    expect(report.issues[0]).toMatchObject({ severity: 'error', file: 'list.json', path: '[0]', message: 'could not be read: a bug in the module' });
  });

  it('reads Raireki graph files and alias files, checking each item', () => {
    const s = new ImportSession([raireki, things]);
    s.addFile('graph.json', JSON.stringify({
      format: 'raireki-snapshot',
      version: 1,
      nodes: [
        { id: 'dataset:guidelines', kind: 'dataset', name: 'Guidelines', classification: 'public' },
        { id: 'bad', kind: 'model', classification: 'public' },
      ],
      relations: [{ type: 'used', from: 'x', to: 'dataset:guidelines', subtype: 'nope' }],
    }));
    s.addFile('g2.json', '{"thing": "ol:s3/guidelines"}');
    s.addFile('aliases.json', JSON.stringify({ format: 'raireki-aliases', version: 1, same: [['dataset:guidelines', 'ol:s3/guidelines'], ['lonely']] }));
    s.addFile('manifest.json', JSON.stringify({ format: 'raireki-manifest', version: 1 }));
    const { nodes, report } = s.finish();
    expect(nodes).toEqual([{ id: 'dataset:guidelines', kind: 'dataset', name: 'Guidelines', classification: 'public', aliases: ['ol:s3/guidelines'] }]);
    expect(report.issues.map((i) => `${i.severity} ${i.file} ${i.path ?? ''}`)).toEqual([
      'error graph.json nodes[1]',
      'error graph.json relations[0]',
      'error aliases.json same[1]',
      'unmapped manifest.json ',
    ]);
  });

  it('gives an import an id and time from its content alone', () => {
    const make = () => {
      const s = new ImportSession([raireki]);
      s.addFile('g.json', JSON.stringify({
        format: 'raireki-snapshot',
        version: 1,
        nodes: [
          { id: 'm', kind: 'model', name: 'M', classification: 'public', createdAt: '2024-01-02' },
          { id: 'r', kind: 'activity', name: 'R', classification: 'public', endedAt: '2024-03-01T00:00:00+09:00' },
        ],
        relations: [{ type: 'wasGeneratedBy', from: 'm', to: 'r' }],
      }));
      const { nodes, relations, report } = s.finish();
      return importedSnapshotInfo(nodes, relations, report, 'ab'.repeat(32));
    };
    const info = make();
    expect(info).toMatchObject({ id: 'import-abababababababab', createdAt: '2024-03-01T00:00:00+09:00', startNode: 'm', generator: 'raireki import' });
    expect(make()).toEqual(info);
  });
});

describe('empty and odd input', () => {
  it('an empty list and an empty file are said to be so', () => {
    const s = new ImportSession([things]);
    s.addFile('empty.json', '[]');
    s.addFile('blank.json', '   ');
    expect(s.finish().report.skipped.map((x) => x.message)).toEqual(['is an empty list', 'is empty']);
    expect(ids(new ImportSession([things]))).toEqual([]);
  });
});
