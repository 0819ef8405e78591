/**
 * Which field of a hit matched the query best, for the result list ("matched in
 * description.ja") and its snippet: the field with the largest weight × idf of the query
 * groups it contains. Only the returned hits are re-analysed, so the index need not record
 * fields per posting.
 */
import type { SnapshotNode } from '../format/index.ts';
import { scanTerms } from './analyze.ts';
import { idf, type Bm25Index } from './bm25-index.ts';
import { groupDocFrequency, type TermGroup } from './bm25.ts';
import { NODE_SEARCH_FIELDS, visitSearchFields } from './node-fields.ts';
import { normalizeText } from './normalize.ts';

export function fieldExplainer(bm25: Bm25Index, groups: readonly TermGroup[]): (node: SnapshotNode) => string {
  const groupOf = new Map<number, number>();
  groups.forEach((g, i) => g.terms.forEach((t) => groupOf.has(t) || groupOf.set(t, i)));
  const groupIdf = groups.map((g) => idf(bm25.docCount, groupDocFrequency(bm25, g)));
  const matched = new Uint8Array(groups.length);

  return (node) => {
    let bestField = 'name';
    let bestScore = 0;
    visitSearchFields(node, (field, text, bm25Field) => {
      matched.fill(0);
      let sum = 0;
      const s = normalizeText(text);
      scanTerms(s, (start, end) => {
        const t = bm25.vocabulary.get(s.slice(start, end));
        const g = t === undefined ? undefined : groupOf.get(t);
        if (g !== undefined && matched[g] === 0) {
          matched[g] = 1;
          sum += groupIdf[g]!;
        }
      });
      const score = NODE_SEARCH_FIELDS[bm25Field]!.weight * sum;
      if (score > bestScore) {
        bestScore = score;
        bestField = field;
      }
    });
    return bestField;
  };
}
