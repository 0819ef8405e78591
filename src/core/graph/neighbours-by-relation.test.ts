import { describe, expect, it } from 'vitest';
import { buildGraphIndex, neighboursByRelation } from './index.ts';
import { sampleLineage } from '../../testing/sample-lineage.ts';

const { index } = buildGraphIndex(sampleLineage());
const at = (id: string) => index.indexOf(id);

describe('neighboursByRelation', () => {
  it('groups outgoing then incoming relations by type, in RELATION_TYPES order', () => {
    const groups = neighboursByRelation(index, at('med')).map((g) => ({
      type: g.type,
      direction: g.direction,
      ids: g.items.map((i) => index.nodeId(i.node)),
    }));
    expect(groups).toEqual([
      { type: 'wasGeneratedBy', direction: 'out', ids: ['ft'] },
      { type: 'wasDerivedFrom', direction: 'out', ids: ['base'] },
      { type: 'used', direction: 'in', ids: ['quant', 'ev'] },
      { type: 'wasDerivedFrom', direction: 'in', ids: ['medq'] },
    ]);
  });

  it('gives the edge of each item', () => {
    for (const g of neighboursByRelation(index, at('inf'))) {
      for (const { edge, node } of g.items) {
        expect(index.relation(edge).type).toBe(g.type);
        const [self, other] = g.direction === 'out' ? [index.edgeFrom[edge], index.edgeTo[edge]] : [index.edgeTo[edge], index.edgeFrom[edge]];
        expect([self, other]).toEqual([at('inf'), node]);
      }
    }
  });

  it('is empty for an isolated node', () => {
    expect(neighboursByRelation(index, at('lonely'))).toEqual([]);
  });
});
