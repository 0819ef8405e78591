/**
 * The graph an import builds, shared by every format module: nodes are upserted by id (a
 * thing described twice, by two files or two formats, becomes one node), relations are
 * kept once, references to things never described become `implicit` nodes, aliases
 * ("these ids are the same") are applied at the end, and the result is sorted so that the
 * same input always gives the same bytes.
 *
 * Input is untrusted: keys such as `__proto__` are refused, over-long strings are cut with
 * a note, and whatever does not validate is reported and left out rather than written.
 */
import {
  MAX_ID_LENGTH,
  SnapshotNode,
  type AttributeValue,
  type Classification,
  type NodeKind,
  type Relation,
} from '../format/index.ts';
import { isValidNode } from '../format/node-check.ts';
import { isValidRelation } from '../format/relation-check.ts';
import { formatJsonPath } from '../format/parse.ts';
import { AliasTable } from './alias-table.ts';
import { preview, typeName } from './json-values.ts';
import type { FormatCounts, ImportIssue, ImportReport, InteropFormat, IssueSeverity, SourcePlace } from './import-report.ts';

/** Longest text kept in a field or attribute; longer values are cut (with a note). */
export const MAX_TEXT_LENGTH = 100_000;
/** Issues listed per severity; the rest are counted. */
const MAX_LISTED_ISSUES = 500;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Fields every node has whatever its kind, in the order they are written. */
const HEAD_FIELDS = ['id', 'kind', 'name', 'classification'] as const;
/** Specific kinds win over these when two sources disagree. */
const VAGUE_KINDS: ReadonlySet<NodeKind> = new Set(['entity']);

type NodeFields = Record<string, unknown>;
interface DraftNode {
  fields: NodeFields;
  /** Described by a source (not only referenced). */
  declared: boolean;
  /** The classification came from a source, not from the default. */
  classified: boolean;
  origins: string[];
}

export interface DraftOptions {
  /** Classification of nodes whose source says none. */
  defaultClassification?: Classification;
}

export class ImportDraft {
  private readonly nodes = new Map<string, DraftNode>();
  private readonly relationKeys = new Set<string>();
  /** Each relation with its key, made once when it arrives and reused by `finish`. */
  private readonly relations: { key: string; relation: Relation }[] = [];
  private readonly issues: ImportIssue[] = [];
  private readonly notListed: Partial<Record<IssueSeverity, number>> = {};
  private readonly listed: Record<IssueSeverity, number> = { error: 0, unmapped: 0, note: 0 };
  private readonly counts = new Map<InteropFormat, FormatCounts>();
  readonly aliases = new AliasTable();
  readonly defaultClassification: Classification;

  constructor(options: DraftOptions = {}) {
    this.defaultClassification = options.defaultClassification ?? 'internal';
  }

  // ── reporting ────────────────────────────────────────────────────────────────────────────

  issue(severity: IssueSeverity, place: SourcePlace, message: string, format?: InteropFormat): void {
    if (this.listed[severity] >= MAX_LISTED_ISSUES) {
      this.notListed[severity] = (this.notListed[severity] ?? 0) + 1;
      return;
    }
    this.listed[severity]++;
    // Fields read one by one, not spread: a place may compute its path in a getter.
    const issue = { severity, file: place.file } as ImportIssue;
    if (place.line !== undefined) issue.line = place.line;
    const path = place.path;
    if (path) issue.path = path;
    if (format) issue.format = format;
    issue.message = message;
    this.issues.push(issue);
  }

  /** Counts a file, a record, or something made (`nodes.dataset`, `events.COMPLETE`). */
  count(format: InteropFormat, what: 'files' | 'records' | string, n = 1): void {
    let c = this.counts.get(format);
    if (!c) this.counts.set(format, (c = { files: 0, records: 0, made: {} }));
    if (what === 'files') c.files += n;
    else if (what === 'records') c.records += n;
    else c.made[what] = (c.made[what] ?? 0) + n;
  }

  // ── values ───────────────────────────────────────────────────────────────────────────────

  /** A string cut to MAX_TEXT_LENGTH, noting where it was cut. */
  text(value: string, place: SourcePlace, format?: InteropFormat): string {
    if (value.length <= MAX_TEXT_LENGTH) return value;
    this.issue('note', place, `a text of ${value.length.toLocaleString('en')} characters was cut to ${MAX_TEXT_LENGTH.toLocaleString('en')}`, format);
    return value.slice(0, MAX_TEXT_LENGTH);
  }

