import { z } from 'zod';
import { Manifest, SnapshotGraph } from './schema.ts';

/** The published JSON Schemas, derived from the zod source so they cannot drift. */
export function jsonSchemas(): Record<string, unknown> {
  const emit = (schema: z.ZodType, id: string, title: string) => ({
    ...(z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>),
    $id: id,
    title,
  });
  return {
    'snapshot.schema.json': emit(SnapshotGraph, 'urn:raireki:schema:snapshot:1', 'Raireki snapshot graph file, version 1'),
    'manifest.schema.json': emit(Manifest, 'urn:raireki:schema:manifest:1', 'Raireki snapshot manifest, version 1'),
  };
}
