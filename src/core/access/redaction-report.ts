/**
 * What a role's redaction did, in numbers: the build report (for the people who build
 * and audit packs) and the manifest's hidden counts (for the app) are written from it.
 */
import type { HiddenMode, RolePolicy } from './policy-schema.ts';

export interface HiddenCounts {
  byKind: Record<string, number>;
  byClassification: Record<string, number>;
}

export interface RedactionReport {
  role: string;
  /** The role's default mode for hidden nodes (rules may override it). */
  mode: HiddenMode;
  /** Nodes in the input, and how they ended up. */
  nodes: number;
  shown: number;
  redacted: number;
  redactedByKind: Record<string, number>;
  /** Per field, how many nodes had it hashed or dropped. */
  redactedFields: Record<string, { hash: number; drop: number }>;
  removed: HiddenCounts;
  placeholders: HiddenCounts;
  duplicateNodesDropped: number;
  relations: {
    kept: number;
    /** Kept between a visible node and a placeholder (or two), stripped of role, time and subtype. */
    anonymised: number;
    /** Dropped because an end was removed. */
    dropped: number;
    /** Dropped because an end is not a node of the snapshot. */
    dangling: number;
  };
  /** How many nodes each rule decided (rule -1: the role's default). */
  rules: { rule: number; nodes: number }[];
}

export function emptyReport(role: string, policy: RolePolicy): RedactionReport {
  return {
    role,
    mode: policy.hidden,
    nodes: 0,
    shown: 0,
    redacted: 0,
    redactedByKind: {},
    redactedFields: {},
    removed: { byKind: {}, byClassification: {} },
    placeholders: { byKind: {}, byClassification: {} },
    duplicateNodesDropped: 0,
    relations: { kept: 0, anonymised: 0, dropped: 0, dangling: 0 },
    rules: [],
  };
}

export function total(counts: Record<string, number>): number {
  let sum = 0;
  for (const v of Object.values(counts)) sum += v;
  return sum;
}
