/**
 * What each format module (openlineage/, prov-json/, huggingface/, cyclonedx/, raireki/)
 * gives the importer: how to recognise its records, and a reader that writes them into the
 * shared draft. Readers may fold records across files (OpenLineage events of one run come in
 * several files) and write what they folded in `finish`.
 */
import type { ImportDraft } from './import-draft.ts';
import type { InteropFormat, SourcePlace } from './import-report.ts';

export interface FormatReader {
  /** One parsed JSON document, one element of a top-level JSON array, or one NDJSON line. */
  readJson?(value: Record<string, unknown>, place: SourcePlace): void;
  /** A text file this module recognised by `matchesText` (a model card `README.md`). */
  readText?(text: string, place: SourcePlace): void;
  /** Called once, after every input was read. */
  finish(): void;
}

export interface FormatModule {
  format: InteropFormat;
  /** True when a parsed JSON object is a record of this format. */
  matchesJson?(value: Record<string, unknown>): boolean;
  /** True when a file that is not JSON is of this format, from its name and first characters. */
  matchesText?(path: string, head: string): boolean;
  /** A reader for one import; top-level JSON arrays reach it one element at a time. */
  createReader(draft: ImportDraft): FormatReader;
}
