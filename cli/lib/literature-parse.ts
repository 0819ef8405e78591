/**
 * Reading a literature corpus: BEIR `corpus.jsonl` ({_id, title, text}), JSONL with
 * title/abstract/source/year/identifiers, or CSV with those columns. A record that cannot
 * be used is reported with its line number and skipped; everything else is indexed.
 */
import type { LiteratureDoc } from '../../src/core/search/literature-pack.ts';

export interface RecordProblem {
  readonly line: number;
  readonly message: string;
}

export interface ParsedCorpus {
  readonly docs: LiteratureDoc[];
  /** Line where each document starts, index-aligned with `docs`. */
  readonly lines: number[];
  readonly problems: RecordProblem[];
}

type Fields = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

/** "doi:10.1/x; pmid:123" or { doi: "10.1/x" } → { doi: "10.1/x", pmid: "123" }. */
export function parseIdentifiers(v: unknown): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (typeof v === 'string') {
    for (const part of v.split(/[;|]/)) {
      const m = /^\s*([A-Za-z][\w-]*)\s*:\s*(\S.*?)\s*$/.exec(part);
      if (m) out[m[1]!.toLowerCase()] = m[2]!;
    }
  } else if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) if (str(x)) out[k.toLowerCase()] = str(x)!;
  }
  return Object.keys(out).length ? out : undefined;
}

class CorpusCollector {
  readonly docs: LiteratureDoc[] = [];
  readonly lines: number[] = [];
  readonly problems: RecordProblem[] = [];
  private readonly ids = new Set<string>();

  add(line: number, f: Fields): void {
    const title = str(f.title) ?? '';
    const text = str(f.text) ?? str(f.abstract) ?? '';
    if (!title && !text) {
      this.problems.push({ line, message: 'empty record: no title and no text/abstract' });
      return;
    }
    const id = str(f._id) ?? str(f.id) ?? `line-${line}`;
    if (this.ids.has(id)) {
      this.problems.push({ line, message: `duplicate id "${id}": the first record with it is kept` });
      return;
    }
    this.ids.add(id);
    const doc: { -readonly [K in keyof LiteratureDoc]: LiteratureDoc[K] } = { id, title, text };
    const source = str(f.source) ?? str(f.journal);
    if (source) doc.source = source;
    const yearText = str(f.year);
    if (yearText) {
      const year = Number(yearText);
      if (Number.isInteger(year) && year > 0 && year < 10000) doc.year = year;
      else this.problems.push({ line, message: `year "${yearText}" is not a year: indexed without it` });
    }
    const identifiers = parseIdentifiers(f.identifiers);
    if (identifiers) doc.identifiers = identifiers;
    this.docs.push(doc);
    this.lines.push(line);
  }
}

export function parseJsonlCorpus(text: string): ParsedCorpus {
  return parseJsonlLines(text.replace(/^\uFEFF/, '').split('\n'));
}

/** JSONL records line by line (a corpus of a million records is more text than one JavaScript string may hold). */
export function parseJsonlLines(lines: Iterable<string>): ParsedCorpus {
  const c = new CorpusCollector();
  let i = -1;
  for (const raw of lines) {
    i++;
    const line = raw.trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      c.problems.push({ line: i + 1, message: `not valid JSON (${(e as Error).message})` });
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      c.problems.push({ line: i + 1, message: 'not a JSON object' });
      continue;
    }
    c.add(i + 1, value as Fields);
  }
  return c;
}

/** RFC 4180 rows (quoted fields may span lines), each with the line it starts on. */
export function csvRows(text: string): { line: number; cells: string[]; error?: string }[] {
  const rows: { line: number; cells: string[]; error?: string }[] = [];
  const s = text.replace(/^\uFEFF/, '');
  let line = 1, start = 1, cell = '', cells: string[] = [], quoted = false, i = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; cell += ch; }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') { cells.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endRow();
      line++;
      start = line;
    } else cell += ch;
  }
  if (quoted) {
    rows.push({ line: start, cells: [], error: 'a quoted field is never closed (the rest of the file is lost)' });
  } else if (cell !== '' || cells.length) endRow();
  return rows;
}

export function parseCsvCorpus(text: string): ParsedCorpus {
  const c = new CorpusCollector();
  const rows = csvRows(text);
  const header = rows.shift();
  if (!header || header.error) {
    c.problems.push({ line: 1, message: 'no header row (expected columns such as title, abstract, source, year, identifiers)' });
    return c;
  }
  const names = header.cells.map((h) => h.trim().toLowerCase());
  if (!names.some((n) => n === 'title' || n === 'abstract' || n === 'text')) {
    c.problems.push({ line: header.line, message: `the header has no title, abstract or text column (${names.join(', ')})` });
    return c;
  }
  for (const row of rows) {
    if (row.error) { c.problems.push({ line: row.line, message: row.error }); continue; }
    if (row.cells.length !== names.length) {
      c.problems.push({ line: row.line, message: `${row.cells.length} fields, the header has ${names.length}` });
      continue;
    }
    c.add(row.line, Object.fromEntries(names.map((n, j) => [n, row.cells[j]])));
  }
  return c;
}

export function parseCorpusFile(fileName: string, text: string): ParsedCorpus {
  return /\.csv$/i.test(fileName) ? parseCsvCorpus(text) : parseJsonlCorpus(text);
}
