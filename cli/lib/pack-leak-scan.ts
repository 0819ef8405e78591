/**
 * Proof that a role's pack leaks nothing it hides: every string a hidden node carries (id,
 * name, labels, descriptions, texts, field values, content hashes), and every raw value of a
 * redacted field, is searched for in every byte of every file of the role's folder, after
 * decryption and decompression. A value is exempt only where the role may see exactly that
 * value on a node it is shown (e.g. a time shared with a visible session) or it is schema
 * vocabulary ("inference", "phi").
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_FIELDS, PLACEHOLDER_NAME, PLACEHOLDER_TAG, compileRole, type Policy } from '../../src/core/access/index.ts';
import { CLASSIFICATIONS, DERIVATION_TYPES, NODE_KINDS, RELATION_TYPES, SnapshotNode, type Manifest, type Relation } from '../../src/core/format/index.ts';
import { decodeUtf8, deriveKey, fileAad, openFile } from '../../src/platform/index.ts';

const MIN_LENGTH = 4;
const SUBTYPES = SnapshotNode.options.flatMap((o) => {
  const subtype = (o.shape as { subtype?: { unwrap(): { options: readonly string[] } } }).subtype;
  return subtype ? [...subtype.unwrap().options] : [];
});
const PACK_WORDS = [PLACEHOLDER_NAME, PLACEHOLDER_TAG, 'format', 'version', 'snapshot', 'files', 'path', 'sha256', 'bytes', 'contents', 'graph', 'pack', 'role', 'builtBy', 'builtAt', 'builder', 'keyId', 'policyHash', 'hidden', 'removed', 'placeholders', 'redacted', 'encryption', 'nodes', 'relations', 'from', 'type', 'time'];

export interface Secret {
  value: string;
  node: string;
  field: string;
}

export interface Leak extends Secret {
  file: string;
  offset: number;
}

/** The strings the role's pack must not contain. */
export interface Secrets {
  secrets: Secret[];
  /** Values the role sees on nodes it is shown: a secret found inside one of these is not a leak. */
  allowed: Set<string>;
}

export function secretsFor(policy: Policy, role: string, nodes: readonly SnapshotNode[], relations: readonly Relation[]): Secrets {
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
  const secrets: Secret[] = [];
  const hidden = new Set<string>();
  for (const node of nodes) {
    const decision = decide(node);
    if (decision.effect === 'hide') hidden.add(node.id);
    for (const [field, value] of Object.entries(node)) {
      const action = decision.effect === 'hide' ? 'hide' : decision.effect === 'show' || field === 'id' || field === 'kind' || field === 'classification' ? 'show' : (decision.fields[field] ?? decision.otherFields);
      // Record keys (attributes, identifiers) are kept by redaction, by design; hidden nodes lose them too.
      for (const s of stringsOf(value, action !== 'hash' && action !== 'drop')) {
        if (action === 'show') allowed.add(s);
        else secrets.push({ value: s, node: node.id, field });
      }
    }
  }
  // Relation roles and times between visible nodes are shown; those touching hidden nodes are not.
  for (const r of relations) {
    const touchesHidden = hidden.has(r.from) || hidden.has(r.to);
    for (const s of [r.role, r.time]) if (s !== undefined) (touchesHidden ? secrets.push({ value: s, node: `${r.from} → ${r.to}`, field: 'relation' }) : allowed.add(s));
  }
  const out: Secret[] = [];
  for (const s of secrets) {
    if (s.value.length < MIN_LENGTH || allowed.has(s.value)) continue;
    out.push(s);
    const hex = /^sha256:([0-9a-f]{64})$/.exec(s.value)?.[1];
    if (hex) out.push({ ...s, value: hex });
    const escaped = JSON.stringify(s.value).slice(1, -1);
    if (escaped !== s.value) out.push({ ...s, value: escaped });
  }
  return { secrets: out, allowed };
}

function stringsOf(value: unknown, withKeys: boolean): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => stringsOf(v, withKeys));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (withKeys ? [k, ...stringsOf(v, withKeys)] : stringsOf(v, withKeys)));
  }
  return [];
}

/**
 * Every occurrence of a secret in the texts; indexed by the first four characters so a scan
 * is linear. An occurrence inside a JSON string whose whole value the role may see (the
 * hidden access type "view" inside a visible "chart review") is not a leak.
 */
export function findLeaks(files: { path: string; text: string }[], { secrets, allowed }: Secrets): Leak[] {
  const byPrefix = new Map<string, Secret[]>();
  for (const s of secrets) {
    const key = s.value.slice(0, MIN_LENGTH);
    const list = byPrefix.get(key);
    if (list) list.push(s);
    else byPrefix.set(key, [s]);
  }
  const leaks: Leak[] = [];
  for (const { path, text } of files) {
    for (let i = 0; i + MIN_LENGTH <= text.length; i++) {
      const candidates = byPrefix.get(text.slice(i, i + MIN_LENGTH));
      if (!candidates) continue;
      for (const s of candidates) {
        if (!text.startsWith(s.value, i)) continue;
        const token = enclosingString(text, i, i + s.value.length);
        if (token !== null && token !== s.value && allowed.has(token)) continue;
        leaks.push({ ...s, file: path, offset: i });
      }
    }
  }
  return leaks;
}

/** The value of the JSON string literal spanning [start, end) of the text, or null if there is none. */
function enclosingString(text: string, start: number, end: number): string | null {
  let open = start - 1;
  while (open >= 0 && !(text[open] === '"' && !escapedAt(text, open))) {
    if (text[open] === '\n') return null;
    open--;
  }
  let close = end;
  while (close < text.length && !(text[close] === '"' && !escapedAt(text, close))) {
    if (text[close] === '\n') return null;
    close++;
  }
  if (open < 0 || close >= text.length) return null;
  try {
    return JSON.parse(text.slice(open, close + 1)) as string;
  } catch {
    return null;
  }
}

function escapedAt(text: string, at: number): boolean {
  let slashes = 0;
  for (let j = at - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
  return slashes % 2 === 1;
}

/** Every file of a role's folder as text, encrypted files decrypted and decompressed. */
export async function packPlaintexts(dir: string, passphrase?: string): Promise<{ path: string; text: string }[]> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const enc = manifest.pack?.encryption;
  const key = enc && passphrase !== undefined ? await deriveKey(passphrase, enc.kdf) : undefined;
  const out: { path: string; text: string }[] = [];
  for (const path of listFiles(dir)) {
    const bytes = readFileSync(join(dir, path));
    const stored = enc?.stored.find((s) => s.path === path);
    if (stored && !key) throw new Error(`${path} is encrypted: a passphrase is needed to scan it`);
    const plain = stored && key ? await openFile(bytes, key, fileAad(manifest.pack!.role, stored.of), enc!.compression, path) : bytes;
    out.push({ path, text: decodeUtf8(plain) });
  }
  return out;
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}
