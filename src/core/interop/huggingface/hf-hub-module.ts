/**
 * Hugging Face Hub JSON: the API's model records (`/api/models/<repo>`: `id`/`modelId`,
 * `author`, `tags`, `pipeline_tag`, `cardData`, `siblings`, `library_name`, `createdAt` …)
 * and model-catalogue records of GGUF conversions (`id`, `parent_id`, `name`, `owned_by`,
 * `licence`, `architecture`, `created`, `tags`, `card_front_matter`).
 *
 * A catalogue record lists a conversion whose `id` has no Hub owner, made from the repo
 * `parent_id`; its tags are the conversion's own Hub tags (among them `base_model:`, the
 * Hub's record of what it was made from) and its `card_front_matter` is the front matter
 * of the parent's card (its `base_model` names the parent's own base, not the parent).
 * So a record gives two models: the conversion `gguf:<id>`, derived from its `base_model:`
 * tags (`parent_id` where it has none), and the parent `hf:<parent_id>`, described by the
 * card front matter and derived from the card's `base_model`. The model tree's links are
 * thus exactly the records' own `base_model` fields.
 */
import { ISO_TIME_PATTERN } from '../../format/index.ts';
import { hfModelId } from '../identity.ts';
import type { FormatModule, FormatReader } from '../format-module.ts';
import type { ImportDraft } from '../import-draft.ts';
import { placeWithin, type SourcePlace } from '../import-report.ts';
import { isBaseModelRelation } from './base-model-relation.ts';
import { readCardFields } from './card-fields.ts';
import { readFrontMatter } from './front-matter.ts';
import { addUnique, emptyDescription, type ModelDescription } from './model-description.ts';
import { repoNamesOf } from './repo-names.ts';
import { attributeValue, str, strList } from './values.ts';
import { isJsonObject, type JsonObject } from '../json-values.ts';
import { writeModel } from './write-model.ts';

const FORMAT = 'hf-hub' as const;
/** Prefix of the ids of catalogue conversions, whose own id is not a Hub repo id. */
export const GGUF_CATALOGUE = 'gguf:';

const HUB_KEYS = ['cardData', 'pipeline_tag', 'siblings', 'library_name', 'modelId', 'parent_id', 'card_front_matter'];

export const hfHubModule: FormatModule = {
  format: FORMAT,
  matchesJson(v) {
    if (typeof v.id !== 'string' && typeof v.modelId !== 'string') return false;
    if ('bomFormat' in v || 'eventType' in v || 'format' in v) return false;
    return HUB_KEYS.some((k) => k in v) || (Array.isArray(v.tags) && ('author' in v || 'downloads' in v || 'likes' in v));
  },
  createReader(draft) {
    return new HubReader(draft);
  },
};

export function catalogueModelId(id: string): string {
  return GGUF_CATALOGUE + id.toLowerCase();
}

/** `base_model:owner/name` and the Hub's newer `base_model:quantized:owner/name`. */
function baseModelTag(tag: string): { repo: string; relation?: string } | null {
  if (!tag.startsWith('base_model:')) return null;
  const rest = tag.slice('base_model:'.length);
  const m = /^(finetune|adapter|merge|quantized):(.+)$/.exec(rest);
  return m ? { relation: m[1]!, repo: m[2]! } : { repo: rest };
}

class HubReader implements FormatReader {
  constructor(private readonly draft: ImportDraft) {}

  readJson(record: JsonObject, place: SourcePlace): void {
    if (typeof record.parent_id === 'string' && ('card_front_matter' in record || 'owned_by' in record || 'licence' in record)) this.catalogueRecord(record, place);
    else this.hubRecord(record, place);
  }

  finish(): void {}

