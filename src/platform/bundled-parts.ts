/**
 * Reading many parts of a partitioned index at once from their folders' bundles
 * (core/search/part-bundles.ts): one request a folder, whatever the number of parts. Parts
 * the answer leaves out, and every part of a folder whose bundle cannot be read by ranges
 * (no sizes file, a server that ignores Range, a failed request), are read from their own
 * files instead, so a server without byte ranges is slower, never wrong. Nothing read here
 * is trusted: the caller checks each part against its part table.
 */
import { bundleOf, bundleOffsets, coalesceRanges, type ByteRange } from '../core/search/part-bundles.ts';
import { fetchRanges, RangesUnsupportedError } from './fetch-ranges.ts';

/**
 * Ranges of one request that lie at most this far apart are asked for as one: the bytes
 * between cost less than framing one more piece (about 100 bytes of headers each).
 */
const MERGE_GAP = 512;

export interface BundledPartsOptions {
  /** The URL of a file of the index or pack (a bundle), by its path. */
  url(path: string): URL;
  /** A bundle's sizes file, by its path (checked against a signed manifest in a pack). */
  readSizes(path: string): Promise<Uint8Array>;
  /** A part from its own file (the fallback), as the caller reads it one by one. */
  readOne(name: string): Promise<Uint8Array>;
  /** A part's stored bytes as read from the bundle → its bytes (decrypts a sealed part in an encrypted pack). */
  open?(name: string, stored: Uint8Array): Promise<Uint8Array>;
  init?: RequestInit;
}

/** What `readParts` answers: each part's bytes, or the error that kept it. */
export type PartResults = Map<string, Uint8Array | Error>;

export function bundledPartReader(opts: BundledPartsOptions): (names: readonly string[]) => Promise<PartResults> {
  /** Each bundle's offsets (by its path), once; null when it cannot be read by ranges. */
  const offsets = new Map<string, Promise<Float64Array | null>>();
  const offsetsOf = (sizes: string, bundle: string): Promise<Float64Array | null> => {
    let p = offsets.get(bundle);
    if (!p) {
      p = opts.readSizes(sizes).then(
        (bytes) => bundleOffsets(sizes, bytes),
        () => null,
      );
      offsets.set(bundle, p);
    }
    return p;
  };
  const one = (name: string): Promise<Uint8Array | Error> => opts.readOne(name).catch(asError);

  return async (names) => {
    const out: PartResults = new Map();
    const byBundle = new Map<string, { sizes: string; parts: { name: string; index: number }[] }>();
    const alone: string[] = [];
    for (const name of names) {
      const b = bundleOf(name);
      if (!b) alone.push(name);
      else {
        const group = byBundle.get(b.bundle) ?? { sizes: b.sizes, parts: [] };
        group.parts.push({ name, index: b.index });
        byBundle.set(b.bundle, group);
      }
    }
    await Promise.all([
      ...alone.map(async (name) => void out.set(name, await one(name))),
      ...[...byBundle].map(async ([bundle, group]) => {
        const at = await offsetsOf(group.sizes, bundle);
        const left = new Set(group.parts.map((p) => p.name));
        if (at) {
          const wanted = group.parts.filter((p) => p.index + 1 < at.length).map((p) => ({ ...p, range: { start: at[p.index]!, end: at[p.index + 1]! - 1 } as ByteRange }));
          try {
            const got = await fetchRanges(opts.url(bundle), coalesceRanges(wanted.map((w) => w.range), MERGE_GAP), opts.init);
            await Promise.all(
              wanted.map(async (w) => {
                const piece = w.range.end < w.range.start ? new Uint8Array(0) : pieceOf(got, w.range);
                if (!piece) return;
                left.delete(w.name);
                out.set(w.name, opts.open ? await opts.open(w.name, piece).catch(asError) : piece);
              }),
            );
          } catch (err) {
            // A server that ignores Range will not start answering it: its bundles are not asked again.
            if (err instanceof RangesUnsupportedError) offsets.set(bundle, Promise.resolve(null));
          }
        }
        await Promise.all([...left].map(async (name) => void out.set(name, await one(name))));
      }),
    ]);
    return out;
  };
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

/** A range's bytes out of the pieces fetched (merged ranges: a piece may hold several). */
function pieceOf(got: Map<number, Uint8Array>, r: ByteRange): Uint8Array | null {
  for (const [start, bytes] of got) {
    if (start <= r.start && start + bytes.length > r.end) return bytes.subarray(r.start - start, r.end - start + 1);
  }
  return null;
}
