import { describe, expect, it } from 'vitest';
import { FIT_PADDING, LEGIBLE_ZOOM, MIN_LEGIBLE_FONT_PX, NODE_GAP, RANK_GAP, planFit } from './fit-plan.ts';
import { LABEL_FONT_PX, NODE_MAX_HEIGHT, NODE_MAX_WIDTH } from './node-box.ts';

/** Size of a drawing with `ranks` full ranks of `perRank` nodes of the largest size. */
function worstCase(plan: { orientation: 'LR' | 'TB'; perRank: number }, ranks: number) {
  const along = plan.orientation === 'LR' ? NODE_MAX_WIDTH : NODE_MAX_HEIGHT;
  const across = plan.orientation === 'LR' ? NODE_MAX_HEIGHT : NODE_MAX_WIDTH;
  const a = ranks * along + (ranks - 1) * RANK_GAP[plan.orientation];
  const c = plan.perRank * across + (plan.perRank - 1) * NODE_GAP;
  return plan.orientation === 'LR' ? { width: a, height: c } : { width: c, height: a };
}

describe('fit plan', () => {
  it('defines legible as the label font at the legible zoom', () => {
    expect(LABEL_FONT_PX * LEGIBLE_ZOOM).toBeCloseTo(MIN_LEGIBLE_FONT_PX);
  });

  it('runs ranks left to right while they fit across, top to bottom when a deeper view would not', () => {
    const laptop = { width: 760, height: 600 };
    expect(planFit(laptop, 3).orientation).toBe('LR');
    expect(planFit(laptop, 7).orientation).toBe('TB');
    // A wide screen keeps left to right at depth 3 both ways.
    expect(planFit({ width: 1900, height: 1000 }, 7).orientation).toBe('LR');
  });

  it('fits a worst-case drawing of every size legibly', () => {
    for (const frame of [
      { width: 760, height: 600 },
      { width: 1200, height: 800 },
      { width: 1900, height: 1100 },
      { width: 500, height: 900 },
    ]) {
      for (const ranks of [1, 2, 3, 4, 5, 7]) {
        const plan = planFit(frame, ranks);
        const size = worstCase(plan, ranks);
        const zoom = Math.min((frame.width - 2 * FIT_PADDING) / size.width, (frame.height - 2 * FIT_PADDING) / size.height);
        if (zoom < LEGIBLE_ZOOM) {
          // Only when the ranks alone do not fit either way: then no cap can help.
          expect(plan.perRank).toBe(2);
        } else {
          expect(zoom).toBeGreaterThanOrEqual(LEGIBLE_ZOOM);
        }
      }
    }
  });

  it('holds more per rank on a larger frame, and never fewer than a node and its neighbour', () => {
    expect(planFit({ width: 760, height: 900 }, 3).perRank).toBeGreaterThan(planFit({ width: 760, height: 500 }, 3).perRank);
    expect(planFit({ width: 100, height: 100 }, 13).perRank).toBe(2);
  });
});
