/**
 * How a view can fit its frame with labels still readable: which way ranks run and how
 * many nodes one rank can hold. The explorer asks for a subgraph capped at that many nodes
 * per rank, so that fitting the whole drawing to the frame never shrinks labels below
 * MIN_LEGIBLE_FONT_PX.
 *
 * Ranks are hop levels (upstream to the left/top, downstream to the right/bottom). Left to
 * right is how lineage is read, so it is kept while the ranks fit across the frame; a
 * deeper view (depth 3 both ways spans seven ranks) runs top to bottom, where a rank is one
 * node high instead of one label wide.
 */
import { LABEL_FONT_PX, NODE_MAX_HEIGHT, NODE_MAX_WIDTH } from './node-box.ts';

/** Smallest rendered label size we call legible (CSS px). */
export const MIN_LEGIBLE_FONT_PX = 10;
/** Below this zoom, labels are smaller than MIN_LEGIBLE_FONT_PX. */
export const LEGIBLE_ZOOM = MIN_LEGIBLE_FONT_PX / LABEL_FONT_PX;
/** Largest zoom a fit may use: a two-node view should not fill the screen with giant boxes. */
export const MAX_FIT_ZOOM = 1.25;
/** Space kept free around the drawing when it is fitted (CSS px). */
export const FIT_PADDING = 20;
/**
 * Gap between ranks and between neighbouring nodes of a rank, in graph units. "N more"
 * badges hang into the gap between ranks: only nodes that were walked from have one, so
 * the outermost ranks never do and a plan need not count them.
 */
export const RANK_GAP: Record<Orientation, number> = { LR: 40, TB: 34 };
export const NODE_GAP = 10;

export type Orientation = 'LR' | 'TB';

export interface FitPlan {
  orientation: Orientation;
  /** Most nodes one rank can hold and still fit legibly. */
  perRank: number;
}

/** Fewest a rank may hold: one node and the "N more" control beside it. */
const MIN_PER_RANK = 2;

/**
 * `frame`: the graph viewport in CSS px; `rankSpan`: how many ranks the view spans
 * (depth + 1 one way, 2 × depth + 1 both ways).
 */
export function planFit(frame: { width: number; height: number }, rankSpan: number): FitPlan {
  const width = Math.max(0, frame.width - 2 * FIT_PADDING) / LEGIBLE_ZOOM;
  const height = Math.max(0, frame.height - 2 * FIT_PADDING) / LEGIBLE_ZOOM;
  const ranks = Math.max(1, rankSpan);
  const lr = {
    orientation: 'LR' as const,
    depth: ranks * NODE_MAX_WIDTH + (ranks - 1) * RANK_GAP.LR,
    room: width,
    perRank: slots(height, NODE_MAX_HEIGHT),
  };
  const tb = {
    orientation: 'TB' as const,
    depth: ranks * NODE_MAX_HEIGHT + (ranks - 1) * RANK_GAP.TB,
    room: height,
    perRank: slots(width, NODE_MAX_WIDTH),
  };
  const fits = (p: typeof lr | typeof tb) => p.depth <= p.room;
  // Left to right while it fits; else top to bottom; else whichever shrinks less.
  const pick = fits(lr) ? lr : fits(tb) ? tb : lr.room / lr.depth >= tb.room / tb.depth ? lr : tb;
  return { orientation: pick.orientation, perRank: Math.max(MIN_PER_RANK, pick.perRank) };
}

function slots(room: number, size: number): number {
  return Math.floor((room + NODE_GAP) / (size + NODE_GAP));
}

/** Ranks a view spans: the focus, `depth` ranks upstream and/or `depth` downstream. */
export function rankSpan(depth: number, direction: 'up' | 'down' | 'both'): number {
  return 1 + (direction === 'down' ? 0 : depth) + (direction === 'up' ? 0 : depth);
}
