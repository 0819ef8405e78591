import { useQuery } from '@tanstack/react-query';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';

/** The unlearning records behind a model (or held by an unlearning activity), with metrics and verdict. */
export function useUnlearning(id: string, enabled: boolean) {
  const { client, loaded } = useSnapshot();
  return useQuery({
    queryKey: ['unlearning', loaded?.generation ?? 0, id],
    queryFn: () => client.call('unlearning', { id }),
    enabled: !!loaded && enabled,
  });
}
