/**
 * mulberry32: a tiny seeded pseudo-random generator, for what must come out the same on every
 * run (the map's UMAP layout, the sample's fictional choices). Not for anything secret.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from texts (FNV-1a over their UTF-16 code units). */
export function seedOf(texts: Iterable<string>): number {
  let h = 0x811c9dc5;
  for (const text of texts) for (let c = 0; c < text.length; c++) h = Math.imul(h ^ text.charCodeAt(c), 0x01000193);
  return h >>> 0;
}
