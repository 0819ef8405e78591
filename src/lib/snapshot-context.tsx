import { createContext, useContext, type ReactNode } from 'react';
import type { SnapshotClient } from '../workers/clients.ts';
import type { LoadSummary } from '../workers/snapshot-session.ts';

export interface SnapshotContextValue {
  client: SnapshotClient;
  /** The snapshot on screen; null until the first load succeeds. */
  loaded: LoadSummary | null;
}

const SnapshotContext = createContext<SnapshotContextValue | null>(null);

export function SnapshotProvider({ value, children }: { value: SnapshotContextValue; children: ReactNode }) {
  return <SnapshotContext.Provider value={value}>{children}</SnapshotContext.Provider>;
}

export function useSnapshot(): SnapshotContextValue {
  const ctx = useContext(SnapshotContext);
  if (!ctx) throw new Error('useSnapshot outside SnapshotProvider');
  return ctx;
}
