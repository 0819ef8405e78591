/**
 * A read-only view of the drawing for the browser tests: every drawn node's rendered box,
 * label and font size, and the frame. Installed only when the page was opened with
 * `window.__RAIREKI_TEST_HOOKS__ = true` set before the app loads (Playwright's
 * addInitScript), so production pages expose nothing.
 */
import type { Core } from 'cytoscape';

export interface GraphProbe {
  width: number;
  height: number;
  zoom: number;
  nodes: {
    id: string;
    /** "node" for a snapshot node, "more" for a "+N" badge. */
    type: 'node' | 'more';
    label: string;
    /** Rendered label size in CSS px (style size × zoom). */
    fontPx: number;
    /** Rendered bounding box (labels included), relative to the graph frame. */
    box: { x1: number; y1: number; x2: number; y2: number };
  }[];
}

declare global {
  interface Window {
    __RAIREKI_TEST_HOOKS__?: boolean;
    __rairekiGraph?: () => GraphProbe;
  }
}

export function exposeGraphProbe(cy: Core, moreIdPrefix: string): () => void {
  if (typeof window === 'undefined' || window.__RAIREKI_TEST_HOOKS__ !== true) return () => {};
  const probe = (): GraphProbe => ({
    width: cy.width(),
    height: cy.height(),
    zoom: cy.zoom(),
    nodes: cy.nodes().map((n) => {
      const b = n.renderedBoundingBox({ includeLabels: true, includeOverlays: false });
      return {
        id: n.id(),
        type: n.id().startsWith(moreIdPrefix) ? ('more' as const) : ('node' as const),
        label: String(n.data('label') ?? ''),
        fontPx: parseFloat(String(n.style('font-size'))) * cy.zoom(),
        box: { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 },
      };
    }),
  });
  window.__rairekiGraph = probe;
  return () => {
    if (window.__rairekiGraph === probe) delete window.__rairekiGraph;
  };
}
