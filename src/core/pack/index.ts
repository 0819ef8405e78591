/**
 * Per-role packs: building (redact → graph files → optional encryption → manifest → detached
 * signature) and the build's audit report. Crypto is passed in (src/platform implements it).
 */
export * from './pack-layout.ts';
export type { PackHasher, PackSealer, PackSigner } from './pack-crypto.ts';
export { buildRolePack, chunkGraph, type BuildPackOptions, type BuiltPack, type PackFile, type PackSource, type RoleLiterature, type SnapshotLayout } from './build-pack.ts';
export { LITERATURE_NODE_KEY, literatureFilterContext, literatureForRole, type LeftOutDocument, type LiteratureFilterContext, type LiteratureForRole } from './literature-filter.ts';
export { auditReportMarkdown, type BuildMeta } from './audit-report.ts';
