/**
 * Interop: importing the lineage a hospital already records (OpenLineage, W3C PROV-JSON,
 * Hugging Face model cards and Hub JSON, CycloneDX ML-BOMs, Raireki's own graph files) and
 * exporting PROV-JSON and ML-BOMs. Shared by the browser's snapshot worker and the Node CLI.
 * Mapping tables: docs/interop.md.
 */
import { ImportSession } from './import-session.ts';
import type { DraftOptions } from './import-draft.ts';
import type { FormatModule } from './format-module.ts';
import { raireki } from './raireki/index.ts';
import { cycloneDxModule } from './cyclonedx/index.ts';
import { openLineageModule } from './openlineage/index.ts';
import { hfCardModule, hfHubModule } from './huggingface/index.ts';
import { provJsonModule } from './prov-json/index.ts';

export * from './import-report.ts';
export * from './import-session.ts';
export * from './snapshot-info.ts';
export { ImportDraft } from './import-draft.ts';
export { exportProvJson, provSelection } from './prov-json/index.ts';
export { exportMlBom } from './cyclonedx/index.ts';

/**
 * Every format, most specific test first: a record goes to the first module that claims it
 * (PROV-JSON, whose top-level keys are the most general, comes last).
 */
export const IMPORT_MODULES: readonly FormatModule[] = [raireki, cycloneDxModule, openLineageModule, hfHubModule, hfCardModule, provJsonModule];

export function createImportSession(options: DraftOptions = {}): ImportSession {
  return new ImportSession(IMPORT_MODULES, options);
}
