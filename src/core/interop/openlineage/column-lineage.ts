/**
 * The columnLineage dataset facet → the dataset's `columnLineage` (graph version 2): for
 * each output field, the input fields it was made from and how (`DIRECT/IDENTITY`,
 * `INDIRECT/JOIN: ON (…)`). Facet version 1-1 puts the transformation on the field
 * (`transformationType`, `transformationDescription`), 1-2 on each input; both are read.
 * The facet's dataset-wide dependencies (`dataset`: inputs that affect every field, such
 * as a filter or a sort) have no field to hang on and are kept as the attribute
 * `columnLineage.dataset`.
 */
import type { ColumnLineage } from '../../format/index.ts';
import type { ImportDraft } from '../import-draft.ts';
import { placeWithin, type SourcePlace } from '../import-report.ts';
import { openLineageDatasetId } from '../identity.ts';
import { isJsonObject, type JsonObject } from '../json-values.ts';
import { isNonEmptyString } from './place.ts';

export interface ColumnLineageResult {
  lineage: ColumnLineage[];
  /** `<dataset id>#<field>: <transformation>` for each dataset-wide dependency. */
  datasetWide: string[];
  /** Input datasets named, so that each has a node. */
  inputs: Map<string, string>;
}

export function readColumnLineage(facet: JsonObject, draft: ImportDraft, place: SourcePlace): ColumnLineageResult {
  const result: ColumnLineageResult = { lineage: [], datasetWide: [], inputs: new Map() };
  if (facet.fields !== undefined && !isJsonObject(facet.fields)) {
    draft.issue('unmapped', placeWithin(place, 'fields'), 'must be an object of output fields; the column lineage is left out', 'openlineage');
  } else if (isJsonObject(facet.fields)) {
    for (const [field, entry] of Object.entries(facet.fields)) {
      const fieldPlace = placeWithin(place, 'fields', field);
      if (!isJsonObject(entry) || !Array.isArray(entry.inputFields)) {
        draft.issue('unmapped', fieldPlace, 'has no list "inputFields"; this field\'s lineage is left out', 'openlineage');
        continue;
      }
      const fieldLevel = transformationOf([], entry.transformationType);
      const inputs: ColumnLineage['inputs'] = [];
      entry.inputFields.forEach((input, i) => {
        const ref = inputRef(input, draft, placeWithin(fieldPlace, 'inputFields', i), result.inputs);
        if (!ref) return;
        const t = transformationOf(input.transformations, undefined) ?? fieldLevel;
        inputs.push({ dataset: ref, field: input.field as string, ...(t ? { transformation: t } : {}) });
      });
      const description = typeof entry.transformationDescription === 'string' && entry.transformationDescription ? entry.transformationDescription : undefined;
      result.lineage.push({ field, inputs, ...(description ? { description } : {}) });
    }
  }
  if (Array.isArray(facet.dataset)) {
    facet.dataset.forEach((input, i) => {
      const ref = inputRef(input, draft, placeWithin(place, 'dataset', i), result.inputs);
      if (!ref) return;
      const t = transformationOf(input.transformations, undefined);
      result.datasetWide.push(`${ref}#${input.field as string}${t ? `: ${t}` : ''}`);
    });
  }
  return result;
}

function inputRef(input: unknown, draft: ImportDraft, place: SourcePlace, inputs: Map<string, string>): string | null {
  if (!isJsonObject(input) || !isNonEmptyString(input.namespace) || !isNonEmptyString(input.name) || typeof input.field !== 'string') {
    draft.issue('unmapped', place, 'an input field needs "namespace", "name" and "field"; it is left out', 'openlineage');
    return null;
  }
  const id = draft.checkId(openLineageDatasetId(input.namespace, input.name), place, 'openlineage');
  if (id) inputs.set(id, input.name);
  return id;
}

/**
 * `DIRECT/IDENTITY`, `INDIRECT/JOIN: ON (…)`, `… (masked)`; several joined by "; ".
 * Shared with lineage-facet.ts, whose transformations have the same shape.
 */
export function transformationOf(list: unknown, fallback: unknown): string | undefined {
  if (Array.isArray(list) && list.length > 0) {
    const parts = list.filter(isJsonObject).map((t) => {
      let s = typeof t.type === 'string' ? t.type : '?';
      if (typeof t.subtype === 'string' && t.subtype) s += `/${t.subtype}`;
      if (typeof t.description === 'string' && t.description) s += `: ${t.description}`;
      if (t.masking === true) s += ' (masked)';
      return s;
    });
    if (parts.length > 0) return parts.join('; ');
  }
  return typeof fallback === 'string' && fallback ? fallback : undefined;
}
