/**
 * One row of the conformance table (`npm run conformance`): a set of third-party files,
 * imported through the same code as the app, with figures counted independently from the
 * source files. `failures` lists every mismatch found; a row with failures fails the run.
 */
export interface ConformanceRow {
  /** Which files, e.g. "w3c-prov-examples/json". */
  set: string;
  files: number;
  /** Records read (documents, events, cards, components). */
  records: number;
  /** Issues of severity "unmapped" or "error" the import reported. */
  unmapped: number;
  /** Each check that did not hold, as a sentence naming the file. Empty when all held. */
  failures: string[];
  /** What was checked, in a few words (for the table). */
  checked: string;
}

/** A check over `dataDir` (the `../shared/data` folder). */
export type ConformanceCheck = (dataDir: string) => Promise<ConformanceRow[]>;
