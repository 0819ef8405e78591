/**
 * One visual entry per node kind, shared by the graph and the legend/badges. Colours
 * are paired with distinct shapes so kinds stay distinguishable without colour.
 * Text colours reach WCAG AA contrast on their backgrounds.
 */
import type { NodeKind } from '../core/format/index.ts';

export interface KindStyle {
  background: string;
  border: string;
  text: string;
  shape: 'round-rectangle' | 'ellipse' | 'diamond' | 'hexagon' | 'rectangle' | 'tag' | 'barrel' | 'cut-rectangle';
  /** Short mark shown in badges. */
  glyph: string;
}

export const KIND_STYLES: Record<NodeKind, KindStyle> = {
  dataset: { background: '#dbeafe', border: '#1d4ed8', text: '#1e3a8a', shape: 'barrel', glyph: 'D' },
  model: { background: '#ede9fe', border: '#6d28d9', text: '#4c1d95', shape: 'round-rectangle', glyph: 'M' },
  activity: { background: '#fef3c7', border: '#b45309', text: '#78350f', shape: 'hexagon', glyph: 'A' },
  evaluation: { background: '#dcfce7', border: '#15803d', text: '#14532d', shape: 'diamond', glyph: 'E' },
  prompt: { background: '#f1f5f9', border: '#475569', text: '#1e293b', shape: 'tag', glyph: 'P' },
  output: { background: '#ffe4e6', border: '#be123c', text: '#881337', shape: 'cut-rectangle', glyph: 'O' },
  document: { background: '#e0f2fe', border: '#0369a1', text: '#0c4a6e', shape: 'rectangle', glyph: 'L' },
  agent: { background: '#fae8ff', border: '#a21caf', text: '#701a75', shape: 'ellipse', glyph: 'P' },
  job: { background: '#ffedd5', border: '#c2410c', text: '#7c2d12', shape: 'rectangle', glyph: 'J' },
  entity: { background: '#f5f5f4', border: '#57534e', text: '#292524', shape: 'round-rectangle', glyph: 'N' },
};
