import { csvRows } from '../cli/lib/literature-parse.ts';

/** The cells of an exported CSV file, row by row, read by the indexer's RFC 4180 reader. */
export function parseCsv(text: string): string[][] {
  return csvRows(text).map((r) => r.cells);
}
