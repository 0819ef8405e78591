export * from './types.ts';
export * from './summarize.ts';
export * from './subgraph.ts';
export * from './more-groups.ts';
export * from './details.ts';
export * from './impact.ts';
export * from './csv.ts';
export * from './snippet.ts';
