export * from './schema.ts';
export * from './problems.ts';
export * from './parse.ts';
export * from './load.ts';
export * from './localize.ts';
export * from './json-schema.ts';
export { graphVersionFor } from './graph-version.ts';
