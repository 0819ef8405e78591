import type { Lang, LocalizedText, SnapshotNode } from './schema.ts';

/** The text in the wanted language, else the other one. */
export function pickText(text: LocalizedText | undefined, lang: Lang): string | undefined {
  if (!text) return undefined;
  return lang === 'ja' ? (text.ja ?? text.en) : (text.en ?? text.ja);
}

/** Display name of a node in a language: its localised label, else its canonical name. */
export function displayName(node: Pick<SnapshotNode, 'name' | 'label'>, lang: Lang): string {
  return pickText(node.label, lang) ?? node.name;
}
