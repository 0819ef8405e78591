import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from './json-schema.ts';

describe('published JSON Schemas', () => {
  it('match the zod source (run `npm run gen:schema` after changing schema.ts)', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const committed = JSON.parse(readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8'));
      expect(committed, name).toEqual(schema);
    }
  });

  it('describe every node kind and relation type', () => {
    const text = JSON.stringify(jsonSchemas()['snapshot.schema.json']);
    for (const word of ['dataset', 'model', 'activity', 'evaluation', 'prompt', 'output', 'document', 'agent', 'wasDerivedFrom', 'actedOnBehalfOf', 'continued-pretraining', 'phi']) {
      expect(text).toContain(`"${word}"`);
    }
  });
});
