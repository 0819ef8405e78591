/**
 * The strings a role must never be served: every id, name, label, text, field value and
 * content hash of the nodes it may not see, and every raw value of a field redacted for it.
 * Two users: the pack builder leaves out of a role's literature index every document that
 * names one of them (packs/literature-filter.ts), and the leak test searches every byte of
 * the role's pack for them (cli/lib/pack-leak-scan.ts).
 */
import { CLASSIFICATIONS, DERIVATION_TYPES, NODE_KINDS, RELATION_TYPES, SnapshotNode, type Relation } from '../format/index.ts';
import { compileRole } from './evaluate-policy.ts';
import { NODE_FIELDS, type Policy } from './policy-schema.ts';
import { PLACEHOLDER_NAME, PLACEHOLDER_TAG } from './redact-snapshot.ts';

/** Shorter values are too common to mean anything ("en", "v2"). */
export const MIN_HIDDEN_LENGTH = 4;

const SUBTYPES = SnapshotNode.options.flatMap((o) => {
  const subtype = (o.shape as { subtype?: { unwrap(): { options: readonly string[] } } }).subtype;
  return subtype ? [...subtype.unwrap().options] : [];
});
/** JSON keys and values every pack holds anyway. */
const PACK_WORDS = [PLACEHOLDER_NAME, PLACEHOLDER_TAG, 'format', 'version', 'snapshot', 'files', 'path', 'sha256', 'bytes', 'contents', 'graph', 'literature', 'pack', 'role', 'builtBy', 'builtAt', 'builder', 'keyId', 'policyHash', 'hidden', 'removed', 'placeholders', 'redacted', 'encryption', 'nodes', 'relations', 'from', 'type', 'time'];

export interface HiddenValue {
  value: string;
  /** The node (or relation) it belongs to, and which field: for messages and reports. */
  node: string;
  field: string;
  /**
   * False for structural vocabulary: record keys, tags, lower-case relation roles ("forget
   * set") and lower-case one-word values of fields that do not name the node (an access
   * event's "view", a person's role "nurse"). A pack's graph files must not hold these
   * either (they would show what hidden nodes look like), but in literature, which is prose,
   * such a word says nothing about a hidden node: only identifying values (ids, names,
   * texts, multi-word values, hashes) keep a document out of a role's literature index.
   */
  identifying: boolean;
}

export interface HiddenValues {
  values: HiddenValue[];
  /** Values the role sees on nodes it is shown: a hidden value found inside one of these is not a leak. */
  allowed: Set<string>;
}

export function hiddenValuesFor(policy: Policy, role: string, nodes: readonly SnapshotNode[], relations: readonly Relation[]): HiddenValues {
  const decide = compileRole(policy, role);
  // Vocabulary every pack holds anyway: schema words, field names (JSON keys), role names.
  const allowed = new Set<string>([
    ...NODE_KINDS,
    ...CLASSIFICATIONS,
    ...RELATION_TYPES,
    ...DERIVATION_TYPES,
    ...NODE_FIELDS,
    ...SUBTYPES,
    ...PACK_WORDS,
    ...Object.keys(policy.roles),
  ]);
  const found: HiddenValue[] = [];
  const hidden = new Set<string>();
  for (const node of nodes) {
    const decision = decide(node);
    if (decision.effect === 'hide') hidden.add(node.id);
    for (const [field, value] of Object.entries(node)) {
      const action = decision.effect === 'hide' ? 'hide' : decision.effect === 'show' || field === 'id' || field === 'kind' || field === 'classification' ? 'show' : (decision.fields[field] ?? decision.otherFields);
      // Record keys (attributes, identifiers) are kept by redaction, by design; hidden nodes lose them too.
      for (const { text, key } of stringsOf(value, action !== 'hash' && action !== 'drop')) {
        if (action === 'show') allowed.add(text);
        else found.push({ value: text, node: node.id, field, identifying: isIdentifying(field, text, key) });
      }
    }
  }
  // Relation roles and times between visible nodes are shown; those touching hidden nodes are not.
  for (const r of relations) {
    const touchesHidden = hidden.has(r.from) || (r.to !== undefined && hidden.has(r.to));
    for (const s of [r.role, r.time]) if (s !== undefined) (touchesHidden ? found.push({ value: s, node: `${r.from} → ${r.to}`, field: 'relation', identifying: isIdentifying('relation', s, false) }) : allowed.add(s));
  }
  const values: HiddenValue[] = [];
  for (const s of found) {
    if (s.value.length < MIN_HIDDEN_LENGTH || allowed.has(s.value)) continue;
    values.push(s);
    const hex = /^sha256:([0-9a-f]{64})$/.exec(s.value)?.[1];
    if (hex) values.push({ ...s, value: hex });
    const escaped = JSON.stringify(s.value).slice(1, -1);
    if (escaped !== s.value) values.push({ ...s, value: escaped });
  }
  return { values, allowed };
}

