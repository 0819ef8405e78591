/**
 * Writes policy/policy.schema.json from the zod source (src/core/access/policy-schema.ts),
 * for editors that validate policy files. A unit test fails when the file is stale.
 *
 *   npx tsx cli/lib/pack-policy-schema.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { policyJsonSchema } from '../../src/core/access/index.ts';

export const POLICY_SCHEMA_PATH = fileURLToPath(new URL('../../policy/policy.schema.json', import.meta.url));

export const policySchemaText = (): string => JSON.stringify(policyJsonSchema(), null, 2) + '\n';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(POLICY_SCHEMA_PATH, policySchemaText());
  console.log('wrote policy/policy.schema.json');
}
