/**
 * Writes docs/snapshot.schema.json and docs/manifest.schema.json from the zod source
 * (src/core/format/schema.ts). A unit test fails when the committed files are stale.
 *
 *   npm run gen:schema
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemas } from '../src/core/format/json-schema.ts';

const docs = fileURLToPath(new URL('../docs/', import.meta.url));
for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(`${docs}${name}`, JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote docs/${name}`);
}