function stringsOf(value: unknown, withKeys: boolean): { text: string; key: boolean }[] {
  if (typeof value === 'string') return [{ text: value, key: false }];
  if (Array.isArray(value)) return value.flatMap((v) => stringsOf(v, withKeys));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (withKeys ? [{ text: k, key: true }, ...stringsOf(v, withKeys)] : stringsOf(v, withKeys)));
  }
  return [];
}

/** Fields whose value names or is the node: identifying even when it is one plain word. */
const NAMING_FIELDS = new Set(['id', 'name', 'label', 'description', 'text', 'url', 'contentHash', 'authors', 'identifiers', 'affiliation']);
/** Lower-case or caseless words, hyphenated or not: "view", "phi-leak", "看護師". */
const PLAIN_WORD = /^[\p{Ll}\p{Lo}\p{M}]+(?:-[\p{Ll}\p{Lo}\p{M}]+)*$/u;
/** PROV roles are phrases by design ("base model", "held-out split"). */
const PLAIN_PHRASE = /^[\p{Ll}\p{Lo}\p{M}]+(?:[-\s][\p{Ll}\p{Lo}\p{M}]+)*$/u;

/**
 * Whether a hidden value would identify its node if a document contained it. Record keys
 * and tags are vocabulary; naming fields always identify; any other value identifies when
 * it is not plain vocabulary: it has a capital letter or a digit (a name, a number, a
 * date), or it is free text rather than one word (a relation role, a phrase).
 */
function isIdentifying(field: string, text: string, key: boolean): boolean {
  if (key || field === 'tags') return false;
  if (NAMING_FIELDS.has(field)) return true;
  return !(field === 'relation' ? PLAIN_PHRASE : PLAIN_WORD).test(text.normalize('NFKC'));
}

/**
 * Case and width folded text (NFKC, lower case), so that "RUH-Clinical", "ruh-clinical"
 * and full-width "ＲＵＨ" are one string: search indexes and tokenizers fold text this way,
 * so a hidden value must be looked for folded too.
 */
export function foldForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Letters and digits of scripts written with spaces between words (not Han or kana). */
const isWordChar = (c: string | undefined): boolean =>
  c !== undefined && /[\p{L}\p{N}]/u.test(c) && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(c);

export interface HiddenValueMatch {
  value: HiddenValue;
  /** Offset in the folded text. */
  offset: number;
}

/**
 * Finds hidden values in text, compared folded, as whole words: "view" is not found in
 * "review" (a value that starts or ends with a letter or digit of a spaced script must not
 * continue a word there; Japanese and Chinese have no spaces, so no such check). Values
 * are indexed by their first MIN_HIDDEN_LENGTH folded characters so a scan is linear
 * (folding can shorten a value; those few are checked one by one).
 */
export class HiddenValueMatcher {
  private readonly byPrefix = new Map<string, { folded: string; value: HiddenValue }[]>();
  private readonly short: { folded: string; value: HiddenValue }[] = [];

  constructor(values: readonly HiddenValue[]) {
    for (const value of values) {
      const folded = foldForMatch(value.value);
      if (!folded.trim()) continue;
      if (folded.length < MIN_HIDDEN_LENGTH) {
        this.short.push({ folded, value });
        continue;
      }
      const key = folded.slice(0, MIN_HIDDEN_LENGTH);
      const list = this.byPrefix.get(key);
      if (list) list.push({ folded, value });
      else this.byPrefix.set(key, [{ folded, value }]);
    }
  }

  /** The first hidden value the text contains; null when there is none. */
  firstIn(text: string): HiddenValue | null {
    for (const m of this.matches(text)) return m.value;
    return null;
  }

  /** Every hidden value the text contains, where it is. */
  allIn(text: string): HiddenValueMatch[] {
    return [...this.matches(text)];
  }

  private *matches(text: string): Generator<HiddenValueMatch> {
    const folded = foldForMatch(text);
    const wholeWord = (at: number, v: string) =>
      !(isWordChar(v[0]) && isWordChar(folded[at - 1])) && !(isWordChar(v[v.length - 1]) && isWordChar(folded[at + v.length]));
    for (let i = 0; i + MIN_HIDDEN_LENGTH <= folded.length; i++) {
      const candidates = this.byPrefix.get(folded.slice(i, i + MIN_HIDDEN_LENGTH));
      if (!candidates) continue;
      for (const c of candidates) if (folded.startsWith(c.folded, i) && wholeWord(i, c.folded)) yield { value: c.value, offset: i };
    }
    for (const c of this.short) {
      for (let at = folded.indexOf(c.folded); at >= 0; at = folded.indexOf(c.folded, at + 1)) {
        if (wholeWord(at, c.folded)) yield { value: c.value, offset: at };
      }
    }
  }
}
