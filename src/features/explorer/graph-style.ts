/**
 * Cytoscape stylesheet: one entry per node kind (from the shared kind styles), plus the
 * states the explorer uses (focus, selected, path, highlighted, faded).
 */
import type { StylesheetJson } from 'cytoscape';
import { NODE_KINDS } from '../../core/format/index.ts';
import { KIND_STYLES } from '../../lib/kind-style.ts';

export function graphStylesheet(): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': 11,
        'font-family': 'system-ui, "Noto Sans CJK JP", "Hiragino Sans", sans-serif',
        width: 'data(width)',
        height: 'data(height)',
        'border-width': 1.5,
        'text-wrap': 'ellipsis',
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
