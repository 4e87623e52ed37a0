// The caller's side of the query worker: posts jobs, matches answers by id. The worker is started on
// first use and again after it died; a dead worker fails the jobs it had with a clear message.
import { Worker } from 'node:worker_threads';
import type { QueryRequestMessage, QueryResponseMessage, QueryWorkerData } from './query-worker.ts';
import type { QueryJob, QueryResult } from './run-queries.ts';

/** Where the worker script is under plain Node (Node 24 runs .ts); Electron passes its bundled path. */
export const DEFAULT_QUERY_WORKER_URL = new URL('./query-worker.ts', import.meta.url);

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

// Runs read queries of one database in a worker thread.
export class QueryClient {
  private readonly dbFile: string;
  private readonly workerUrl: URL | string;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(dbFile: string, workerUrl: URL | string = DEFAULT_QUERY_WORKER_URL) {
    this.dbFile = dbFile;
    this.workerUrl = workerUrl;
  }

  /** Runs `job` in the worker; rejects with the worker's message when the query failed. */
  run<J extends QueryJob>(job: J): Promise<QueryResult<J['kind']>> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.ref(); // keeps the process alive while a job is out; unref'd again when none is
      worker.postMessage({ id, job } satisfies QueryRequestMessage);
    });
  }

  /** Stops the worker; pending jobs fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
    this.failAll('the query worker was closed');
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerUrl, { workerData: { dbFile: this.dbFile } satisfies QueryWorkerData });
    worker.unref();
    worker.on('message', (message: QueryResponseMessage) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new Error(message.message));
    });
    worker.on('error', (error) => this.failAll(`the query worker failed: ${error.message}`));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.failAll('the query worker stopped');
    });
    this.worker = worker;
    return worker;
  }

  private failAll(message: string): void {
    for (const pending of this.pending.values()) pending.reject(new Error(message));
    this.pending.clear();
  }
}
