import type { Highlight } from '../../../core/search/literature-passage.ts';

/** Text with ranges marked, as React text nodes and <mark> elements: never HTML. */
export function HighlightedText({ text, highlights }: { text: string; highlights: readonly Highlight[] }) {
  const parts: (string | { mark: string })[] = [];
  let at = 0;
  for (const h of highlights) {
    if (h.start > at) parts.push(text.slice(at, h.start));
    parts.push({ mark: text.slice(h.start, h.end) });
    at = h.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return (
    <>
      {parts.map((p, i) => (typeof p === 'string' ? <span key={i}>{p}</span> : <mark key={i}>{p.mark}</mark>))}
    </>
  );
}
