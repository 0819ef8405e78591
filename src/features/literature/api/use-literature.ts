import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createLiteratureClient, type LiteratureClient } from '../../../workers/clients.ts';
import type { Progress } from '../../../workers/rpc.ts';

/** The literature index shipped beside the app, relative to the page. */
export const LITERATURE_PACK = 'literature/sample/';
export const LITERATURE_RESULTS = 20;

export interface LiteratureState {
  client: LiteratureClient | null;
  summary: { docCount: number; model: string } | null;
  error: string | null;
}

/** Starts the literature worker and opens the index when the view is first shown. */
export function useLiteraturePack(): LiteratureState {
  const [state, setState] = useState<LiteratureState>({ client: null, summary: null, error: null });
  useEffect(() => {
    const client = createLiteratureClient();
    setState({ client, summary: null, error: null });
    client
      .call('open', { url: new URL(LITERATURE_PACK, document.baseURI).href })
      .then((summary) => setState({ client, summary, error: null }))
      .catch((err: unknown) => setState({ client, summary: null, error: err instanceof Error ? err.message : String(err) }));
    return () => client.terminate();
  }, []);
  return state;
}

export function useLiteratureSearch(pack: LiteratureState, query: string, semantic: boolean, onProgress: (p: Progress | null) => void) {
  return useQuery({
    queryKey: ['literature', pack.summary?.docCount ?? 0, query, semantic],
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
