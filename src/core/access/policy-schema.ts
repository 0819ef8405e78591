/**
 * The access policy file: which nodes each role's pack holds, which it replaces by a
 * "restricted" placeholder or removes, and which fields of a shown node are hashed or
 * dropped. The zod schema is the source of the TypeScript types, of the validation the
 * pack CLI runs, and of `policy/policy.schema.json` (for editors).
 *
 * Rules are evaluated in order and the first rule whose `match` fits the node decides;
 * a node no rule matches gets the role's `default` (normally "hide"), so a new node kind
 * or classification is hidden until someone writes a rule for it.
 */
import { z } from 'zod';
import { Classification, NodeKind, SnapshotNode } from '../format/index.ts';

export const POLICY_FORMAT = 'raireki-policy';

export const EFFECTS = ['show', 'redact', 'hide'] as const;
export type Effect = (typeof EFFECTS)[number];

/** What happens to a field of a redacted node: kept, replaced by `sha256:<hex>` of its text, or removed. */
export const FIELD_ACTIONS = ['show', 'hash', 'drop'] as const;
export const FieldAction = z.enum(FIELD_ACTIONS);
export type FieldAction = z.infer<typeof FieldAction>;

/** How a hidden node leaves the pack: gone with its relations, or a field-less placeholder that keeps paths. */
export const HIDDEN_MODES = ['remove', 'placeholder'] as const;
export const HiddenMode = z.enum(HIDDEN_MODES);
export type HiddenMode = z.infer<typeof HiddenMode>;

/** Fields every node keeps: identity and shape, needed to load and draw the graph. */
export const STRUCTURAL_FIELDS = ['id', 'kind', 'classification'] as const;

/** Every field some node kind may carry, read from the snapshot schema so that the two cannot drift. */
export const NODE_FIELDS: readonly string[] = [...new Set(SnapshotNode.options.flatMap((o) => Object.keys(o.shape)))];
const REDACTABLE_FIELDS = NODE_FIELDS.filter((f) => !(STRUCTURAL_FIELDS as readonly string[]).includes(f));

/** Role names become folder names and nginx map values: keep them plain. */
export const RoleName = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be lower-case letters, digits and "-", starting with a letter');

export const RuleMatch = z
  .object({
    kinds: z.array(NodeKind).min(1).optional(),
    classifications: z.array(Classification).min(1).optional(),
    subtypes: z.array(z.string().min(1)).min(1).optional().describe('Matches nodes whose `subtype` is listed; nodes without one never match'),
  })
  .strict()
  .describe('All given conditions must hold; an empty match fits every node');
export type RuleMatch = z.infer<typeof RuleMatch>;

export const PolicyRule = z
  .object({
    match: RuleMatch,
    effect: z.enum(EFFECTS),
    why: z.string().min(1).describe('Reason, repeated in the build report'),
    mode: HiddenMode.optional().describe('For "hide": overrides the role\'s `hidden` mode'),
    fields: z
      .record(z.string(), FieldAction)
      .optional()
      .describe('For "redact": action per field; id, kind and classification are always kept'),
    otherFields: FieldAction.optional().describe('For "redact": action for fields not listed in `fields` (default "hash")'),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.effect !== 'hide' && rule.mode !== undefined) ctx.addIssue({ code: 'custom', message: '"mode" only applies to "hide" rules', path: ['mode'] });
    if (rule.effect !== 'redact' && (rule.fields !== undefined || rule.otherFields !== undefined)) {
      ctx.addIssue({ code: 'custom', message: '"fields" and "otherFields" only apply to "redact" rules', path: ['fields'] });
    }
    for (const field of Object.keys(rule.fields ?? {})) {
      if (!REDACTABLE_FIELDS.includes(field)) {
        ctx.addIssue({ code: 'custom', message: `unknown or structural field "${field}" (redactable: ${REDACTABLE_FIELDS.join(', ')})`, path: ['fields', field] });
      }
    }
  });
export type PolicyRule = z.infer<typeof PolicyRule>;

export const RolePolicy = z
  .object({
    description: z.string().min(1),
    hidden: HiddenMode.describe('What happens to hidden nodes unless a rule says otherwise'),
    rules: z.array(PolicyRule),
    default: z.enum(['show', 'hide']).describe('Effect for nodes that no rule matches'),
  })
  .strict();
export type RolePolicy = z.infer<typeof RolePolicy>;

export const Policy = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(POLICY_FORMAT),
    version: z.literal(1),
    description: z.string().optional(),
    roles: z.record(RoleName, RolePolicy).refine((r) => Object.keys(r).length > 0, 'needs at least one role'),
  })
  .strict();
export type Policy = z.infer<typeof Policy>;

/** Validates a parsed policy file; throws with every problem and its JSON path. */
export function parsePolicy(value: unknown): Policy {
  const result = Policy.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`invalid policy:\n${lines.join('\n')}`);
}

/** JSON Schema of the policy file, written to policy/policy.schema.json. */
export function policyJsonSchema(): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(Policy, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>),
    $id: 'urn:raireki:schema:policy:1',
    title: 'Raireki access policy, version 1',
  };
}
