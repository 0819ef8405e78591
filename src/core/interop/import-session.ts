/**
 * One import: files in, a snapshot's nodes and relations and a report out. The same code
 * runs in the Node CLI (`npm run import`) and in the browser's snapshot worker (files
 * dropped on the page).
 *
 * Each file is recognised by its content, not its name: a JSON document, a JSON array of
 * records, NDJSON (one record a line) or a text file a module recognises (a model card).
 * Each record goes to the module whose `matchesJson` accepts it, so one NDJSON file may mix
 * formats. A bad file or a bad line is reported with its place, and the rest still imports.
 */
import { parseJson } from '../format/parse.ts';
import { ImportDraft, type DraftOptions } from './import-draft.ts';
import type { FormatModule, FormatReader } from './format-module.ts';
import { jsonPath, type ImportReport, type InteropFormat, type SourcePlace } from './import-report.ts';

/**
 * Bytes of a file the CLI reads in one piece; larger files must be NDJSON, which it streams by
 * line (V8 cannot hold much more than this as one string, nor parse it in any useful time).
 */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

export type ImportResult = ReturnType<ImportDraft['finish']>;

export class ImportSession {
  readonly draft: ImportDraft;
  private readonly readers = new Map<InteropFormat, FormatReader>();
  private readonly skipped: ImportReport['skipped'] = [];

  constructor(
    private readonly modules: readonly FormatModule[],
    options: DraftOptions = {},
  ) {
    this.draft = new ImportDraft(options);
  }

  /** Aliases from an alias file: each group's ids are one node, written as the group's first id. */
  addAliasGroups(groups: readonly (readonly string[])[]): void {
    for (const g of groups) this.draft.aliases.same(g, 'file');
  }

  /**
   * A whole file as text. Callers decode bytes as UTF-8 with `fatal: true` and call
   * `addUndecodable` when that fails (core code has no TextDecoder type).
   */
  addFile(path: string, content: string): void {
    let text = content;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const head = text.slice(0, 4096);
    const trimmed = head.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      if (looksLikeNdjson(text)) this.addLines(path, text);
      else this.addJsonText(path, text);
      return;
    }
    const module = this.modules.find((m) => m.matchesText?.(path, head));
    if (module) {
      this.reader(module).readText?.(text, { file: path });
      this.draft.count(module.format, 'files');
      return;
    }
    this.skip({ file: path }, trimmed.length === 0 ? 'is empty' : 'is none of the formats Raireki imports (OpenLineage, PROV-JSON, Hugging Face card or Hub JSON, CycloneDX, Raireki snapshot)');
  }

  /** A file whose bytes are not UTF-8: reported, nothing read from it. */
  addUndecodable(path: string): void {
    this.skip({ file: path }, 'is not UTF-8 text (a binary file?)');
  }

  /**
   * NDJSON: one record a line. Used for whole files and, by the CLI, line by line for files
   * too large to hold as one string (`line` is then the line number in the file).
   */
  addLine(path: string, line: number, text: string): InteropFormat | null {
    if (text.trim().length === 0) return null;
    const place = { file: path, line };
    const parsed = parseJson(text, path);
    if (!parsed.ok) {
      const p = parsed.problems[0]!;
      const what = p.code === 'truncated' ? 'the line ends early (truncated?)' : `not valid JSON at column ${p.column ?? 1}`;
      this.draft.issue('error', place, `${what}; the line is left out`);
      return null;
    }
    return this.addRecord(parsed.value, place);
  }

  private addLines(path: string, text: string): void {
    const seen = new Set<InteropFormat>();
    let line = 1;
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const format = this.addLine(path, line, text.slice(start, end));
      if (format) seen.add(format);
      start = end + 1;
      line++;
    }
    for (const f of seen) this.draft.count(f, 'files');
  }

  private addJsonText(path: string, text: string): void {
    const parsed = parseJson(text, path);
    if (!parsed.ok) {
      const p = parsed.problems[0]!;
      this.skip({ file: path, ...(p.line !== undefined ? { line: p.line } : {}) }, `${p.message}${p.column !== undefined ? ` (column ${p.column})` : ''}`);
      return;
    }
    const value = parsed.value;
    const seen = new Set<InteropFormat>();
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const format = this.addRecord(item, { file: path, path: jsonPath(i) });
        if (format) seen.add(format);
      });
      if (value.length === 0) this.skip({ file: path }, 'is an empty list');
    } else {
      const format = this.addRecord(value, { file: path });
      if (format) seen.add(format);
    }
    for (const f of seen) this.draft.count(f, 'files');
  }

  private addRecord(value: unknown, place: SourcePlace): InteropFormat | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.draft.issue('error', place, `expected a JSON object, found ${Array.isArray(value) ? 'a list' : JSON.stringify(value)?.slice(0, 40)}`);
      return null;
    }
    const record = value as Record<string, unknown>;
    const module = this.modules.find((m) => m.matchesJson?.(record));
    if (!module) {
      const keys = Object.keys(record).slice(0, 6).map((k) => JSON.stringify(k)).join(', ');
      this.draft.issue('error', place, `a JSON object of no format Raireki imports (its keys: ${keys || 'none'})`);
      return null;
    }
    this.draft.count(module.format, 'records');
    try {
      this.reader(module).readJson?.(record, place);
    } catch (err) {
      // A module's bug must not lose the rest of the import; it is reported where it happened.
      this.draft.issue('error', place, `could not be read: ${err instanceof Error ? err.message : String(err)}`, module.format);
    }
    return module.format;
  }

  private reader(module: FormatModule): FormatReader {
    let r = this.readers.get(module.format);
    if (!r) this.readers.set(module.format, (r = module.createReader(this.draft)));
    return r;
  }

  /** A file not read at all, listed in the report as skipped with the reason. */
  skip(place: SourcePlace, message: string): void {
    this.skipped.push({ severity: 'error', ...place, message });
  }

  finish(): ImportResult {
    for (const r of this.readers.values()) r.finish();
    const result = this.draft.finish();
    result.report.skipped = this.skipped;
    return result;
  }
}

/** Several lines, each starting with `{`: NDJSON rather than one pretty-printed document. */
function looksLikeNdjson(text: string): boolean {
  const first = text.indexOf('\n');
  if (first < 0) return false;
  const head = text.slice(0, first).trim();
  if (!head.startsWith('{') || !head.endsWith('}')) return false;
  const rest = text.slice(first + 1).trimStart();
  return rest.startsWith('{') || rest.length === 0;
}
