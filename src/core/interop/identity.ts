/**
 * Stable node ids from each format's own identity, so that the same thing named by two
 * sources becomes one node without an alias file (docs/interop.md, "Identity"):
 *
 * | source | identity | node id |
 * |---|---|---|
 * | Hugging Face model | repo id `owner/name` | `hf:owner/name` |
 * | Hugging Face dataset | repo id | `hf-dataset:owner/name` |
 * | OpenLineage dataset | namespace + name | `ol:<namespace>/<name>` (Hub namespaces → `hf-dataset:`) |
 * | OpenLineage job | namespace + name | `ol-job:<namespace>/<name>` |
 * | OpenLineage run | runId | `ol-run:<runId>` |
 * | PROV | qualified name, expanded with its prefix | the IRI, shortened back to the ids above where it is one of them |
 * | CycloneDX | purl, else bom-ref | the ids above from a `pkg:huggingface` purl, else `cdx:<bom-ref>` |
 *
 * Repo ids are compared as the Hub does, case-insensitively: they are written lower-case.
 */

export const HF_MODEL = 'hf:';
export const HF_DATASET = 'hf-dataset:';
/** IRIs of Raireki ids in PROV exports: `urn:raireki:id:` + the id, read back as the id. */
export const RAIREKI_ID_IRI = 'urn:raireki:id:';

const HUB_NAMESPACES = new Set(['huggingface', 'hf', 'huggingface.co', 'hf.co']);

/** A Hub repo id (`owner/name`, `name`) as the Hub resolves it; null when it is not one. */
export function normalizeRepoId(repo: string): string | null {
  const trimmed = repo.trim().replace(/^https?:\/\/(www\.)?(huggingface\.co|hf\.co)\//i, '').replace(/^(models|datasets)\//, '').replace(/\/+$/, '');
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(trimmed)) return null;
  return trimmed.toLowerCase();
}

export function hfModelId(repo: string): string | null {
  const id = normalizeRepoId(repo);
  return id ? HF_MODEL + id : null;
}

export function hfDatasetId(repo: string): string | null {
  const id = normalizeRepoId(repo.replace(/^datasets\//, ''));
  return id ? HF_DATASET + id : null;
}

/** Namespaces seen, answered once: an import asks for every dataset of every event. */
const hubNamespaceCache = new Map<string, boolean>();

/** `huggingface://`, `hf`, `https://huggingface.co` … → true */
export function isHubNamespace(namespace: string): boolean {
  let known = hubNamespaceCache.get(namespace);
  if (known === undefined) {
    known = isHubNamespaceUncached(namespace);
    if (hubNamespaceCache.size < 10_000) hubNamespaceCache.set(namespace, known);
  }
  return known;
}

function isHubNamespaceUncached(namespace: string): boolean {
  const bare = namespace.toLowerCase().replace(/^[a-z+]+:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, '');
  return HUB_NAMESPACES.has(bare) || HUB_NAMESPACES.has(namespace.toLowerCase().replace(/:\/\/$/, ''));
}

export function openLineageDatasetId(namespace: string, name: string): string {
  if (isHubNamespace(namespace)) {
    const hub = hfDatasetId(name);
    if (hub) return hub;
  }
  return `ol:${namespace}/${name}`;
}

export function openLineageJobId(namespace: string, name: string): string {
  return `ol-job:${namespace}/${name}`;
}

export function openLineageRunId(runId: string): string {
  return `ol-run:${runId}`;
}

/**
 * The node id of an IRI: Raireki's own ids and Hub URLs come back as the ids above; any
 * other IRI is its own id.
 */
export function idFromIri(iri: string): string {
  if (iri.startsWith(RAIREKI_ID_IRI)) return iri.slice(RAIREKI_ID_IRI.length);
  const hub = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/(datasets\/)?([\w.-]+(?:\/[\w.-]+)?)\/?$/i.exec(iri);
  if (hub) return (hub[1] ? HF_DATASET : HF_MODEL) + hub[2]!.toLowerCase();
  return iri;
}

/** The IRI a node id is written as in a PROV export (inverse of idFromIri). */
export function iriFromId(id: string): string {
  if (id.startsWith(HF_MODEL)) return `https://huggingface.co/${id.slice(HF_MODEL.length)}`;
  if (id.startsWith(HF_DATASET)) return `https://huggingface.co/datasets/${id.slice(HF_DATASET.length)}`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(id) || id.startsWith('urn:')) return id;
  return RAIREKI_ID_IRI + id;
}

/** `pkg:huggingface/owner/name@rev` → `hf:owner/name`; null for other purls. */
export function idFromPurl(purl: string): string | null {
  const m = /^pkg:huggingface\/([^@?#]+)/i.exec(purl);
  if (!m) return null;
  const path = decodeURIComponent(m[1]!);
  return path.startsWith('datasets/') ? hfDatasetId(path.slice('datasets/'.length)) : hfModelId(path);
}

/** The purl of a Hub model or dataset id, for ML-BOM exports. */
export function purlFromId(id: string): string | null {
  if (id.startsWith(HF_MODEL)) return `pkg:huggingface/${id.slice(HF_MODEL.length)}`;
  if (id.startsWith(HF_DATASET)) return `pkg:huggingface/datasets/${id.slice(HF_DATASET.length)}`;
  return null;
}
