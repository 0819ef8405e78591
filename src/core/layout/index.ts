export * from './layered-layout.ts';
