/**
 * Small integer codes for node kinds and relation types, so that traversal filters test a
 * bit in a mask instead of comparing strings on every visited node.
 */
import { NODE_KINDS, RELATION_TYPES, type NodeKind, type RelationType } from '../format/index.ts';

const KIND_CODE = new Map<string, number>(NODE_KINDS.map((k, i) => [k, i]));
const TYPE_CODE = new Map<string, number>(RELATION_TYPES.map((t, i) => [t, i]));

/** Code stored for a relation type the schema does not know (only reachable with unvalidated input). */
export const UNKNOWN_TYPE_CODE = 255;

export function kindCode(kind: NodeKind): number {
  const code = KIND_CODE.get(kind);
  if (code === undefined) throw new Error(`unknown node kind "${kind}"`);
  return code;
}

export function relationTypeCode(type: RelationType): number {
  return TYPE_CODE.get(type) ?? UNKNOWN_TYPE_CODE;
}

/** Bit mask with one bit per allowed kind; every kind when `kinds` is undefined. */
export function kindMask(kinds: readonly NodeKind[] | undefined): number {
  if (kinds === undefined) return (1 << NODE_KINDS.length) - 1;
  let mask = 0;
  for (const k of kinds) mask |= 1 << kindCode(k);
  return mask;
}
