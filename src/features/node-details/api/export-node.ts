import { useMutation } from '@tanstack/react-query';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';
import { downloadBlob } from '../../../lib/download.ts';

export type ExportKind = 'prov-up' | 'prov-down' | 'prov-all' | 'ml-bom';

/** A file name from a node id: letters, digits and dashes only. */
export function exportFileName(id: string, kind: ExportKind): string {
  const base = id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'node';
  if (kind === 'ml-bom') return `${base}.cdx.json`;
  if (kind === 'prov-all') return 'snapshot.prov.json';
  return `${base}.${kind === 'prov-up' ? 'upstream' : 'downstream'}.prov.json`;
}

/** Builds the export in the snapshot worker and saves it (no request leaves the page). */
export function useExportNode() {
  const { client } = useSnapshot();
  return useMutation({
    mutationFn: async ({ id, kind }: { id: string; kind: ExportKind }) => {
      const { text } =
        kind === 'ml-bom'
          ? await client.call('exportMlBom', { id })
          : await client.call('exportProv', kind === 'prov-all' ? {} : { id, direction: kind === 'prov-up' ? 'up' : 'down' });
      const type = kind === 'ml-bom' ? 'application/vnd.cyclonedx+json' : 'application/json';
      downloadBlob(new Blob([text], { type }), exportFileName(id, kind));
    },
  });
}
