import { useQuery } from '@tanstack/react-query';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';

export function useNodeDetails(id: string | null) {
  const { client, loaded } = useSnapshot();
  return useQuery({
    queryKey: ['details', loaded?.generation ?? 0, id],
    queryFn: () => client.call('details', { id: id! }),
    enabled: !!loaded && !!id,
  });
}
