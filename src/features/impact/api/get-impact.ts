import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Lang, NodeKind } from '../../../core/format/index.ts';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';

/** The first `limit` rows of the impact list (the worker makes rows for those only). */
export function useImpact(id: string | null, kinds: NodeKind[] | null, limit: number) {
  const { client, loaded } = useSnapshot();
  return useQuery({
    queryKey: ['impact', loaded?.generation ?? 0, id, kinds, limit],
    queryFn: () => client.call('impact', { id: id!, kinds, limit }),
    enabled: !!loaded && !!id,
    placeholderData: keepPreviousData,
  });
}

/** Every row as CSV, made in the worker: a list of a million rows never crosses to the page as objects. */
export function useImpactCsv() {
  const { client } = useSnapshot();
  return (id: string, kinds: NodeKind[] | null, lang: Lang) => client.call('impactCsv', { id, kinds, lang });
}
