/**
 * The page's handles on its workers. Vite bundles each `new Worker(new URL(...))` as its
 * own file with a relative URL, so the build works under any sub-path.
 */
import { WorkerClient } from './rpc.ts';
import type { SnapshotApi } from './snapshot.worker.ts';
import type { LayoutApi } from './layout.worker.ts';
import type { LiteratureApi } from './literature.worker.ts';
import type { ModelMapApi } from './model-map.worker.ts';
import type { LayoutResult, Orientation, RankedNode } from '../core/layout/index.ts';

export type SnapshotClient = WorkerClient<SnapshotApi>;
export type LiteratureClient = WorkerClient<LiteratureApi>;

/**
 * Started only when the literature view is first opened, so that a first visit fetches none
 * of it; onnxruntime-web follows later still, on the first semantic query.
 */
export function createLiteratureClient(): LiteratureClient {
  return new WorkerClient<LiteratureApi>(new Worker(new URL('./literature.worker.ts', import.meta.url), { type: 'module', name: 'literature' }));
}

export type ModelMapClient = WorkerClient<ModelMapApi>;

/** Started when the map view is first opened; the page terminates it to drop a stale projection. */
export function createModelMapClient(): ModelMapClient {
  return new WorkerClient<ModelMapApi>(new Worker(new URL('./model-map.worker.ts', import.meta.url), { type: 'module', name: 'model-map' }));
}

export function createSnapshotClient(): SnapshotClient {
  return new WorkerClient<SnapshotApi>(new Worker(new URL('./snapshot.worker.ts', import.meta.url), { type: 'module', name: 'snapshot' }));
}

/**
 * Layout requests: a new request terminates the worker running the previous one, since
 * its result would be thrown away anyway (a layout run cannot be interrupted otherwise).
 */
export class LayoutClient {
  private client: WorkerClient<LayoutApi> | null = null;
  private busy = false;

  /** Starts the worker ahead of the first layout, so its script is loaded by then. */
  prewarm(): void {
    this.client ??= new WorkerClient<LayoutApi>(new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'layout' }));
  }

  async layout(nodes: RankedNode[], orientation: Orientation): Promise<LayoutResult> {
    if (this.client && this.busy) {
      this.client.terminate();
      this.client = null;
    }
    this.prewarm();
    const client = this.client!;
    this.busy = true;
    try {
      return await client.call('layout', { nodes, orientation });
    } finally {
      if (this.client === client) this.busy = false;
    }
  }

  dispose(): void {
    this.client?.terminate();
    this.client = null;
  }
}
