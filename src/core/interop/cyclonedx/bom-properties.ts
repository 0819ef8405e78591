/**
 * Names Raireki gives what CycloneDX has no field for (`properties` of a component or
 * workflow), written by the exporter and read back by the importer, so that an ML-BOM made
 * by Raireki imports as the nodes it was made from.
 */
export const P = {
  classification: 'raireki:classification',
  containsPhi: 'raireki:containsPhi',
  subtype: 'raireki:subtype',
  createdAt: 'raireki:createdAt',
  languages: 'raireki:languages',
  parameterCount: 'raireki:parameterCount',
  recordCount: 'raireki:recordCount',
  license: 'raireki:license',
  url: 'raireki:url',
  startedAt: 'raireki:startedAt',
  endedAt: 'raireki:endedAt',
  associatedWith: 'raireki:associatedWith',
  attributedTo: 'raireki:attributedTo',
  /** On a pedigree ancestor: the bom-ref of the ancestor's own component in the BOM. */
  ref: 'raireki:ref',
  /** On a pedigree ancestor: how the component was derived from it (finetune, quantized …). */
  derivation: 'raireki:derivation',
  omitted: 'raireki:omittedNodes',
  /** Prefix of a node attribute: `raireki:attribute:<key>`. */
  attribute: 'raireki:attribute:',
} as const;

export const TOOL_NAME = 'Raireki';

/** Hub licence ids that are SPDX ids in another case; the rest are written as names. */
export const SPDX_IDS: Readonly<Record<string, string>> = {
  'apache-2.0': 'Apache-2.0',
  mit: 'MIT',
  'bsd-2-clause': 'BSD-2-Clause',
  'bsd-3-clause': 'BSD-3-Clause',
  'cc0-1.0': 'CC0-1.0',
  'cc-by-4.0': 'CC-BY-4.0',
  'cc-by-sa-4.0': 'CC-BY-SA-4.0',
  'cc-by-nc-4.0': 'CC-BY-NC-4.0',
  'cc-by-nc-sa-4.0': 'CC-BY-NC-SA-4.0',
  'cc-by-nc-nd-4.0': 'CC-BY-NC-ND-4.0',
  'mpl-2.0': 'MPL-2.0',
  'odc-by': 'ODC-By-1.0',
  'odbl': 'ODbL-1.0',
};
