/**
 * A ModelDescription into the draft, as the sample snapshot models a model's making: the
 * model `wasDerivedFrom` each base model (subtype: the base-model relation, role "base
 * model") and `wasGeneratedBy` a training activity (id `<model>#training`) that `used`
 * the base models (role "base model") and the training data sets (role "training data").
 * Base models and data sets that no source describes become implicit nodes.
 */
import { hfDatasetId, hfModelId } from '../identity.ts';
import type { ImportDraft } from '../import-draft.ts';
import type { InteropFormat } from '../import-report.ts';
import { ACTIVITY_NAME, ACTIVITY_SUBTYPE, MODEL_SUBTYPE, inferBaseModelRelation, isBaseModelRelation, type BaseModelRelation } from './base-model-relation.ts';
import type { ModelDescription } from './model-description.ts';
import { writeModelIndex } from './model-index.ts';

export function trainingActivityId(modelId: string): string {
  return `${modelId}#training`;
}

export function writeModel(draft: ImportDraft, desc: ModelDescription, origin: string, format: InteropFormat, place: { file: string; line?: number; path?: string }): void {
  // Implicit nodes are named by the repo id as the source writes it (the Hub's display name).
  const bases = new Map<string, string>();
  for (const b of desc.bases) {
    const id = hfModelId(b.repo);
    if (!id) draft.issue('unmapped', b.place, `base_model ${JSON.stringify(b.repo.slice(0, 80))} is not a Hub repo id; it is left out`, format);
    else if (id === desc.id) draft.issue('unmapped', b.place, 'a model that names itself as its base model: the link is left out', format);
    else if (!bases.has(id)) bases.set(id, b.repo);
  }
  const datasets = new Map<string, string>();
  for (const d of desc.datasets) {
    const id = hfDatasetId(d.repo);
    if (!id) draft.issue('unmapped', d.place, `dataset ${JSON.stringify(d.repo.slice(0, 80))} is not a Hub dataset id; it is left out`, format);
    else if (!datasets.has(id)) datasets.set(id, d.repo);
  }

  let relation: BaseModelRelation | undefined;
  if (bases.size > 0) {
    if (desc.relation && isBaseModelRelation(desc.relation.value)) relation = desc.relation.value;
    else {
      if (desc.relation) draft.issue('unmapped', desc.relation.place, `base_model_relation ${JSON.stringify(desc.relation.value)} is none of finetune, adapter, merge, quantized; the relation is inferred instead`, format);
      relation = inferBaseModelRelation({ baseCount: bases.size, library: desc.library, tags: desc.tags, files: desc.files });
    }
  } else if (desc.relation) {
    draft.issue('unmapped', desc.relation.place, 'base_model_relation without a base_model is left out', format);
  }

  draft.node(
    {
      id: desc.id,
      kind: 'model',
      name: draft.text(desc.name, place, format),
      ...(relation ? { subtype: MODEL_SUBTYPE[relation] } : {}),
      ...(desc.url ? { url: desc.url } : {}),
      ...(desc.license ? { license: desc.license } : {}),
      ...(desc.languages.length ? { languages: desc.languages } : {}),
      ...(desc.tags.length ? { tags: desc.tags } : {}),
      ...(desc.architecture ? { architecture: draft.text(desc.architecture, place, format) } : {}),
      ...(desc.createdAt ? { createdAt: desc.createdAt } : {}),
      ...(desc.version ? { version: desc.version } : {}),
      ...(Object.keys(desc.attributes).length ? { attributes: desc.attributes } : {}),
    },
    origin,
    place,
  );
  draft.count(format, 'nodes.model');

  if (bases.size > 0 || datasets.size > 0) {
    const activity = trainingActivityId(desc.id);
    draft.node(
      {
        id: activity,
        kind: 'activity',
        subtype: relation ? ACTIVITY_SUBTYPE[relation] : 'pretraining',
        name: draft.text(`${relation ? ACTIVITY_NAME[relation] : 'Training'} of ${desc.name}`, place, format),
      },
      origin,
      place,
    );
    draft.relation({ type: 'wasGeneratedBy', from: desc.id, to: activity });
    for (const [base, repo] of bases) {
      draft.reference(base, 'model', repo);
      draft.relation({ type: 'wasDerivedFrom', from: desc.id, to: base, subtype: relation!, role: 'base model' });
      draft.relation({ type: 'used', from: activity, to: base, role: 'base model' });
      draft.count(format, 'relations.base_model');
    }
    for (const [data, repo] of datasets) {
      draft.reference(data, 'dataset', repo);
      draft.relation({ type: 'used', from: activity, to: data, role: 'training data' });
      draft.count(format, 'relations.training_data');
    }
  }
  if (desc.modelIndex) writeModelIndex(draft, { id: desc.id, name: desc.name }, desc.modelIndex.value, desc.modelIndex.place, origin, format);
}
