import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Lang } from '../../../core/format/index.ts';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';

/** The comparison, computed in the snapshot worker from the graph index (core/compare). */
export function useComparison(ids: readonly string[]) {
  const { client, loaded } = useSnapshot();
  return useQuery({
    queryKey: ['compare-models', loaded?.generation ?? 0, ids],
    queryFn: () => client.call('compareModels', { ids: [...ids] }),
    enabled: !!loaded && ids.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** The comparison as CSV (every dataset listed), made in the worker. */
export function useComparisonCsv() {
  const { client } = useSnapshot();
  return (ids: readonly string[], lang: Lang) => client.call('compareModelsCsv', { ids: [...ids], lang });
}

/** Models whose name or metadata match the query (the keyword index, models only). */
export function useModelSearch(query: string) {
  const { client, loaded } = useSnapshot();
  return useQuery({
    queryKey: ['compare-search', loaded?.generation ?? 0, query],
    queryFn: () => client.call('search', { query, limit: 8, kinds: ['model'] }),
    enabled: !!loaded && query.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}