  /** Tags into the description: prefixed tags are fields, the rest stay tags. */
  private readTags(desc: ModelDescription, tags: string[], place: SourcePlace): { bases: { repo: string; relation?: string }[]; datasets: string[]; license?: string } {
    const bases: { repo: string; relation?: string }[] = [];
    const datasets: string[] = [];
    let license: string | undefined;
    const plain: string[] = [];
    for (const tag of tags) {
      const base = baseModelTag(tag);
      if (base) bases.push(base);
      else if (tag.startsWith('dataset:')) datasets.push(tag.slice('dataset:'.length));
      else if (tag.startsWith('license:')) license ??= tag.slice('license:'.length);
      else plain.push(this.draft.text(tag, place, FORMAT));
    }
    addUnique(desc.tags, plain);
    return { bases, datasets, ...(license ? { license } : {}) };
  }

  private hubRecord(r: JsonObject, place: SourcePlace): void {
    const repo = str(r.id) ?? str(r.modelId);
    const id = repo ? hfModelId(repo) : null;
    if (!repo || !id || this.draft.checkId(id, place, FORMAT) === null) {
      this.draft.issue('error', place, `"id" ${JSON.stringify(String(r.id ?? r.modelId).slice(0, 80))} is not a Hub repo id; the record is left out`, FORMAT);
      return;
    }
    repoNamesOf(this.draft).add(repo.split('/').pop()!, repo);
    const desc = emptyDescription(id, repo);
    desc.url = `https://huggingface.co/${repo}`;
    if (isJsonObject(r.cardData)) {
      const card = r.cardData;
      readCardFields(this.draft, desc, card, (key) => placeWithin(place, 'cardData', key), FORMAT);
    } else if (r.cardData !== undefined && r.cardData !== null) {
      this.draft.issue('unmapped', placeWithin(place, 'cardData'), '"cardData" is not an object; it is left out', FORMAT);
    }
    const fromTags = this.readTags(desc, strList(r.tags), placeWithin(place, 'tags'));
    // The Hub writes base_model:, dataset: and license: tags from the card: the card wins.
    if (desc.bases.length === 0) for (const b of fromTags.bases) desc.bases.push({ repo: b.repo, place: placeWithin(place, 'tags') });
    if (!desc.relation) {
      const rel = fromTags.bases.find((b) => b.relation)?.relation;
      if (rel) desc.relation = { value: rel, place: placeWithin(place, 'tags') };
    }
    if (desc.datasets.length === 0) for (const d of fromTags.datasets) desc.datasets.push({ repo: d, place: placeWithin(place, 'tags') });
    desc.license ??= fromTags.license;

    for (const [key, value] of Object.entries(r)) {
      const at = placeWithin(place, key);
      switch (key) {
        case 'id':
        case 'modelId':
        case 'cardData':
        case 'tags':
          break;
        case 'model-index':
          desc.modelIndex ??= { value, place: at };
          break;
        case 'library_name':
          if (str(value)) desc.library ??= str(value);
          this.draft.setAttribute(desc.attributes, key, attributeValue(value), at, FORMAT);
          break;
        case 'siblings':
          if (Array.isArray(value)) {
            desc.files = value.map((s) => (isJsonObject(s) ? str(s.rfilename) : undefined)).filter((f): f is string => f !== undefined);
            this.draft.setAttribute(desc.attributes, 'files', desc.files.slice(0, 1000).map((f) => this.draft.text(f, at, FORMAT)), at, FORMAT);
          } else this.draft.issue('unmapped', at, '"siblings" is not a list; it is left out', FORMAT);
          break;
        case 'createdAt':
          if (typeof value === 'string' && ISO_TIME_PATTERN.test(value)) desc.createdAt = value;
          else this.draft.setAttribute(desc.attributes, key, attributeValue(value), at, FORMAT);
          break;
        case 'sha':
          if (str(value)) desc.version = this.draft.text(str(value)!, at, FORMAT);
          break;
        default:
          // author, pipeline_tag, downloads, likes, lastModified, private, gated, config …
          this.draft.setAttribute(desc.attributes, key, attributeValue(value), at, FORMAT);
      }
    }
    writeModel(this.draft, desc, `${FORMAT}:${place.file}`, FORMAT, place);
  }

