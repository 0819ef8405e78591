import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HiddenValueMatcher, hiddenValuesFor, parsePolicy, type Policy } from '../access/index.ts';
import { sensitiveGraph, sensitiveLiterature } from '../access/sensitive-graph.fixture.ts';
import { literatureFilterContext, literatureForRole } from './literature-filter.ts';

const policy: Policy = parsePolicy(JSON.parse(readFileSync(new URL('../../../policy/default-policy.json', import.meta.url), 'utf8')));
const graph = sensitiveGraph();

function forRole(role: string) {
  const { kept, leftOut } = literatureForRole(sensitiveLiterature(), literatureFilterContext(policy, role, graph.nodes, graph.relations));
  return { kept: kept.map((d) => d.id), leftOut: Object.fromEntries(leftOut.map((d) => [d.id, `${d.reason} ${d.node}`])) };
}

describe('literatureForRole', () => {
  it('leaves out, for clinicians, documents of hidden nodes and documents naming hidden values in any case or width', () => {
    const { kept, leftOut } = forRole('clinician');
    expect(leftOut).toEqual({
      'lit:secret-benchmark': 'linked-node-not-shown dataset:secret-benchmark',
      'lit:ward7-cohort': 'names-hidden-value dataset:ward7-discharge-notes',
      'lit:sato-ward-round': 'names-hidden-value person:dr-sato-hanako',
      'lit:audit-office': 'names-hidden-value person:auditor-ito',
      'lit:apixaban-faq': 'names-hidden-value prompt:0002',
      'lit:cohort-note': 'names-hidden-value model:meditron-ward7 → dataset:ward7-discharge-notes',
    });
    expect(kept).toEqual(['lit:apixaban-dose', 'lit:llama-2']);
  });

  it('keeps for auditors what they see, and leaves out what names PHI they see only as hashes', () => {
    const { kept, leftOut } = forRole('auditor');
    expect(leftOut).toEqual({ 'lit:ward7-cohort': 'names-hidden-value dataset:ward7-discharge-notes' });
    expect(kept).toContain('lit:secret-benchmark');
    expect(kept).toContain('lit:sato-ward-round');
    expect(kept).toContain('lit:apixaban-faq');
    // The relation to the PHI dataset is shown to auditors (the dataset is redacted, not hidden).
    expect(kept).toContain('lit:cohort-note');
  });

  it('does not leave a document out for a hidden node\'s ordinary vocabulary', () => {
    // The clinician may not see the relation whose role is "held-out split", nor the tag "urgent"; the dose document says both.
    const hidden = hiddenValuesFor(policy, 'clinician', graph.nodes, graph.relations).values;
    const vocabulary = hidden.filter((v) => !v.identifying).map((v) => v.value);
    expect(vocabulary).toEqual(expect.arrayContaining(['held-out split', 'urgent']));
    expect(hidden.find((v) => v.value === 'Yamada cohort')?.identifying).toBe(true);
    expect(forRole('clinician').kept).toContain('lit:apixaban-dose');
  });
});

describe('HiddenValueMatcher', () => {
  const value = (v: string) => ({ value: v, node: 'n', field: 'name', identifying: true });

  it('matches folded whole words in spaced scripts and anywhere in Japanese', () => {
    const m = new HiddenValueMatcher([value('Sato Clinic'), value('佐藤花子'), value('ＭＲＮ-4488')]);
    expect(m.firstIn('Seen at the SATO CLINIC today')?.value).toBe('Sato Clinic');
    expect(m.firstIn('Seen at the Sato Clinics today')).toBeNull();
    expect(m.firstIn('担当は佐藤花子医師')?.value).toBe('佐藤花子');
    expect(m.firstIn('record mrn-4488.')?.value).toBe('ＭＲＮ-4488');
    expect(m.firstIn('record mrn-44881')).toBeNull();
    expect(m.allIn('sato clinic, Sato Clinic').map((x) => x.offset)).toEqual([0, 13]);
  });
});
