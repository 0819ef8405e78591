/**
 * The model-card metadata fields (the README's YAML front matter, the Hub API's `cardData`,
 * a catalogue record's `card_front_matter`) read into a ModelDescription. Fields with a
 * place in the snapshot are mapped; every other field is kept as an attribute (nested
 * values as JSON text), never dropped silently.
 */
import type { ImportDraft } from '../import-draft.ts';
import type { InteropFormat, SourcePlace } from '../import-report.ts';
import { addUnique, type ModelDescription } from './model-description.ts';
import { attributeValue, str, strList } from './values.ts';
import { type JsonObject } from '../json-values.ts';

/** Fields whose value is a string or a list of strings. */
const LIST_FIELDS = new Set(['language', 'tags', 'datasets', 'base_model']);

export function readCardFields(draft: ImportDraft, desc: ModelDescription, card: JsonObject, placeOf: (key: string) => SourcePlace, format: InteropFormat): void {
  for (const [key, value] of Object.entries(card)) {
    const place = placeOf(key);
    if (LIST_FIELDS.has(key) && value !== null && strList(value).length === 0 && !(Array.isArray(value) && value.length === 0)) {
      draft.issue('unmapped', place, `"${key}" should be a string or a list of strings; it is kept as an attribute`, format);
      draft.setAttribute(desc.attributes, key, attributeValue(value), place, format);
      continue;
    }
    switch (key) {
      case 'license': {
        const license = str(value);
        if (license) desc.license ??= draft.text(license, place, format);
        else draft.setAttribute(desc.attributes, key, attributeValue(value), place, format);
        break;
      }
      case 'language':
        addUnique(desc.languages, strList(value).map((l) => draft.text(l, place, format)));
        break;
      case 'tags':
        addUnique(desc.tags, strList(value).map((t) => draft.text(t, place, format)));
        break;
      case 'datasets':
        for (const repo of strList(value)) desc.datasets.push({ repo, place });
        break;
      case 'base_model':
        for (const repo of strList(value)) desc.bases.push({ repo, place });
        break;
      case 'base_model_relation':
        desc.relation = { value, place };
        break;
      case 'model-index':
        desc.modelIndex = { value, place };
        break;
      case 'library_name': {
        const lib = str(value);
        if (lib) desc.library ??= lib;
        draft.setAttribute(desc.attributes, key, attributeValue(value), place, format);
        break;
      }
      default:
        // pipeline_tag, metrics, license_name, widget, extra_gated_* …: no field of their own.
        if (value !== undefined) draft.setAttribute(desc.attributes, key, attributeValue(value), place, format);
    }
  }
}