  private catalogueRecord(r: JsonObject, place: SourcePlace): void {
    const catalogueId = str(r.id);
    const parentRepo = str(r.parent_id);
    const id = catalogueId ? this.draft.checkId(catalogueModelId(catalogueId), placeWithin(place, 'id'), FORMAT) : null;
    const parentId = parentRepo ? hfModelId(parentRepo) : null;
    if (!id || !catalogueId) {
      this.draft.issue('error', placeWithin(place, 'id'), 'a catalogue record without an "id" string is left out', FORMAT);
      return;
    }
    const name = str(r.name) ?? catalogueId;
    const conv = emptyDescription(id, `${name} (GGUF)`);
    const fromTags = this.readTags(conv, strList(r.tags), placeWithin(place, 'tags'));
    for (const b of fromTags.bases) conv.bases.push({ repo: b.repo, place: placeWithin(place, 'tags') });
    const rel = fromTags.bases.find((b) => b.relation && isBaseModelRelation(b.relation))?.relation;
    if (rel) conv.relation = { value: rel, place: placeWithin(place, 'tags') };
    if (parentRepo && !parentId) this.draft.issue('unmapped', placeWithin(place, 'parent_id'), `"parent_id" ${JSON.stringify(parentRepo.slice(0, 80))} is not a Hub repo id`, FORMAT);
    if (parentRepo && parentId) {
      repoNamesOf(this.draft).add(catalogueId, parentRepo);
      if (conv.bases.length === 0) conv.bases.push({ repo: parentRepo, place: placeWithin(place, 'parent_id') });
      else if (!conv.bases.some((b) => hfModelId(b.repo) === parentId)) {
        this.draft.issue('note', placeWithin(place, 'parent_id'), `"parent_id" ${parentRepo} is not among the record's base_model tags; the tags are followed`, FORMAT);
      }
    }
    conv.license = str(r.licence) ?? fromTags.license;
    conv.architecture = str(r.architecture);
    if (typeof r.created === 'number' && Number.isFinite(r.created) && r.created > 0 && r.created < 1e11) {
      conv.createdAt = new Date(r.created * 1000).toISOString().replace('.000Z', 'Z');
    } else if (r.created !== undefined) this.draft.setAttribute(conv.attributes, 'created', attributeValue(r.created), placeWithin(place, 'created'), FORMAT);
    const known = new Set(['id', 'name', 'licence', 'architecture', 'created', 'tags', 'card_front_matter', 'card_front_matter_yaml']);
    for (const [key, value] of Object.entries(r)) {
      if (!known.has(key)) this.draft.setAttribute(conv.attributes, key, attributeValue(value), placeWithin(place, key), FORMAT);
    }
    this.draft.setAttribute(conv.attributes, 'catalogue_id', catalogueId, placeWithin(place, 'id'), FORMAT);
    writeModel(this.draft, conv, `${FORMAT}:${place.file}`, FORMAT, place);

    if (!parentRepo || !parentId) return;
    // The parent's card: the record gives it parsed, and as YAML text (the same content).
    let card: JsonObject | null = isJsonObject(r.card_front_matter) ? r.card_front_matter : null;
    if (!card && typeof r.card_front_matter_yaml === 'string') {
      const fm = readFrontMatter(`---\n${r.card_front_matter_yaml}\n---\n`);
      if (fm.kind === 'ok') card = fm.value;
      else this.draft.issue('error', placeWithin(place, 'card_front_matter_yaml'), 'the card front matter (YAML text) does not parse; it is left out', FORMAT);
    }
    if (!card && fromTags.datasets.length === 0) return;
    const parent = emptyDescription(parentId, parentRepo);
    parent.url = `https://huggingface.co/${parentRepo}`;
    if (card) readCardFields(this.draft, parent, card, (key) => placeWithin(place, 'card_front_matter', key), FORMAT);
    // Dataset tags are copied from the parent's card onto the conversion: its training data.
    if (parent.datasets.length === 0) for (const d of fromTags.datasets) parent.datasets.push({ repo: d, place: placeWithin(place, 'tags') });
    writeModel(this.draft, parent, `${FORMAT}:${place.file}`, FORMAT, place);
  }
}