  /**
   * Sets `attrs[key]`, refusing keys that would change an object's prototype (`__proto__`)
   * and cutting over-long text. Returns false when the key was refused.
   */
  setAttribute(attrs: Record<string, AttributeValue>, key: string, value: AttributeValue, place: SourcePlace, format?: InteropFormat): boolean {
    if (UNSAFE_KEYS.has(key)) {
      this.issue('unmapped', place, `the key ${JSON.stringify(key)} is not kept (it cannot be stored safely)`, format);
      return false;
    }
    attrs[key] = typeof value === 'string' ? this.text(value, place, format) : value;
    return true;
  }

  /** Checks an id read from the input; reports and returns null when it cannot be a node id. */
  checkId(id: unknown, place: SourcePlace, format?: InteropFormat): string | null {
    if (typeof id !== 'string' || id.length === 0) {
      this.issue('error', place, `expected an identifier (a non-empty string), found ${describe(id)}`, format);
      return null;
    }
    if (id.length > MAX_ID_LENGTH) {
      this.issue('error', place, `an identifier of ${id.length.toLocaleString('en')} characters is longer than ${MAX_ID_LENGTH}; the record is left out`, format);
      return null;
    }
    if (UNSAFE_KEYS.has(id)) {
      this.issue('error', place, `${JSON.stringify(id)} is not accepted as an identifier`, format);
      return null;
    }
    return id;
  }

  // ── graph ────────────────────────────────────────────────────────────────────────────────

  /**
   * Describes a node. A second description of the same id is merged into the first: missing
   * fields are filled, lists are joined, attributes are added; where both give a different
   * value the first stays and a note says so. A specific kind replaces `entity`.
   */
  node(fields: { id: string; kind: NodeKind; name?: string } & NodeFields, origin: string, place?: SourcePlace): void {
    const existing = this.nodes.get(fields.id);
    const classified = fields.classification !== undefined;
    const complete = { classification: this.defaultClassification, ...fields, name: fields.name || fallbackName(fields.id) };
    if (!existing) {
      this.nodes.set(fields.id, { fields: complete, declared: true, classified, origins: [origin] });
      return;
    }
    if (!existing.origins.includes(origin)) existing.origins.push(origin);
    if (!existing.declared) {
      // Only referenced so far: the description replaces the guess.
      existing.fields = { ...complete, ...pickLists(existing.fields, complete) };
      delete existing.fields.implicit;
      existing.declared = true;
      existing.classified = classified;
      return;
    }
    this.merge(existing, complete, place, classified);
  }

  /**
   * Makes sure a node exists for an id that a relation names. If nothing describes it, it is
   * written as `implicit` (PROV lets a relation name things it never describes).
   */
  reference(id: string, kind: NodeKind, name?: string): void {
    const existing = this.nodes.get(id);
    if (existing) {
      if (!existing.declared && VAGUE_KINDS.has(existing.fields.kind as NodeKind) && !VAGUE_KINDS.has(kind)) existing.fields.kind = kind;
      return;
    }
    this.nodes.set(id, {
      fields: { id, kind, name: name || fallbackName(id), classification: this.defaultClassification, implicit: true },
      declared: false,
      classified: false,
      origins: [],
    });
  }

  relation(r: Relation): void {
    const key = relationKey(r);
    if (this.relationKeys.has(key)) return;
    this.relationKeys.add(key);
    this.relations.push({ key, relation: r });
  }

  /**
   * `classified`: the incoming classification was stated by its source. A stated one
   * replaces a default; of two stated ones the more sensitive wins.
   */
  private merge(existing: DraftNode, incoming: NodeFields, place: SourcePlace | undefined, classified: boolean): void {
    const target = existing.fields;
    if (incoming.kind !== target.kind) {
      if (VAGUE_KINDS.has(target.kind as NodeKind) && !VAGUE_KINDS.has(incoming.kind as NodeKind)) {
        target.kind = incoming.kind;
        delete target.subtype;
      } else if (!VAGUE_KINDS.has(incoming.kind as NodeKind)) {
        this.conflict(place, target.id as string, 'kind', target.kind, incoming.kind);
      }
    }
    for (const [field, value] of Object.entries(incoming)) {
      if (field === 'id' || field === 'kind' || value === undefined) continue;
      const have = target[field];
      if (have === undefined) {
        if (field === 'subtype' && incoming.kind !== target.kind) continue;
        target[field] = value;
      } else if (Array.isArray(have) && Array.isArray(value)) {
        target[field] = union(have, value);
      } else if (field === 'attributes' || field === 'identifiers') {
        const merged = { ...(have as object) } as Record<string, unknown>;
        for (const [k, v] of Object.entries(value as object)) {
          if (merged[k] === undefined) merged[k] = v;
          else if (JSON.stringify(merged[k]) !== JSON.stringify(v)) this.conflict(place, target.id as string, `${field}.${k}`, merged[k], v);
        }
        target[field] = merged;
      } else if (field === 'name' && have === fallbackName(target.id as string)) {
        target[field] = value;
      } else if (field === 'classification') {
        if (!classified) continue;
        target[field] = existing.classified ? moreSensitive(have as Classification, value as Classification) : value;
        existing.classified = true;
      } else if (JSON.stringify(have) !== JSON.stringify(value)) {
        this.conflict(place, target.id as string, field, have, value);
      }
    }
  }

