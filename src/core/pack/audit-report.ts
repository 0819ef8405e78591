/**
 * The build's audit trail: a Markdown report of what each role's pack hides, how, and why
 * (the policy's own words), with who built it, when, with which policy and key. It is
 * written outside the role folders: it names counts per classification and the fields
 * redacted, which lower roles need not learn.
 */
import { CLASSIFICATIONS, NODE_KINDS } from '../format/index.ts';
import { rolePolicy, total, type HiddenCounts, type Policy } from '../access/index.ts';
import type { BuiltPack } from './build-pack.ts';

export interface BuildMeta {
  builtBy: string;
  builtAt: string;
  builder: string;
  policyPath: string;
  policyHash: string;
  keyId: string;
  snapshotId: string;
  /** Seconds each role's pack took to build, when measured. */
  seconds?: Record<string, number>;
}

export function auditReportMarkdown(meta: BuildMeta, policy: Policy, packs: BuiltPack[]): string {
  const lines: string[] = [
    '# Raireki pack build report',
    '',
    'Not to be served: this file describes what every role\'s pack hides.',
    '',
    `- Snapshot: \`${meta.snapshotId}\``,
    `- Built by: ${meta.builtBy}`,
    `- Built at: ${meta.builtAt}`,
    `- Builder: ${meta.builder}`,
    `- Policy: \`${meta.policyPath}\` (${meta.policyHash})`,
    `- Signing key id: \`${meta.keyId}\``,
    '',
    '| role | hidden nodes | mode | nodes in pack | placeholders | removed | redacted | relations kept / anonymised / dropped | files | bytes | encrypted |',
    '|---|---|---|---:|---:|---:|---:|---|---:|---:|---|',
  ];
  for (const p of packs) {
    const r = p.report;
    const bytes = p.files.reduce((n, f) => n + f.bytes.byteLength, 0);
    const enc = p.manifest.pack?.encryption;
    lines.push(
      `| ${p.role} | ${total(r.removed.byKind) + total(r.placeholders.byKind)} | ${r.mode} | ${r.shown + r.redacted + total(r.placeholders.byKind)} | ${total(r.placeholders.byKind)} | ${total(r.removed.byKind)} | ${r.redacted} | ${r.relations.kept} / ${r.relations.anonymised} / ${r.relations.dropped + r.relations.dangling} | ${p.files.length} | ${bytes} | ${enc ? `${enc.algorithm}, ${enc.kdf.name} × ${enc.kdf.iterations}` : 'no'} |`,
    );
  }
  for (const p of packs) lines.push('', ...roleSection(p, policy, meta));
  return lines.join('\n') + '\n';
}

function roleSection(p: BuiltPack, policy: Policy, meta: BuildMeta): string[] {
  const r = p.report;
  const role = rolePolicy(policy, p.role);
  const out = [`## ${p.role}`, '', role.description, '', `Hidden nodes become: **${r.mode}** unless a rule says otherwise. ${r.nodes} nodes in the snapshot; ${r.shown} shown as they are, ${r.redacted} with fields redacted.`];
  if (meta.seconds?.[p.role] !== undefined) out.push('', `Built in ${meta.seconds[p.role]!.toFixed(2)} s.`);
  out.push('', ...countTable('Replaced by "restricted" placeholders', r.placeholders), '', ...countTable('Removed (with their relations)', r.removed));
  const fields = Object.entries(r.redactedFields).sort(([a], [b]) => a.localeCompare(b));
  if (fields.length > 0) {
    out.push('', 'Fields redacted (nodes affected):', '', '| field | hashed | dropped |', '|---|---:|---:|');
    for (const [field, c] of fields) out.push(`| ${field} | ${c.hash} | ${c.drop} |`);
  }
  out.push('', ...literatureLines(p));
  out.push(
    '',
    `Relations: ${r.relations.kept} kept, ${r.relations.anonymised} kept without role/time/subtype (they touch a placeholder), ${r.relations.dropped} dropped with removed nodes, ${r.relations.dangling} dropped as dangling; ${r.duplicateNodesDropped} duplicate node ids dropped.`,
    '',
    'Rules applied:',
    '',
    '| # | effect | nodes | why |',
    '|---:|---|---:|---|',
  );
  for (const { rule, nodes } of r.rules) {
    const entry = rule >= 0 ? role.rules[rule]! : undefined;
    const effect = entry ? `${entry.effect}${entry.effect === 'hide' ? ` (${entry.mode ?? role.hidden})` : ''}` : `default: ${role.default}`;
    out.push(`| ${rule >= 0 ? rule + 1 : '–'} | ${effect} | ${nodes} | ${entry ? escapeCell(entry.why) : 'no rule matched'} |`);
  }
  return out;
}

const LEFT_OUT_WHY = {
  'linked-node-not-shown': 'is the text of a node this role is not shown in full',
  'names-hidden-value': 'names a value this role may not see',
} as const;

function literatureLines(p: BuiltPack): string[] {
  const lit = p.literature;
  if (!lit) return ['Literature: none in this pack.'];
  if (lit.leftOut.length === 0) return [`Literature: ${lit.kept} documents indexed, none left out.`];
  const out = [`Literature: ${lit.kept} documents indexed, ${lit.leftOut.length} left out (the index, and the default model's vocabulary, are built without them):`, ''];
  out.push('| document | why | node | field |', '|---|---|---|---|');
  for (const d of lit.leftOut) out.push(`| ${escapeCell(d.id)} | ${LEFT_OUT_WHY[d.reason]} | ${escapeCell(d.node)} | ${d.field ?? ''} |`);
  return out;
}

function countTable(title: string, counts: HiddenCounts): string[] {
  if (total(counts.byKind) === 0) return [`${title}: none.`];
  const kinds = NODE_KINDS.filter((k) => counts.byKind[k]).map((k) => `${k} ${counts.byKind[k]}`);
  const classes = CLASSIFICATIONS.filter((c) => counts.byClassification[c]).map((c) => `${c} ${counts.byClassification[c]}`);
  return [`${title}: ${total(counts.byKind)} — by kind: ${kinds.join(', ')}; by classification: ${classes.join(', ')}.`];
}

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
