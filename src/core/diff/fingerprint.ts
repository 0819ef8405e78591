/**
 * What a diff compares records by: a 64-bit fingerprint of each record's JSON, so that both
 * snapshots can be streamed one chunk at a time and only records whose fingerprints differ
 * are read again; those are compared field by field in canonical JSON (object members in
 * code-unit order, so that `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same value).
 */

/** JSON text of a value with object members sorted; `undefined` members are left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * Two independent 32-bit hashes of a string (cyrb53's mixing, both halves kept): 64 bits,
 * so two different records share a fingerprint with a chance of about 2^-64.
 */
export function fingerprint(text: string, out: Uint32Array, at: number): void {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  out[2 * at] = h1 >>> 0;
  out[2 * at + 1] = h2 >>> 0;
}

export function sameFingerprint(a: Uint32Array, i: number, b: Uint32Array, j: number): boolean {
  return a[2 * i] === b[2 * j] && a[2 * i + 1] === b[2 * j + 1];
}
