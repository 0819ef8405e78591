import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';
import { createModelMapClient, type ModelMapClient } from '../../../workers/clients.ts';

/**
 * The open snapshot's map: its models' facts from the snapshot worker, projected in the map
 * worker. Computed once per snapshot (the layout is deterministic, so there is nothing to
 * refresh); a projection still running when the snapshot changes is terminated.
 */
export function useModelMap() {
  const { client, loaded } = useSnapshot();
  const mapClient = useRef<ModelMapClient | null>(null);
  useEffect(
    () => () => {
      mapClient.current?.terminate();
      mapClient.current = null;
    },
    [],
  );
  const generation = loaded?.generation ?? 0;
  return useQuery({
    queryKey: ['model-map', generation],
    enabled: !!loaded,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    retry: false,
    queryFn: async ({ signal }) => {
      const input = await client.call('modelMapInput', {});
      const worker = (mapClient.current ??= createModelMapClient());
      const stop = () => {
        worker.terminate();
        if (mapClient.current === worker) mapClient.current = null;
      };
      signal.addEventListener('abort', stop);
      const t0 = performance.now();
      const layout = await worker.call('project', input).finally(() => signal.removeEventListener('abort', stop));
      performance.measure('raireki:map-layout', { start: t0, end: performance.now() });
      return { input, layout };
    },
  });
}
