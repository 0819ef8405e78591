import { useCallback, useEffect, useRef, useState } from 'react';
import type { Problem } from '../core/format/index.ts';
import type { SnapshotClient } from '../workers/clients.ts';
import { RemoteError, type Progress } from '../workers/rpc.ts';
import type { LoadSummary } from '../workers/snapshot-session.ts';

/** The built-in sample, relative to the page so sub-path hosting works. */
export const SAMPLE_MANIFEST = 'snapshots/sample/manifest.json';
/** Answered by the intranet server after authentication: `{"role": "clinician"}`. */
export const WHOAMI = 'whoami.json';
export const packUrl = (role: string) => `packs/${role}/`;

export interface LoadFailure {
  source: string;
  message: string;
  problems: Problem[];
}

export interface PassphraseRequest {
  role: string;
  /** The last passphrase was wrong. */
  wrong: boolean;
}

export interface SnapshotLoader {
  loaded: LoadSummary | null;
  loading: Progress | null;
  failure: LoadFailure | null;
  passphrase: PassphraseRequest | null;
  loadUrl(url: string): Promise<boolean>;
  loadFiles(files: File[]): Promise<boolean>;
  loadPack(role: string, passphrase?: string): Promise<boolean>;
  clearFailure(): void;
}

const absolute = (url: string) => new URL(url, document.baseURI).href;

/**
 * Loads snapshots into the worker. A failed load leaves `loaded` as it was: the worker
 * only swaps in a snapshot that loaded completely.
 *
 * What opens first: the snapshot the link names; else the pack of the role the link names
 * (hosts without authentication); else the pack of the role the server assigns
 * (whoami.json); else, when the server assigns none (a plain static host), the sample.
 */
export function useSnapshotLoader(client: SnapshotClient, initial: { snapshot: string | null; pack: string | null }): SnapshotLoader {
  const [loaded, setLoaded] = useState<LoadSummary | null>(null);
  const [loading, setLoading] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<LoadFailure | null>(null);
  const [passphrase, setPassphrase] = useState<PassphraseRequest | null>(null);

  const run = useCallback(async (source: string, start: (p: (p: Progress) => void) => Promise<LoadSummary>, role?: string) => {
    setLoading({ done: 0, total: 1, label: source });
    try {
      const summary = await start((p) => setLoading(p));
      // User Timing mark: visible in the browser's performance tools and read by `npm run bench:browser`.
      performance.mark('raireki:snapshot-loaded', { detail: { nodes: summary.nodeCount, edges: summary.edgeCount, layout: summary.layout, ...summary.timings } });
      setLoaded(summary);
      // A keyword index that cannot be read is reported by the search panel when someone searches.
      void client.call('searchReady', {}).then(
        (searchIndexMs) => performance.mark('raireki:search-ready', { detail: { searchIndexMs } }),
        () => {},
      );
      setFailure(null);
      setPassphrase(null);
      return true;
    } catch (err) {
      const code = err instanceof RemoteError ? err.code : undefined;
      if (role && (code === 'passphrase-needed' || code === 'wrong-passphrase')) {
        setPassphrase({ role, wrong: code === 'wrong-passphrase' });
        return false;
      }
      const problems = err instanceof RemoteError ? (err.problems as Problem[]) : [];
      setFailure({ source, message: err instanceof Error ? err.message : String(err), problems });
      return false;
    } finally {
      setLoading(null);
    }
  }, [client]);

  const loadUrl = useCallback(
    (url: string) => {
      let href: string;
      try {
        href = absolute(url);
      } catch {
        setFailure({ source: url, message: `${url}: not a valid address`, problems: [] });
        return Promise.resolve(false);
      }
      return run(url, (progress) => client.call('loadUrl', { url: href }, progress));
    },
    [client, run],
  );

  const loadFiles = useCallback(
    (files: File[]) => run(files.map((f) => f.name).join(', '), (progress) => client.call('loadFiles', { files }, progress)),
    [client, run],
  );

  const loadPack = useCallback(
    (role: string, pass?: string) =>
      run(packUrl(role), (progress) => client.call('loadPack', { url: absolute(packUrl(role)), role, passphrase: pass }, progress), role),
    [client, run],
  );

  const first = useRef(initial);
  useEffect(() => {
    const { snapshot, pack } = first.current;
    if (snapshot) void loadUrl(snapshot);
    else if (pack) void loadPack(pack);
    else {
      client
        .call('whoami', { url: absolute(WHOAMI) })
        .then((answer) => {
          if (answer.kind === 'none') return loadUrl(SAMPLE_MANIFEST);
          if (answer.kind === 'login-expired') {
            setFailure({ source: WHOAMI, message: 'login-expired', problems: [] });
            return false;
          }
          if (answer.role === '') {
            setFailure({ source: WHOAMI, message: 'no-role', problems: [] });
            return false;
          }
          return loadPack(answer.role);
        })
        .catch((err: unknown) => setFailure({ source: WHOAMI, message: err instanceof Error ? err.message : String(err), problems: [] }));
    }
  }, [client, loadUrl, loadPack]);

  return { loaded, loading, failure, passphrase, loadUrl, loadFiles, loadPack, clearFailure: () => setFailure(null) };
}
