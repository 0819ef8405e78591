/**
 * `normalizeText(s)` equals `s.normalize('NFKC').toLowerCase()`, without the two calls
 * for the strings they would not change.
 *
 * Indexing a million nodes normalises tens of millions of characters, and V8 sends every
 * two-byte (e.g. Japanese) string through ICU for both calls even when nothing changes,
 * which is the usual case for kana and kanji. A table says, per code unit, whether the
 * character is unchanged by both calls and cannot interact with its neighbours (it is not
 * a combining mark, a half-width sound mark, hangul jamo, half a surrogate pair or Σ,
 * whose lower case depends on what follows). A string of such characters and lower-case
 * ASCII is returned as it is; ASCII with capitals takes V8's fast one-byte `toLowerCase`;
 * anything else takes the built-in calls. A test compares with them on random text.
 */

/** Per code unit: 0 not yet learnt, STABLE, or CHANGES (anything that needs the built-in path). */
const state = new Uint8Array(0x10000);
const STABLE = 1;
const CHANGES = 2;

const MARK = /\p{M}/u;

function isJamo(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x3130 && c <= 0x318f) ||
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xd7b0 && c <= 0xd7ff) ||
    (c >= 0xffa0 && c <= 0xffdc)
  );
}

function learn(c: number): number {
  const ch = String.fromCharCode(c);
  const stable =
    !(c >= 0xd800 && c <= 0xdfff) && !isJamo(c) && !MARK.test(ch) && ch.normalize('NFKC') === ch && ch.toLowerCase() === ch;
  const st = stable ? STABLE : CHANGES;
  state[c] = st;
  return st;
}

/** NFKC, then lower case. */
export function normalizeText(s: string): string {
  let capitals = false;
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) capitals = true;
    } else {
      ascii = false;
      if ((state[c] || learn(c)) !== STABLE) return s.normalize('NFKC').toLowerCase();
    }
  }
  if (!capitals) return s;
  return ascii ? s.toLowerCase() : s.normalize('NFKC').toLowerCase();
}
