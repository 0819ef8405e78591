/**
 * Cytoscape stylesheet: one entry per node kind (from the shared kind styles), plus the
 * states the explorer uses (focus, selected, path, highlighted, faded, the keyboard's
 * node) and the "+N" badges of folded groups. Label size and line height are the ones
 * node boxes are measured with (core/layout/node-box.ts).
 */
import type { StylesheetJson } from 'cytoscape';
import { NODE_KINDS } from '../../core/format/index.ts';
import { LABEL_FONT_PX, LABEL_LINE_HEIGHT_PX } from '../../core/layout/index.ts';
import { KIND_STYLES } from '../../lib/kind-style.ts';

export function graphStylesheet(): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': LABEL_FONT_PX,
        'line-height': LABEL_LINE_HEIGHT_PX / LABEL_FONT_PX,
        'font-family': 'system-ui, "Noto Sans CJK JP", "Hiragino Sans", sans-serif',
        width: 'data(width)',
        height: 'data(height)',
        'border-width': 1.5,
        // Lines are broken by nodeBox ("\n"); the box is wider than any line, so nothing re-wraps.
        'text-wrap': 'wrap',
        'text-max-width': 'data(textWidth)',
      },
    },
    ...NODE_KINDS.map((kind) => ({
      selector: `node[kind = "${kind}"]`,
      style: {
        'background-color': KIND_STYLES[kind].background,
        'border-color': KIND_STYLES[kind].border,
        color: KIND_STYLES[kind].text,
        shape: KIND_STYLES[kind].shape,
      },
    })),
    { selector: 'node[?placeholder]', style: { 'background-color': '#e2e8f0', 'border-color': '#64748b', color: '#334155', 'border-style': 'dashed' } },
    { selector: 'node[classification = "phi"]', style: { 'border-style': 'double', 'border-width': 4 } },
    { selector: 'node.focus', style: { 'border-width': 4, 'font-weight': 'bold' } },
    { selector: 'node:selected', style: { 'overlay-color': '#2563eb', 'overlay-opacity': 0.18, 'overlay-padding': 6 } },
    {
      selector: 'node.more',
      style: {
        shape: 'round-rectangle',
        'background-color': '#ffffff',
        'border-color': '#1d4ed8',
        'border-style': 'dashed',
        'border-width': 1.5,
        color: '#1e3a8a',
        'font-weight': 'bold',
        'text-wrap': 'none',
        'z-index': 20,
      },
    },
    { selector: 'node.kbd', style: { 'outline-width': 3, 'outline-color': '#d97706', 'outline-offset': 3, 'outline-opacity': 1 } },
    {
      selector: 'edge',
      style: {
        width: 1.4,
        'curve-style': 'bezier',
        'line-color': '#94a3b8',
        'target-arrow-color': '#94a3b8',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
      },
    },
    { selector: 'edge[type = "wasDerivedFrom"]', style: { 'line-color': '#6d28d9', 'target-arrow-color': '#6d28d9', width: 2 } },
    { selector: 'edge[type = "wasAttributedTo"], edge[type = "wasAssociatedWith"], edge[type = "actedOnBehalfOf"]', style: { 'line-style': 'dashed' } },
    { selector: '.path', style: { 'line-color': '#dc2626', 'target-arrow-color': '#dc2626', 'border-color': '#dc2626', width: 4, 'border-width': 4, 'z-index': 10 } },
    { selector: '.hl', style: { opacity: 1, 'z-index': 9 } },
    { selector: 'edge.hl', style: { 'line-color': '#ea580c', 'target-arrow-color': '#ea580c', width: 3 } },
    { selector: '.faded', style: { opacity: 0.18 } },
  ];
}
