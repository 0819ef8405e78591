import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { SnapshotClient } from '../../../workers/clients.ts';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';

export const SEARCH_LIMIT = 30;

export function searchNodesQuery(client: SnapshotClient, generation: number, query: string) {
  return queryOptions({
    queryKey: ['search', generation, query],
    queryFn: () => client.call('search', { query, limit: SEARCH_LIMIT, kinds: null }),
    enabled: query.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useSearchNodes(query: string) {
  const { client, loaded } = useSnapshot();
  return useQuery({ ...searchNodesQuery(client, loaded?.generation ?? 0, query), enabled: !!loaded && query.trim().length > 0 });
}

/**
 * Snippets of the hits that came without one (a binary snapshot's hits are listed before
 * their details chunks are read); a chunk that cannot be read leaves its hits without.
 */
export function useSearchSnippets(query: string, ids: string[]) {
  const { client, loaded } = useSnapshot();
  return useQuery({
    queryKey: ['search-snippets', loaded?.generation ?? 0, query, ids],
    queryFn: () => client.call('searchSnippets', { query, ids }),
    enabled: !!loaded && ids.length > 0,
    retry: false,
  });
}
