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
