import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';
import { createLiteratureClient, type LiteratureClient } from '../../../workers/clients.ts';
import type { Progress } from '../../../workers/rpc.ts';

/**
 * The literature index shipped beside the app, relative to the page: used with snapshots
 * that are not a role's pack (the built-in sample). A role's pack carries its own index.
 */
export const LITERATURE_PACK = 'literature/sample/';
export const LITERATURE_RESULTS = 20;

export interface LiteratureState {
  client: LiteratureClient | null;
  summary: { docCount: number; model: string } | null;
  error: string | null;
  /** The role's pack has no literature index (it was built without one). */
  notInPack: boolean;
  /** Which opened index results belong to: part of every query key. */
  source: string;
}

/**
 * Starts the literature worker and opens the index when the view is first shown: the open
 * pack's own index (read against its signature, decrypted with its key), or the shared one.
 */
export function useLiteraturePack(): LiteratureState {
  const { client: snapshots, loaded } = useSnapshot();
  // Which index to open: none until a snapshot is on screen (a pack may be on its way), the
  // pack's own for each pack opened, else the shared one (kept across other snapshots).
  const source = !loaded ? null : loaded.pack ? `pack-${loaded.generation}` : LITERATURE_PACK;
  const [state, setState] = useState<LiteratureState>({ client: null, summary: null, error: null, notInPack: false, source: '' });
  useEffect(() => {
    if (source === null) return;
    const client = createLiteratureClient();
    setState({ client, summary: null, error: null, notInPack: false, source });
    const open = async () => {
      if (source === LITERATURE_PACK) return client.call('open', { url: new URL(LITERATURE_PACK, document.baseURI).href });
      const pack = await snapshots.call('literatureSource', {});
      if (!pack || pack.access.files.length === 0) return null;
      return client.call('open', { pack });
    };
    open()
      .then((summary) => setState({ client, summary, error: null, notInPack: summary === null, source }))
      .catch((err: unknown) => setState({ client, summary: null, error: err instanceof Error ? err.message : String(err), notInPack: false, source }));
    return () => client.terminate();
  }, [snapshots, source]);
  return state;
}

export function useLiteratureSearch(pack: LiteratureState, query: string, semantic: boolean, onProgress: (p: Progress | null) => void) {
  return useQuery({
    queryKey: ['literature', pack.source, pack.summary?.docCount ?? 0, query, semantic],
    queryFn: async () => {
      try {
        return await pack.client!.call('search', { query, k: LITERATURE_RESULTS, semantic }, onProgress);
      } finally {
        onProgress(null);
      }
    },
    enabled: !!pack.client && !!pack.summary && query.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}
