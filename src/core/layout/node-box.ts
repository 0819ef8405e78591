/**
 * The box a node is drawn in: its label wrapped onto at most two short lines (shortened with
 * "…" past that) and the size that holds them. Narrow, two-line boxes are what let a
 * depth-3 view fit a laptop screen with labels still readable; the full name is shown on
 * hover and keyboard focus. Widths are estimated from character classes (no DOM here),
 * on the generous side so that the real text never overflows its box.
 */

/** Label font size in graph units (rendered size = this × zoom). */
export const LABEL_FONT_PX = 12;
export const LABEL_LINE_HEIGHT_PX = 15;
export const LABEL_MAX_LINES = 2;
/** About 15 Latin or 9 CJK characters. */
export const LABEL_LINE_MAX_PX = 110;
const PAD_X = 20;
const PAD_Y = 10;
export const NODE_MAX_WIDTH = LABEL_LINE_MAX_PX + PAD_X;
export const NODE_MAX_HEIGHT = LABEL_MAX_LINES * LABEL_LINE_HEIGHT_PX + PAD_Y;
const NODE_MIN_WIDTH = 56;
const ELLIPSIS = '…';

export interface NodeBox {
  /** The label as drawn: lines joined by "\n". */
  label: string;
  /** True when characters were left out (the full text belongs in a tooltip). */
  shortened: boolean;
  width: number;
  height: number;
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const NARROW = /[\s.,:;'|!il1()[\]\-/]/u;

/** Estimated width of one character at LABEL_FONT_PX: CJK and full-width a full em, Latin ~0.62 em. */
export function charWidth(ch: string): number {
  if (WIDE.test(ch)) return LABEL_FONT_PX;
  if (/\p{Extended_Pictographic}/u.test(ch)) return LABEL_FONT_PX * 1.25;
  if (NARROW.test(ch)) return LABEL_FONT_PX * 0.36;
  if (/[A-Z0-9mwMW@%&]/.test(ch)) return LABEL_FONT_PX * 0.72;
  return LABEL_FONT_PX * 0.6;
}

export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/**
 * Pieces a line may break after: words with their trailing space or hyphen-like mark, and
 * single CJK characters (Japanese has no spaces, a line may break between any two).
 */
function breakPieces(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const ch of text) {
    if (WIDE.test(ch)) {
      if (current) pieces.push(current);
      pieces.push(ch);
      current = '';
      continue;
    }
    current += ch;
    if (/[\s\-/_:.]/.test(ch)) {
      pieces.push(current);
      current = '';
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Wraps `text` onto at most `maxLines` lines of at most `maxWidth`, ending with "…" when it had to cut. */
export function wrapLabel(text: string, maxWidth = LABEL_LINE_MAX_PX, maxLines = LABEL_MAX_LINES): { lines: string[]; shortened: boolean } {
  const clean = text.replace(/\s+/g, ' ').trim();
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  const pieces = breakPieces(clean);
  for (let i = 0; i < pieces.length; i++) {
    let piece = pieces[i]!;
    const w = textWidth(piece);
    if (lineWidth + textWidth(piece.trimEnd()) <= maxWidth) {
      line += piece;
      lineWidth += w;
      continue;
    }
    // A piece longer than a whole line is split by characters.
    while (piece) {
      if (line) {
        lines.push(line.trimEnd());
        line = '';
        lineWidth = 0;
        if (lines.length === maxLines) return { lines: withEllipsis(lines, maxWidth), shortened: true };
      }
      if (textWidth(piece.trimEnd()) <= maxWidth) {
        line = piece;
        lineWidth = textWidth(piece);
        piece = '';
      } else {
        let cut = 0;
        let acc = 0;
        const chars = [...piece];
        while (cut < chars.length && acc + charWidth(chars[cut]!) <= maxWidth) acc += charWidth(chars[cut++]!);
        line = chars.slice(0, Math.max(1, cut)).join('');
        piece = chars.slice(Math.max(1, cut)).join('');
        lineWidth = textWidth(line);
      }
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length > maxLines) return { lines: withEllipsis(lines.slice(0, maxLines), maxWidth), shortened: true };
  return { lines, shortened: false };
}

/** Makes room for "…" at the end of the last line. */
function withEllipsis(lines: string[], maxWidth: number): string[] {
  const chars = [...lines[lines.length - 1]!];
  const room = maxWidth - charWidth(ELLIPSIS);
  while (chars.length && textWidth(chars.join('')) > room) chars.pop();
  lines[lines.length - 1] = `${chars.join('').trimEnd()}${ELLIPSIS}`;
  return lines;
}

/** The drawn label and the box around it. */
export function nodeBox(text: string): NodeBox {
  const { lines, shortened } = wrapLabel(text);
  const widest = Math.max(0, ...lines.map(textWidth));
  return {
    label: lines.join('\n'),
    shortened,
    width: Math.max(NODE_MIN_WIDTH, Math.ceil(widest) + PAD_X),
    height: Math.max(1, lines.length) * LABEL_LINE_HEIGHT_PX + PAD_Y,
  };
}

/** "N more" is a small badge on its parent's edge: "+37", the full wording in its tooltip and name. */
export const MORE_BADGE_HEIGHT = 20;
/** Room for "+9999" or "+999k" (the tooltip has the exact count). */
export const MORE_BADGE_MAX_WIDTH = 50;

export function moreBadgeBox(hidden: number): NodeBox {
  const label = hidden < 10_000 ? `+${hidden}` : `+${Math.min(999, Math.floor(hidden / 1000))}k`;
  return { label, shortened: false, width: Math.min(MORE_BADGE_MAX_WIDTH, Math.ceil(textWidth(label)) + 14), height: MORE_BADGE_HEIGHT };
}
