import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SnapshotNode } from '../format/index.ts';
import { evaluatePolicy, rolePolicy } from './evaluate-policy.ts';
import { parsePolicy, type Policy } from './policy-schema.ts';
import { sensitiveGraph } from './sensitive-graph.fixture.ts';

const defaultPolicy = (): Policy => parsePolicy(JSON.parse(readFileSync(new URL('../../../policy/default-policy.json', import.meta.url), 'utf8')));
const byId = (id: string): SnapshotNode => sensitiveGraph().nodes.find((n) => n.id === id)!;

describe('evaluatePolicy with the default policy', () => {
  const policy = defaultPolicy();
  const effects = (role: string) => Object.fromEntries(sensitiveGraph().nodes.map((n) => [n.id, evaluatePolicy(policy, role, n)]));

  it('shows clinicians outputs and the models behind them, but no prompts, PHI, people or access logs', () => {
    const e = effects('clinician');
    expect(e['output:0002']).toBe('show');
    expect(e['model:meditron-ward7']).toBe('show');
    expect(e['model:llama-2-70b']).toBe('show');
    expect(e['session:0001']).toBe('show');
    expect(e['prompt:0002']).toBe('hide'); // not even a restricted, non-PHI prompt
    expect(e['output:0001']).toBe('hide'); // PHI
    expect(e['dataset:ward7-discharge-notes']).toBe('hide');
    expect(e['dataset:secret-benchmark']).toBe('hide');
    expect(e['access:0001']).toBe('hide');
    expect(e['person:dr-sato-hanako']).toBe('hide');
  });

  it('shows researchers models, datasets and evaluations but no usage', () => {
    const e = effects('researcher');
    for (const id of ['model:meditron-ward7', 'dataset:pubmed-abstracts', 'dataset:secret-benchmark', 'evaluation:ward7-medqa', 'activity:ft-run-17']) expect(e[id]).toBe('show');
    for (const id of ['prompt:0002', 'output:0002', 'session:0001', 'access:0001', 'person:auditor-ito', 'dataset:ward7-discharge-notes']) expect(e[id]).toBe('hide');
  });

  it('shows auditors everything, PHI nodes redacted', () => {
    const e = effects('auditor');
    expect(e['prompt:0001']).toBe('redact');
    expect(e['output:0001']).toBe('redact');
    expect(e['dataset:ward7-discharge-notes']).toBe('redact');
    expect(e['access:0001']).toBe('show');
    expect(e['prompt:0002']).toBe('show');
    expect(Object.values(e).filter((x) => x === 'hide')).toEqual([]);
  });

  it('hides agents of unknown type from clinicians and researchers: they may be people', () => {
    const anonymous = { id: 'agent:x', kind: 'agent', name: 'Someone', classification: 'internal' } as SnapshotNode;
    expect(evaluatePolicy(policy, 'clinician', anonymous)).toBe('hide');
    expect(evaluatePolicy(policy, 'researcher', anonymous)).toBe('hide');
    expect(evaluatePolicy(policy, 'clinician', byId('org:kyoto-general'))).toBe('show');
  });

  it('chooses removal for access logs and placeholders for prompts', () => {
    const clinician = rolePolicy(policy, 'clinician');
    expect(clinician.hidden).toBe('placeholder');
    expect(clinician.rules.find((r) => r.match.subtypes?.includes('access'))?.mode).toBe('remove');
  });
});

describe('rule matching', () => {
  const policy = (rules: unknown[], dflt = 'hide'): Policy =>
    parsePolicy({ format: 'raireki-policy', version: 1, roles: { r: { description: 'test', hidden: 'remove', rules, default: dflt } } });

  it('takes the first matching rule and falls back to the default', () => {
    const p = policy([
      { match: { kinds: ['model'], classifications: ['internal'] }, effect: 'hide', why: 'a' },
      { match: { kinds: ['model'] }, effect: 'show', why: 'b' },
    ]);
    expect(evaluatePolicy(p, 'r', byId('model:meditron-ward7'))).toBe('hide');
    expect(evaluatePolicy(p, 'r', byId('model:llama-2-70b'))).toBe('show');
    expect(evaluatePolicy(p, 'r', byId('dataset:pubmed-abstracts'))).toBe('hide');
    expect(evaluatePolicy(policy([], 'show'), 'r', byId('dataset:pubmed-abstracts'))).toBe('show');
  });

  it('never matches a subtype rule on a node without subtype', () => {
    const p = policy([{ match: { subtypes: ['finetuned'] }, effect: 'show', why: 'a' }]);
    expect(evaluatePolicy(p, 'r', byId('model:meditron-ward7'))).toBe('show');
    expect(evaluatePolicy(p, 'r', byId('prompt:0002'))).toBe('hide');
  });

  it('reports a redact rule that changes nothing as show', () => {
    const p = policy([{ match: {}, effect: 'redact', why: 'a', fields: {}, otherFields: 'show' }]);
    expect(evaluatePolicy(p, 'r', byId('prompt:0002'))).toBe('show');
  });

  it('names the roles when asked for an unknown one', () => {
    expect(() => evaluatePolicy(defaultPolicy(), 'janitor', byId('prompt:0002'))).toThrow(/clinician, researcher, auditor/);
    expect(() => evaluatePolicy(defaultPolicy(), 'toString', byId('prompt:0002'))).toThrow(/not in the policy/);
  });
});

describe('parsePolicy', () => {
  it('rejects typos in field names, misplaced options and bad role names, with paths', () => {
    const bad = {
      format: 'raireki-policy',
      version: 1,
      roles: {
        Clinician: { description: 'x', hidden: 'remove', rules: [], default: 'hide' },
        ok: {
          description: 'x',
          hidden: 'remove',
          default: 'hide',
          rules: [
            { match: {}, effect: 'redact', why: 'a', fields: { txt: 'hash', id: 'hash' } },
            { match: {}, effect: 'show', why: 'b', mode: 'remove' },
          ],
        },
      },
    };
    const message = (() => {
      try {
        parsePolicy(bad);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/roles\.Clinician/);
    expect(message).toMatch(/roles\.ok\.rules\.0\.fields\.txt: unknown or structural field "txt"/);
    expect(message).toMatch(/fields\.id: unknown or structural field "id"/);
    expect(message).toMatch(/roles\.ok\.rules\.1\.mode/);
  });
});