  private conflict(place: SourcePlace | undefined, id: string, field: string, kept: unknown, other: unknown): void {
    this.issue('note', place ?? { file: '(merge)' }, `"${id}" ${field}: two sources disagree; kept ${preview(kept)}, not ${preview(other)}`);
  }

  // ── result ───────────────────────────────────────────────────────────────────────────────

  /**
   * The snapshot's nodes and relations, aliases applied, every item validated (whatever
   * does not validate is reported and left out), sorted by id and by relation.
   */
  finish(): { nodes: SnapshotNode[]; relations: Relation[]; report: ImportReport } {
    const merged: { id: string; from: string[] }[] = [];
    // Aliases: every id of a group is written as the group's canonical id.
    const byCanonical = new Map<string, DraftNode>();
    for (const [id, node] of this.nodes) {
      const canonical = this.aliases.canonical(id);
      const into = byCanonical.get(canonical);
      if (!into) {
        if (canonical !== id) {
          node.fields = { ...node.fields, id: canonical, aliases: union((node.fields.aliases as string[]) ?? [], [id]) };
        }
        byCanonical.set(canonical, node);
        continue;
      }
      const incoming: NodeFields = { ...node.fields, id: canonical, aliases: union((node.fields.aliases as string[]) ?? [], [id]) };
      // A name that is only its own id's last part says nothing against the group's name.
      if (incoming.name === fallbackName(id)) delete incoming.name;
      if (!into.declared && node.declared) {
        into.fields = { ...incoming, name: incoming.name ?? node.fields.name, ...pickLists(into.fields, incoming) };
        delete into.fields.implicit;
        into.declared = true;
        into.classified = node.classified;
      } else if (node.declared) this.merge(into, incoming, undefined, node.classified);
      else into.fields.aliases = union((into.fields.aliases as string[]) ?? [], [id]);
      into.origins.push(...node.origins.filter((o) => !into.origins.includes(o)));
    }
    const nodes: SnapshotNode[] = [];
    for (const [id, node] of [...byCanonical].sort(([a], [b]) => compare(a, b))) {
      if (node.origins.length > 1) merged.push({ id, from: node.origins });
      const written = canonicalNode(node.fields);
      if (written.aliases) written.aliases = (written.aliases as string[]).filter((a) => a !== id).sort(compare);
      if ((written.aliases as string[] | undefined)?.length === 0) delete written.aliases;
      if (isValidNode(written)) nodes.push(written);
      else this.issue('error', { file: '(import)', path: `node "${id}"` }, `the node made from the input is not valid: ${whyInvalidNode(written)}; it is left out`);
    }
    const kept = new Set(nodes.map((n) => n.id));
    // Each relation's key is made once: sorting by a key built in the comparator would
    // stringify O(n log n) times (most of an import's time at a million relations).
    const keyed: { key: string; relation: Relation }[] = [];
    const renamed = this.aliases.size > 0;
    // Without aliases the keys made on arrival are already unique; with them, ids change and
    // relations that now coincide are kept once.
    const seen = renamed ? new Set<string>() : null;
    this.relationKeys.clear();
    for (const { key: arrivedKey, relation: r } of this.relations) {
      let out = r;
      let key = arrivedKey;
      if (renamed) {
        out = { ...r, from: this.aliases.canonical(r.from) };
        if (r.to !== undefined) out.to = this.aliases.canonical(r.to);
        if (r.args) out.args = Object.fromEntries(Object.entries(r.args).map(([k, v]) => [k, this.aliases.canonical(v)]));
        key = relationKey(out);
        if (seen!.has(key)) continue;
        seen!.add(key);
      }
      if (!kept.has(out.from) || (out.to !== undefined && !kept.has(out.to))) {
        this.issue('unmapped', { file: '(import)', path: `${r.type} ${r.from} → ${r.to ?? '(none)'}` }, 'one of its ends was left out, so the relation is too');
        continue;
      }
      if (isValidRelation(out)) keyed.push({ key, relation: canonicalRelation(out) });
      else this.issue('error', { file: '(import)', path: `${r.type} ${r.from} → ${r.to ?? '(none)'}` }, 'the relation made from the input is not valid; it is left out');
    }
    keyed.sort((a, b) => compare(a.key, b.key));
    const relations = keyed.map((k) => k.relation);
    const formats: ImportReport['formats'] = {};
    for (const [format, c] of [...this.counts].sort(([a], [b]) => compare(a, b))) formats[format] = c;
    return {
      nodes,
      relations,
      report: {
        formats,
        skipped: [],
        merged,
        issues: this.issues,
        issuesNotListed: this.notListed,
        nodes: nodes.length,
        relations: relations.length,
      },
    };
  }
}

