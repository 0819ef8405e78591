/**
 * Text folded for the disagreement rules, one code unit for one code unit, so that every
 * offset found in the folded text is an offset in the original (the UI marks spans of the
 * original). Full-width ASCII (ＭＧ, ３０) becomes ASCII, the dashes and wave dashes that
 * write ranges (–, —, 〜, ～, ‐) become "~", and ideographic space becomes a space. Case
 * is lowered. NFKC would also fold these but may change the length ("㎎" → "mg").
 */

const RANGE_DASHES = new Set(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u301c', '\uff5e', '\u223c']);

export function foldForRules(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e && c !== 0xff5e) out += String.fromCharCode(c - 0xfee0).toLowerCase();
    else if (RANGE_DASHES.has(ch)) out += '~';
    else if (c === 0x3000) out += ' ';
    else if (ch === '\u00b5' || ch === '\u03bc') out += 'u'; // µg, μg → ug
    else if (ch === '\u00b2') out += '2'; // m² → m2
    else out += ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
  }
  return out;
}
