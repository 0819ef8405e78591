/**
 * What every layout of the graph keeps of every node, whether or not its details are in
 * memory: what the graph view draws and result lists show. A binary (columnar) snapshot
 * holds these in its core file; descriptions, attributes and text come later, on demand.
 */
import type { Classification, LocalizedText, NodeKind, SnapshotNode } from '../format/index.ts';
import { isPlaceholder } from '../access/redact-snapshot.ts';

export interface NodeHead {
  id: string;
  kind: NodeKind;
  name: string;
  label?: LocalizedText;
  subtype?: string;
  classification: Classification;
  /** A node the viewer's role may not see, kept only to keep the graph connected. */
  placeholder?: true;
}

export function headOf(node: SnapshotNode): NodeHead {
  const s: NodeHead = { id: node.id, kind: node.kind, name: node.name, classification: node.classification };
  if (node.label) s.label = node.label;
  if ('subtype' in node && node.subtype) s.subtype = node.subtype;
  if (isPlaceholder(node)) s.placeholder = true;
  return s;
}
