/**
 * Files dropped on the page (or chosen) that are not a Raireki snapshot: converted in the
 * worker by the same import code as `npm run import`, into a snapshot held in memory.
 */
import { SnapshotError, MANIFEST_FORMAT, type LoadedSnapshot, type Problem } from '../core/format/index.ts';
import { createImportSession, importedSnapshotInfo, type ImportReport } from '../core/interop/index.ts';
import { sha256Hex } from '../platform/index.ts';
import type { Progress } from './rpc.ts';

export const IMPORT_SOURCE_FILE = '(import)';

export interface ImportedFiles {
  loaded: LoadedSnapshot;
  report: ImportReport;
}

export async function importFiles(files: readonly File[], progress: (p: Progress) => void): Promise<ImportedFiles> {
  const session = createImportSession();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const [i, file] of files.entries()) {
    progress({ done: i, total: files.length, label: file.name });
    const path = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
    let text: string;
    try {
      text = decoder.decode(await file.arrayBuffer());
    } catch {
      session.addUndecodable(path);
      continue;
    }
    session.addFile(path, text);
  }
  progress({ done: files.length, total: files.length, label: '' });
  const { nodes, relations, report } = session.finish();
  if (nodes.length === 0) throw new SnapshotError(asProblems(report));
  const contentId = await sha256Hex(new TextEncoder().encode(JSON.stringify({ nodes, relations })));
  const info = importedSnapshotInfo(nodes, relations, report, contentId);
  const loaded: LoadedSnapshot = {
    manifest: { format: MANIFEST_FORMAT, version: 1, snapshot: info, files: [{ path: 'graph.json', sha256: contentId, bytes: 0, contents: 'graph' }] },
    nodes,
    relations,
    nodeFiles: nodes.map(() => IMPORT_SOURCE_FILE),
    relationFiles: relations.map(() => IMPORT_SOURCE_FILE),
  };
  return { loaded, report };
}

/** Why nothing could be imported, as the located problems the page lists. */
function asProblems(report: ImportReport): Problem[] {
  const out: Problem[] = [];
  for (const s of [...report.skipped, ...report.issues]) {
    out.push({
      code: 'unsupported-format',
      file: s.file,
      ...(s.line !== undefined ? { line: s.line } : {}),
      ...(s.path ? { path: s.path } : {}),
      message: s.message,
    });
  }
  if (out.length === 0) out.push({ code: 'unsupported-format', file: '(import)', message: 'the files hold no lineage to import' });
  return out.slice(0, 50);
}
