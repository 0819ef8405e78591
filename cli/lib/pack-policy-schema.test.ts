import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/core/access/index.ts';
import { POLICY_SCHEMA_PATH, policySchemaText } from './pack-policy-schema.ts';

describe('policy files', () => {
  it('policy/policy.schema.json is up to date (npx tsx cli/lib/pack-policy-schema.ts)', () => {
    expect(readFileSync(POLICY_SCHEMA_PATH, 'utf8')).toBe(policySchemaText());
  });

  it('the default policy is valid and has the three roles of the issue', () => {
    const policy = parsePolicy(JSON.parse(readFileSync('policy/default-policy.json', 'utf8')));
    expect(Object.keys(policy.roles)).toEqual(['clinician', 'researcher', 'auditor']);
    for (const role of Object.values(policy.roles)) expect(role.default).toBe('hide');
  });
});
