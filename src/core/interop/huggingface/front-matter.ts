/**
 * A model card's YAML front matter (`---` … `---` at the top of README.md), parsed with the
 * `yaml` package. Errors and key positions are given as lines of the README, not of the
 * YAML block, so that a message points where the person would look.
 */
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { isJsonObject, type JsonObject } from '../json-values.ts';

export type FrontMatter =
  | { kind: 'none' }
  | { kind: 'unclosed'; line: number }
  | { kind: 'error'; line: number; message: string }
  | { kind: 'not-a-map'; line: number }
  | { kind: 'ok'; value: JsonObject; lineOf: (key: string) => number; firstLine: number };

/** Line of the README on which the YAML block starts (the line after the opening `---`). */
export function readFrontMatter(text: string): FrontMatter {
  const open = /^(?:\uFEFF)?((?:[ \t]*\r?\n)*)---[ \t]*\r?\n/.exec(text);
  if (!open) return { kind: 'none' };
  const before = (open[1]!.match(/\n/g) ?? []).length;
  const bodyStart = open[0].length;
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;
  const rest = text.slice(bodyStart);
  const end = close.exec(rest);
  // The YAML block starts on README line before + 2 (line 1 is `---` when nothing precedes it).
  const firstLine = before + 2;
  if (!end) return { kind: 'unclosed', line: before + 1 };
  const yamlText = rest.slice(0, end.index);
  const lines = new LineCounter();
  // uniqueKeys: a repeated key is an error, as the Hub's own YAML parser treats it.
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const at = lines.linePos(e.pos[0]);
    return { kind: 'error', line: firstLine + at.line - 1, message: firstSentence(e.message) };
  }
  let value: unknown;
  try {
    // maxAliasCount bounds "billion laughs" alias expansion.
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    return { kind: 'error', line: firstLine, message: err instanceof Error ? firstSentence(err.message) : String(err) };
  }
  if (value === null || value === undefined) return { kind: 'ok', value: {}, lineOf: () => firstLine, firstLine };
  if (!isJsonObject(value)) return { kind: 'not-a-map', line: firstLine };
  const keyLines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      const key = isScalar(item.key) ? item.key : null;
      if (key && key.range) keyLines.set(String(key.value), firstLine + lines.linePos(key.range[0]).line - 1);
    }
  }
  return { kind: 'ok', value, lineOf: (key) => keyLines.get(key) ?? firstLine, firstLine };
}

function firstSentence(message: string): string {
  const line = message.split('\n')[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 197)}…` : line;
}
