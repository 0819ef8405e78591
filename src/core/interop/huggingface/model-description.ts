/**
 * What a model card, a Hub API record or a catalogue record says about one model repo,
 * gathered before it is written, so that the three sources share one mapping
 * (write-model.ts) and one set of rules.
 */
import type { AttributeValue } from '../../format/index.ts';
import type { SourcePlace } from '../import-report.ts';

export interface ModelDescription {
  /** Node id (`hf:owner/name`, or a catalogue id). */
  id: string;
  name: string;
  url?: string;
  license?: string;
  languages: string[];
  tags: string[];
  attributes: Record<string, AttributeValue>;
  architecture?: string;
  createdAt?: string;
  version?: string;
  /** Base models as the source names them (repo ids), with where they were read. */
  bases: { repo: string; place: SourcePlace }[];
  /** `base_model_relation` as written (checked when written). */
  relation?: { value: unknown; place: SourcePlace };
  datasets: { repo: string; place: SourcePlace }[];
  modelIndex?: { value: unknown; place: SourcePlace };
  library?: string;
  files: string[];
}

export function emptyDescription(id: string, name: string): ModelDescription {
  return { id, name, languages: [], tags: [], attributes: {}, bases: [], datasets: [], files: [] };
}

export function addUnique(list: string[], values: readonly string[]): void {
  for (const v of values) if (!list.includes(v)) list.push(v);
}
