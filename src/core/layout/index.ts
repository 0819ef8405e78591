export * from './node-box.ts';
export * from './fit-plan.ts';
export * from './ranked-layout.ts';
