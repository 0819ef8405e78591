import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { NodeKind } from '../../../core/format/index.ts';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';

export function useImpact(id: string | null, kinds: NodeKind[] | null) {
  const { client, loaded } = useSnapshot();
  return useQuery({
    queryKey: ['impact', loaded?.generation ?? 0, id, kinds],
    queryFn: () => client.call('impact', { id: id!, kinds }),
    enabled: !!loaded && !!id,
    placeholderData: keepPreviousData,
  });
}
