/**
 * W3C PROV-JSON: import (every element and relation map, bundles, prefixes, typed literals)
 * and export of a snapshot or a selection. Mapping table: docs/interop.md, "PROV-JSON".
 */
import type { FormatModule } from '../format-module.ts';
import { matchesProvJson } from './detect.ts';
import { readDocument } from './document.ts';

export const provJsonModule: FormatModule = {
  format: 'prov-json',
  matchesJson: matchesProvJson,
  createReader(draft) {
    return {
      readJson(value, place) {
        readDocument(draft, value, place);
      },
      finish() {},
    };
  },
};

export { exportProvJson, type ProvDocument, type ProvExportOptions } from './export.ts';
export { provSelection } from './selection.ts';
export { matchesProvJson } from './detect.ts';
