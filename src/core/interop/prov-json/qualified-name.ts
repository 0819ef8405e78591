/**
 * Qualified names (`ex:e1`) and the IRIs they stand for, both ways.
 *
 * Reading: a document's `prefix` map (and a bundle's, which adds to and overrides the
 * document's) binds prefixes to namespaces; `default` binds names without a prefix. `prov`
 * and `xsd` are bound in every document, and `raireki`, when a document uses it without
 * declaring it, is Raireki's own namespace. A name is expanded to its IRI and the IRI to a
 * node id with `identity.idFromIri` (so a Hub URL becomes `hf:owner/name`, the id a model
 * card gives the same model). Blank names (`_:b1`) are their own id. A name whose prefix is
 * declared nowhere cannot be expanded: the caller reports it and keeps the name as written.
 *
 * Writing: each id goes back to an IRI (`identity.iriFromId`) and the IRI is cut into a
 * namespace, given a prefix, and a local name. Where an id would not come back unchanged
 * from its IRI, or holds characters an IRI may not, it is written under Raireki's id
 * namespace, percent-encoded; reading decodes that namespace again.
 */
import { RAIREKI_ID_IRI, iriFromId, idFromIri } from '../identity.ts';
import { PREDEFINED_PREFIXES, PROV_NS, RAIREKI_NS, XSD_NS } from './vocabulary.ts';

export type Expanded = { iri: string } | { unknownPrefix: string };

/** Schemes whose names are IRIs already, even when a document declares no such prefix. */
const IRI_SCHEMES = new Set(['http', 'https', 'urn', 'mailto', 'file', 'tag', 'doi']);

export class Namespaces {
  private constructor(
    private readonly prefixes: ReadonlyMap<string, string>,
    private readonly defaultNamespace: string | undefined,
  ) {}

  static readonly predefined = new Namespaces(PREDEFINED_PREFIXES, undefined);

  /** These namespaces plus a `prefix` map's declarations (which win). Returns bad entries to report. */
  extend(declarations: Record<string, unknown>): { namespaces: Namespaces; bad: string[] } {
    const prefixes = new Map(this.prefixes);
    let defaultNamespace = this.defaultNamespace;
    const bad: string[] = [];
    for (const [prefix, ns] of Object.entries(declarations)) {
      if (typeof ns !== 'string' || ns.length === 0) bad.push(prefix);
      else if (prefix === 'default') defaultNamespace = ns;
      else prefixes.set(prefix, ns);
    }
    return { namespaces: new Namespaces(prefixes, defaultNamespace), bad };
  }

  expand(name: string): Expanded {
    if (name.startsWith('_:')) return { iri: name };
    const colon = name.indexOf(':');
    if (colon < 0) return { iri: this.defaultNamespace !== undefined ? this.defaultNamespace + name : name };
    const prefix = name.slice(0, colon);
    const local = name.slice(colon + 1);
    const ns = this.prefixes.get(prefix);
    if (ns !== undefined) return { iri: ns + local };
    if (prefix === 'raireki') return { iri: RAIREKI_NS + local };
    if (local.startsWith('//') || IRI_SCHEMES.has(prefix.toLowerCase())) return { iri: name };
    return { unknownPrefix: prefix };
  }

  /** The IRI of a name, or null when its prefix is unknown (for values such as `prov:type`). */
  iriOf(name: string): string | null {
    const r = this.expand(name);
    return 'iri' in r ? r.iri : null;
  }

  /** True when `name` is `raireki:<local>` (or any prefix bound to Raireki's namespace). */
  isRaireki(name: string, local: string): boolean {
    return this.iriOf(name) === RAIREKI_NS + local;
  }
}

/** The node (or relation) id an IRI stands for. */
export function nodeIdFromIri(iri: string): string {
  if (iri.startsWith(RAIREKI_ID_IRI)) return decodeLocal(iri.slice(RAIREKI_ID_IRI.length));
  return idFromIri(iri);
}

/** The IRI an id is written as: read back by `nodeIdFromIri` as the same id. */
export function iriOfNodeId(id: string): string {
  const iri = iriFromId(id);
  if (!iri.startsWith(RAIREKI_ID_IRI) && !NEEDS_ENCODING.test(iri) && nodeIdFromIri(iri) === id) return iri;
  return RAIREKI_ID_IRI + encodeLocal(id);
}

/** Characters an IRI written in PROV-JSON (format "uri") may hold as they are. */
const NEEDS_ENCODING = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]/;

function encodeLocal(s: string): string {
  let out = '';
  for (const ch of s) out += NEEDS_ENCODING.test(ch) ? encodeURIComponent(ch) : ch;
  return out;
}

function decodeLocal(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Prefixes export gives the namespaces it knows; any other namespace gets `ns1`, `ns2`… in order of use. */
const KNOWN_PREFIXES: readonly [string, string][] = [
  ['prov', PROV_NS],
  ['xsd', XSD_NS],
  ['raireki', RAIREKI_NS],
  ['id', RAIREKI_ID_IRI],
  ['hfd', 'https://huggingface.co/datasets/'],
  ['hf', 'https://huggingface.co/'],
];

/** Writes qualified names for one export, gathering the prefixes it used. */
export class QualifiedNames {
  private readonly prefixOf = new Map<string, string>();
  private readonly used = new Map<string, string>();
  private next = 1;

  constructor() {
    for (const [prefix, ns] of KNOWN_PREFIXES) this.prefixOf.set(ns, prefix);
  }

  /** The qualified name of a node or relation id. */
  ofId(id: string): string {
    return this.ofIri(iriOfNodeId(id));
  }

  ofIri(iri: string): string {
    const ns = namespaceOf(iri);
    let prefix = this.prefixOf.get(ns);
    if (prefix === undefined) {
      prefix = `ns${this.next++}`;
      this.prefixOf.set(ns, prefix);
    }
    if (!PREDEFINED_PREFIXES.has(prefix)) this.used.set(prefix, ns);
    return `${prefix}:${iri.slice(ns.length)}`;
  }

  /** The `prefix` map: every prefix used, Raireki's own always (its literals name it). */
  declarations(): Record<string, string> {
    const out: Record<string, string> = { raireki: RAIREKI_NS };
    for (const [prefix, ns] of [...this.used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[prefix] = ns;
    return out;
  }
}

/**
 * The namespace part of an IRI: the longest known namespace it starts with, else everything
 * up to its last `/` or `#` (or `:`) that leaves a local name of at least one character (the
 * schema's "uri" format refuses `ns1:`).
 */
function namespaceOf(iri: string): string {
  for (const [, ns] of KNOWN_PREFIXES) if (iri.startsWith(ns) && iri.length > ns.length) return ns;
  const head = iri.slice(0, -1);
  let cut = Math.max(head.lastIndexOf('/'), head.lastIndexOf('#'));
  if (cut < 0) cut = head.lastIndexOf(':');
  return iri.slice(0, cut + 1);
}
