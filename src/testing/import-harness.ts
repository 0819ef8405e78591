/**
 * An import of in-memory files for format tests, with look-ups the tests need: a node by id,
 * relations of a type from a node, issues of a severity.
 */
import { ImportSession } from '../core/interop/import-session.ts';
import type { FormatModule } from '../core/interop/format-module.ts';

export function importForTest(modules: readonly FormatModule[], files: [path: string, text: string][]) {
  const s = new ImportSession(modules);
  for (const [path, text] of files) s.addFile(path, text);
  const result = s.finish();
  const node = (id: string) => result.nodes.find((n) => n.id === id) as Record<string, unknown> | undefined;
  const rel = (type: string, from: string) => result.relations.filter((r) => r.type === type && r.from === from);
  const issues = (severity?: string) => result.report.issues.filter((i) => !severity || i.severity === severity);
  return { ...result, node, rel, issues };
}
