/**
 * Proof that a role's pack leaks nothing it hides: every string a hidden node carries (id,
 * name, labels, descriptions, texts, field values, content hashes), and every raw value of a
 * redacted field, is searched for in every byte of every file of the role's folder, after
 * decryption and decompression. A value is exempt only where the role may see exactly that
 * value on a node it is shown (e.g. a time shared with a visible session) or it is schema
 * vocabulary ("inference", "phi"). The values are those of src/core/access/hidden-values.ts,
 * which the pack builder also leaves literature out by.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from './folder-files.ts';
import { HiddenValueMatcher, MIN_HIDDEN_LENGTH, foldForMatch, type HiddenValue, type HiddenValues } from '../../src/core/access/index.ts';
import { ENCRYPTED_SUFFIX, LITERATURE_DIR } from '../../src/core/pack/index.ts';
import { GRAPH_CORE_FILE, SEARCH_CORE_FILE, readGraphCore, readSearchTerms } from '../../src/core/columnar/index.ts';
import type { Manifest } from '../../src/core/format/index.ts';
import { decodeUtf8, deriveKey, fileAad, openFile } from '../../src/platform/index.ts';
import { bundleFile, bundleOffsets, isBundleFile } from '../../src/core/search/part-bundles.ts';
import { partFile, type PartFolder } from '../../src/core/search/part-tables.ts';

export interface Leak extends HiddenValue {
  file: string;
  offset: number;
}

/**
 * Every occurrence of a secret in the texts, compared case- and width-folded (search
 * indexes and tokenizers store text folded: "RUH" leaks as "ruh"); indexed by the first
 * four characters so a scan is linear. An occurrence inside a JSON string whose whole value
 * the role may see (the hidden access type "view" inside a visible "chart review") is not a
 * leak. Offsets are in the folded text.
 *
 * Files of the literature index hold prose (documents, their terms, the model's
 * vocabulary): there a leak is an identifying value as a whole word, the rule the pack
 * builder leaves documents out by (core/pack/literature-filter.ts); a hidden access
 * event's "view" is an ordinary word of the literature.
 *
 * The explorer's search core is left to another proof: its terms are words of visible
 * text (a hidden person's department may be a word a visible model's description uses), so
 * the tests show instead that they are exactly the terms of the pack's own nodes, which
 * are scanned here in the details chunks and graph files.
 */
export function findLeaks(files: { path: string; text: string }[], { values, allowed }: HiddenValues): Leak[] {
  const plain = (path: string) => (path.endsWith(ENCRYPTED_SUFFIX) ? path.slice(0, -ENCRYPTED_SUFFIX.length) : path);
  const byPrefix = new Map<string, { folded: string; secret: HiddenValue }[]>();
  for (const secret of values) {
    const folded = foldForMatch(secret.value);
    const key = folded.slice(0, MIN_HIDDEN_LENGTH);
    const list = byPrefix.get(key);
    if (list) list.push({ folded, secret });
    else byPrefix.set(key, [{ folded, secret }]);
  }
  const allowedFolded = new Set([...allowed].map(foldForMatch));
  const literature = new HiddenValueMatcher(values.filter((s) => s.identifying));
  const leaks: Leak[] = [];
  for (const { path, text: raw } of files) {
    // Its terms are compared with those of the pack's own nodes instead (see above).
    if (plain(path) === SEARCH_CORE_FILE) continue;
    if (path.startsWith(LITERATURE_DIR)) {
      for (const m of literature.allIn(raw)) leaks.push({ ...m.value, file: path, offset: m.offset });
      continue;
    }
    const text = foldForMatch(raw);
    for (let i = 0; i < text.length; i++) {
      const candidates = byPrefix.get(text.slice(i, i + MIN_HIDDEN_LENGTH));
      if (!candidates) continue;
      for (const { folded, secret } of candidates) {
        if (!text.startsWith(folded, i)) continue;
        const token = enclosingString(text, i, i + folded.length);
        if (token !== null && token !== folded && allowedFolded.has(token)) continue;
        leaks.push({ ...secret, file: path, offset: i });
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
  const open = (bytes: Uint8Array, aadPath: string, path: string) => openFile(bytes, key!, fileAad(manifest.pack!.role, aadPath), enc!.compression, path);
  for (const path of filesUnder(dir)) {
    const bytes = readFileSync(join(dir, path));
    if (enc && isBundleFile(path) && path.endsWith('.parts')) {
      // An encrypted pack's bundle holds sealed parts: each is opened as its own file would be.
      if (!key) throw new Error(`${path} holds encrypted parts: a passphrase is needed to scan it`);
      const sizesPath = path.replace(/\.parts$/, '.sizes');
      const offsets = bundleOffsets(sizesPath, await open(readFileSync(join(dir, sizesPath + ENCRYPTED_SUFFIX)), sizesPath, sizesPath));
      const folder = /bundles\/([a-z]+)\.parts$/.exec(path)![1] as PartFolder;
      const prefix = path.slice(0, path.length - bundleFile(folder).length);
      const texts: string[] = [];
      for (let i = 0; i + 1 < offsets.length; i++) {
        const part = prefix + partFile(folder, i);
        texts.push(scannableText(part, await open(bytes.subarray(offsets[i]!, offsets[i + 1]!), part, path)));
      }
      out.push({ path, text: texts.join('\n') });
      continue;
    }
    const stored = enc?.stored.find((s) => s.path === path);
    const plainPath = path.endsWith(ENCRYPTED_SUFFIX) ? path.slice(0, -ENCRYPTED_SUFFIX.length) : path;
    if (path.endsWith(ENCRYPTED_SUFFIX) && !key) throw new Error(`${path} is encrypted: a passphrase is needed to scan it`);
    // Listed files name their plaintext (`of`); details chunks are `<path>.enc` of their own path.
    const plain = key && path.endsWith(ENCRYPTED_SUFFIX) ? await openFile(bytes, key, fileAad(manifest.pack!.role, stored?.of ?? plainPath), enc!.compression, path) : bytes;
    out.push({ path, text: scannableText(plainPath, plain) });
  }
  return out;
}

/**
 * A file as the scanner reads it. The binary cores keep their strings without JSON quotes,
 * so they are given as JSON lists of their strings (the graph core's string table, the
 * search core's terms): a hidden value inside a string is then judged by the whole string,
 * as in a JSON file. Reading them also checks their structure.
 */
function scannableText(path: string, bytes: Uint8Array): string {
  if (path === GRAPH_CORE_FILE) {
    const { strings } = readGraphCore(bytes, path);
    return JSON.stringify(Array.from({ length: strings.count }, (_, i) => strings.get(i)));
  }
  if (path === SEARCH_CORE_FILE) return JSON.stringify(searchCoreTerms(bytes, path));
  return decodeUtf8(bytes);
}

/** The terms of a search core, in term-id order. */
export function searchCoreTerms(bytes: Uint8Array, path = SEARCH_CORE_FILE): string[] {
  const terms = readSearchTerms(bytes, path);
  return Array.from({ length: terms.length }, (_, t) => terms.at(t)!);
}

