/**
 * Which parsed JSON objects are PROV-JSON documents: an object with at least one of
 * PROV-JSON's top-level members (`prefix`, `entity`, `activity`, `agent`, `bundle`, or a
 * relation map) and none of the members that mark the other formats (`format` of Raireki
 * files, `bomFormat` of CycloneDX, `eventType` of OpenLineage run events).
 */
import { ELEMENT_MAPS, RELATION_MAPS } from './vocabulary.ts';

export const DOCUMENT_MEMBERS: ReadonlySet<string> = new Set(['prefix', 'bundle', ...ELEMENT_MAPS, ...Object.keys(RELATION_MAPS)]);
const OTHER_FORMATS = ['format', 'bomFormat', 'eventType'];

export function matchesProvJson(value: Record<string, unknown>): boolean {
  for (const key of OTHER_FORMATS) if (Object.hasOwn(value, key)) return false;
  for (const key of Object.keys(value)) if (DOCUMENT_MEMBERS.has(key)) return true;
  return false;
}
