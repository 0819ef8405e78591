import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { Lang } from '../../../core/format/index.ts';
import type { DiffFilter } from '../../../core/diff/index.ts';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';
import { RemoteError, type Progress } from '../../../workers/rpc.ts';
import type { DiffOverview } from '../../../workers/diff-session.ts';

/** The comparison the worker holds for the open snapshot (null when none). */
export function useDiffOverview() {
  const { client, loaded } = useSnapshot();
  return useQuery({
    queryKey: ['diff-overview', loaded?.generation ?? 0],
    queryFn: () => client.call('diffOverview', {}),
    enabled: !!loaded,
  });
}

/** The first `limit` node and relation changes of the filter (the worker filters and pages). */
export function useDiffPage(overview: DiffOverview | null | undefined, filter: DiffFilter, limit: number) {
  const { client, loaded } = useSnapshot();
  return useQuery({
    queryKey: ['diff-page', loaded?.generation ?? 0, overview?.id ?? 0, filter, limit],
    queryFn: () => client.call('diffPage', { filter, limit }),
    enabled: !!loaded && !!overview,
    placeholderData: keepPreviousData,
  });
}

export type CompareRequest = { url: string } | { files: File[] } | { packUrl: string; passphrase?: string } | 'swap' | 'close';

/** The worker resolves addresses against its own script: give it the page's view of them. */
const absolute = (url: string) => new URL(url, document.baseURI).href;

/** Starts a comparison (or swaps or closes it); the overview query then shows the result. */
export function useCompare() {
  const { client, loaded } = useSnapshot();
  const queries = useQueryClient();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // An encrypted pack to compare with: its address, and whether the last passphrase was wrong.
  const [passphrase, setPassphrase] = useState<{ packUrl: string; wrong: boolean } | null>(null);
  const run = useCallback(
    async (req: CompareRequest) => {
      setBusy(true);
      setError(null);
      setPassphrase(null);
      setProgress(null);
      try {
        const key = ['diff-overview', loaded?.generation ?? 0];
        if (req === 'close') {
          await client.call('diffClose', {});
          queries.setQueryData(key, null);
          return;
        }
        const overview =
          req === 'swap'
            ? await client.call('diffSwap', {}, setProgress)
            : 'files' in req
              ? await client.call('compareFiles', { files: req.files }, setProgress)
              : 'packUrl' in req
                ? await client.call('comparePack', { url: absolute(req.packUrl), passphrase: req.passphrase }, setProgress)
                : await client.call('compareUrl', { url: absolute(req.url) }, setProgress);
        queries.setQueryData(key, overview);
      } catch (err) {
        const code = err instanceof RemoteError ? err.code : undefined;
        if (typeof req === 'object' && 'packUrl' in req && (code === 'passphrase-needed' || code === 'wrong-passphrase')) {
          setPassphrase({ packUrl: req.packUrl, wrong: code === 'wrong-passphrase' });
        } else setError(err instanceof Error ? err.message : String(err));
      } finally {
        setBusy(false);
        setProgress(null);
      }
    },
    [client, loaded?.generation, queries],
  );
  return { run, busy, progress, error, passphrase };
}

/** Every change of the filter as CSV, made in the worker. */
export function useDiffCsv() {
  const { client } = useSnapshot();
  return (filter: DiffFilter, lang: Lang) => client.call('diffCsv', { filter, lang });
}