/** Name shown for a node whose source gives none: the last part of its id. */
export function fallbackName(id: string): string {
  const tail = id.replace(/[/#:]+$/, '').split(/[/#:]/).pop();
  return tail && tail.length > 0 ? tail : id;
}

const CLASS_ORDER: Classification[] = ['public', 'internal', 'restricted', 'phi'];
function moreSensitive(a: Classification, b: Classification): Classification {
  return CLASS_ORDER.indexOf(b) > CLASS_ORDER.indexOf(a) ? b : a;
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  const out = [...a];
  const seen = new Set(a.map((x) => JSON.stringify(x)));
  for (const x of b) {
    const key = JSON.stringify(x);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(x);
    }
  }
  return out;
}

/** Lists a reference gathered (aliases) that a later description must not lose. */
function pickLists(from: NodeFields, into: NodeFields): NodeFields {
  const out: NodeFields = {};
  if (Array.isArray(from.aliases)) out.aliases = union((into.aliases as string[]) ?? [], from.aliases as string[]);
  return out;
}

/** Same fields, same order, whatever order the sources gave them in. */
function canonicalNode(fields: NodeFields): SnapshotNode {
  const out: NodeFields = {};
  for (const f of HEAD_FIELDS) if (fields[f] !== undefined) out[f] = fields[f];
  for (const f of Object.keys(fields).sort(compare)) {
    if ((HEAD_FIELDS as readonly string[]).includes(f) || fields[f] === undefined) continue;
    const v = fields[f];
    out[f] = f === 'attributes' || f === 'identifiers' ? sortKeys(v as object) : v;
  }
  return out as SnapshotNode;
}

function canonicalRelation(r: Relation): Relation {
  const out: Record<string, unknown> = {};
  for (const f of ['type', 'from', 'to', 'subtype', 'role', 'time', 'id', 'bundle', 'args', 'attributes'] as const) {
    const v = r[f];
    if (v === undefined) continue;
    out[f] = f === 'args' || f === 'attributes' ? sortKeys(v as object) : v;
  }
  return out as Relation;
}

function sortKeys(o: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort(compare)) out[k] = (o as Record<string, unknown>)[k];
  return out;
}

/**
 * A relation's identity for deduplication and order: its members joined by a separator no
 * id contains (U+0001). Plain concatenation, not JSON of an array: this runs once per relation
 * read and once per relation written, and was the largest cost of a million-relation import.
 */
export function relationKey(r: Relation): string {
  const S = '\u0001';
  // U+0002 stands for a member left out, so that `role: ""` and no role stay two relations.
  const m = (v: string | undefined) => (v === undefined ? '\u0002' : v);
  let key = r.type + S + r.from + S + m(r.to) + S + m(r.subtype) + S + m(r.role) + S + m(r.time) + S + m(r.id) + S + m(r.bundle);
  if (r.args) key += S + JSON.stringify(sortKeys(r.args));
  if (r.attributes) key += S + S + JSON.stringify(sortKeys(r.attributes));
  return key;
}

/** Code-unit order: the same everywhere, unlike localeCompare. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function whyInvalidNode(node: unknown): string {
  const result = SnapshotNode.safeParse(node);
  if (result.success) return 'unknown reason';
  const issue = result.error.issues[0]!;
  return `${formatJsonPath(issue.path) || '(node)'}: ${issue.message}`;
}

/** What an id was instead, for the message: only strings that are empty get here. */
function describe(v: unknown): string {
  if (typeof v === 'string') return 'an empty string';
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${preview(v)}`;
  return typeName(v);
}
