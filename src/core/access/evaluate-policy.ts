/**
 * Deciding, for one role, what becomes of each node. Pure and synchronous; the role's
 * rules are compiled once into sets so that a million nodes cost a few set lookups each.
 */
import type { SnapshotNode } from '../format/index.ts';
import type { Effect, FieldAction, HiddenMode, Policy, PolicyRule, RolePolicy } from './policy-schema.ts';

export interface Decision {
  effect: Effect;
  /** Index of the deciding rule in the role's `rules`, -1 when the role's default decided. */
  rule: number;
  /** For "hide": how the node leaves the pack. */
  mode: HiddenMode;
  /** For "redact": action per field, and for the fields not listed. */
  fields: Readonly<Record<string, FieldAction>>;
  otherFields: FieldAction;
}

export type Decide = (node: SnapshotNode) => Decision;

/** The role's entry, or an error naming the roles the policy has. */
export function rolePolicy(policy: Policy, role: string): RolePolicy {
  const entry = Object.prototype.hasOwnProperty.call(policy.roles, role) ? policy.roles[role] : undefined;
  if (!entry) throw new Error(`role "${role}" is not in the policy (roles: ${Object.keys(policy.roles).join(', ')})`);
  return entry;
}

/** Compiles a role's rules into a decision function. */
export function compileRole(policy: Policy, role: string): Decide {
  const entry = rolePolicy(policy, role);
  const rules = entry.rules.map((rule, index) => compileRule(rule, index, entry.hidden));
  const fallback: Decision = { effect: entry.default, rule: -1, mode: entry.hidden, fields: {}, otherFields: 'show' };
  return (node) => {
    for (const rule of rules) if (rule.matches(node)) return rule.decision;
    return fallback;
  };
}

/** What the role's pack does with this node: keep it, keep it with fields hashed or dropped, or hide it. */
export function evaluatePolicy(policy: Policy, role: string, node: SnapshotNode): Effect {
  return effectiveEffect(compileRole(policy, role)(node));
}

/** A "redact" rule whose every field is shown changes nothing: report it as "show". */
export function effectiveEffect(decision: Decision): Effect {
  if (decision.effect !== 'redact') return decision.effect;
  const changes = decision.otherFields !== 'show' || Object.values(decision.fields).some((a) => a !== 'show');
  return changes ? 'redact' : 'show';
}

function compileRule(rule: PolicyRule, index: number, roleMode: HiddenMode) {
  const kinds = rule.match.kinds ? new Set<string>(rule.match.kinds) : null;
  const classifications = rule.match.classifications ? new Set<string>(rule.match.classifications) : null;
  const subtypes = rule.match.subtypes ? new Set(rule.match.subtypes) : null;
  const decision: Decision = {
    effect: rule.effect,
    rule: index,
    mode: rule.mode ?? roleMode,
    fields: rule.fields ?? {},
    otherFields: rule.effect === 'redact' ? (rule.otherFields ?? 'hash') : 'show',
  };
  const matches = (node: SnapshotNode): boolean => {
    if (kinds && !kinds.has(node.kind)) return false;
    if (classifications && !classifications.has(node.classification)) return false;
    if (subtypes) {
      const subtype = 'subtype' in node ? node.subtype : undefined;
      if (subtype === undefined || !subtypes.has(subtype)) return false;
    }
    return true;
  };
  return { matches, decision };
}
