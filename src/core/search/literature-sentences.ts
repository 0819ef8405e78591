/**
 * Sentences of a passage or an LLM output, with their offsets in the original text: the
 * unit of "check an output" (each sentence looks for support) and of the closest-sentence
 * highlight of a search hit. Rules, not a model: a sentence ends at 。！？ (and their
 * full-width/ASCII forms) or at . ! ? followed by white space and not preceded by a common
 * abbreviation or a single capital (initials), and at blank lines.
 */

export interface SentenceSpan {
  readonly text: string;
  /** Offsets in the original string (UTF-16 code units), end exclusive. */
  readonly start: number;
  readonly end: number;
}

const ABBREVIATIONS = new Set(['e.g', 'i.e', 'vs', 'fig', 'figs', 'dr', 'no', 'approx', 'ca', 'cf', 'resp', 'mr', 'ms']);

/** Is the full stop at `dot` part of an abbreviation ("e.g.", "et al.", "Fig.") or an initial ("J.")? */
function isAbbreviation(text: string, dot: number): boolean {
  const m = /(\S+)\s+(\S+)$|(\S+)$/.exec(text.slice(Math.max(0, dot - 24), dot));
  const token = (m?.[2] ?? m?.[3] ?? '').replace(/^[(\[「"']+/, '');
  const previous = (m?.[1] ?? '').toLowerCase();
  if (ABBREVIATIONS.has(token.toLowerCase())) return true;
  if (token.toLowerCase() === 'al' && previous === 'et') return true;
  return /^[A-Z]$/.test(token);
}

export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let start = 0;
  const push = (end: number) => {
    // Trim white space at both ends but keep offsets pointing into the original.
    let s = start, e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '。' || c === '！' || c === '？' || c === '．') {
      // Keep closing brackets/quotes with the sentence they close.
      let e = i + 1;
      while (e < text.length && /[」』）)"'”’]/.test(text[e]!)) e++;
      push(e);
      i = e - 1;
    } else if ((c === '.' || c === '!' || c === '?') && (i + 1 === text.length || /\s/.test(text[i + 1]!))) {
      if (c === '.' && isAbbreviation(text, i)) continue;
      push(i + 1);
    } else if (c === '\n' && text[i + 1] === '\n') {
      push(i);
    }
  }
  push(text.length);
  return out;
}
