import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SubgraphRequest } from '../../../core/view/index.ts';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';

/** Most nodes the canvas draws at once; past this, views get unreadable and slow. */
export const MAX_DRAWN_NODES = 400;

export function useSubgraph(req: Omit<SubgraphRequest, 'maxNodes'> | null) {
  const { client, loaded } = useSnapshot();
  const full = req ? { ...req, maxNodes: MAX_DRAWN_NODES } : null;
  return useQuery({
    queryKey: ['subgraph', loaded?.generation ?? 0, full],
    queryFn: () => client.call('subgraph', full!),
    enabled: !!loaded && !!full,
    placeholderData: keepPreviousData,
  });
}
