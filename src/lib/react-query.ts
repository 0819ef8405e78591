import { QueryClient } from '@tanstack/react-query';

/**
 * Queries go to the snapshot worker, not to a server: results only change when another
 * snapshot is loaded (the load generation is part of every key), so they never go stale
 * and are never refetched on focus.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, gcTime: 5 * 60_000, retry: false, refetchOnWindowFocus: false },
    },
  });
}
