import type { SnapshotNode } from '../format/index.ts';
import { isPlaceholder } from '../access/index.ts';
import type { NodeSummary } from './types.ts';

export function summarize(node: SnapshotNode): NodeSummary {
  const s: NodeSummary = { id: node.id, kind: node.kind, name: node.name, classification: node.classification };
  if (node.label) s.label = node.label;
  if ('subtype' in node && node.subtype) s.subtype = node.subtype;
  if (isPlaceholder(node)) s.placeholder = true;
  return s;
}
