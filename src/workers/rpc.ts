/**
 * A typed request/response channel to a Web Worker. Each API method is an async
 * function on the worker side; the client gets the same signatures. Progress events
 * travel on the same channel, tagged with the request id.
 */
export type Api = Record<string, (args: never, progress: (p: Progress) => void) => unknown>;

export interface Progress {
  done: number;
  total: number;
  label: string;
}

export interface WorkerError {
  message: string;
  /** Machine-readable reason the UI acts on, e.g. 'passphrase-needed', 'wrong-passphrase'. */
  code?: string;
  /** Located problems, when the failure was bad input (see core/format Problem). */
  problems?: unknown[];
}

export type Request = { id: number; method: string; args: unknown };
export type Response =
  | { id: number; kind: 'result'; value: unknown }
  | { id: number; kind: 'error'; error: WorkerError }
  | { id: number; kind: 'progress'; progress: Progress };

export class RemoteError extends Error {
  readonly problems: unknown[];
  readonly code: string | undefined;
  constructor(error: WorkerError) {
    super(error.message);
    this.name = 'RemoteError';
    this.problems = error.problems ?? [];
    this.code = error.code;
  }
}

type Args<F> = F extends (args: infer A, progress: never) => unknown ? A : never;
type Result<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/** Serve an API inside a worker. */
export function serve<A extends Api>(api: A, toError: (err: unknown) => WorkerError): void {
  const scope = self as unknown as { onmessage: ((e: MessageEvent<Request>) => void) | null; postMessage(m: Response): void };
  scope.onmessage = async (event) => {
    const { id, method, args } = event.data;
    const fn = api[method];
    try {
      if (!fn) throw new Error(`unknown method ${method}`);
      const value = await fn(args as never, (progress) => scope.postMessage({ id, kind: 'progress', progress }));
      scope.postMessage({ id, kind: 'result', value });
    } catch (err) {
      scope.postMessage({ id, kind: 'error', error: toError(err) });
    }
  };
}

/** Client side: `client.call('search', {...})` with types from the worker's API. */
export class WorkerClient<A extends Api> {
  private nextId = 1;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void; progress?: (p: Progress) => void }>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<Response>) => {
      const msg = event.data;
      const entry = this.pending.get(msg.id);
      if (!entry) return;
      if (msg.kind === 'progress') entry.progress?.(msg.progress);
      else {
        this.pending.delete(msg.id);
        if (msg.kind === 'result') entry.resolve(msg.value);
        else entry.reject(new RemoteError(msg.error));
      }
    };
    worker.onerror = (event) => {
      const err = new Error(`worker failed: ${event.message || 'could not start'}`);
      for (const entry of this.pending.values()) entry.reject(err);
      this.pending.clear();
    };
  }

  call<M extends keyof A & string>(method: M, args: Args<A[M]>, progress?: (p: Progress) => void): Promise<Result<A[M]>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, progress });
      this.worker.postMessage({ id, method, args } satisfies Request);
    });
  }

  /** Stops the worker and fails whatever was waiting on it (stale work is killed, not queued). */
  terminate(): void {
    this.worker.terminate();
    const err = new Error('cancelled');
    for (const entry of this.pending.values()) entry.reject(err);
    this.pending.clear();
  }
}
