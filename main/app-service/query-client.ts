// The caller's side of the query workers: posts jobs to the least busy of a small pool, matches answers
// by id. Workers start on first use and again after one died; a dead worker fails the jobs it had.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../engine/start-worker.ts';
import type { QueryRequestMessage, QueryResponseMessage, QueryWorkerData } from './query-worker.ts';
import type { QueryJob, QueryResult } from './run-queries.ts';

/** Where the worker script is under plain Node (Node 24 runs .ts); Electron passes its bundled path. */
export const DEFAULT_QUERY_WORKER_URL = new URL('./query-worker.ts', import.meta.url);

/**
 * One worker by default: each keeps the last run's decoded samples (cached-reader.ts), so the queries of
 * one open run share a single decode; a second worker would decode again and fight the sampler for cores.
 */
export const DEFAULT_POOL_SIZE = 1;

type Pending = { resolve(value: unknown): void; reject(error: Error): void };
type Slot = { worker: Worker; pending: Map<number, Pending> };

// Runs read queries of one database in worker threads.
export class QueryClient {
  private readonly dbFile: string;
  private readonly workerUrl: URL | string;
  private readonly slots: Array<Slot | null>;
  private nextId = 1;

  constructor(dbFile: string, workerUrl: URL | string = DEFAULT_QUERY_WORKER_URL, poolSize = DEFAULT_POOL_SIZE) {
    this.dbFile = dbFile;
    this.workerUrl = workerUrl;
    this.slots = new Array<Slot | null>(poolSize).fill(null);
  }

  /** Runs `job` in a worker; rejects with the worker's message when the query failed. */
  run<J extends QueryJob>(job: J): Promise<QueryResult<J['kind']>> {
    const slot = this.pickSlot();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      slot.worker.ref(); // keeps the process alive while a job is out; unref'd again when none is
      slot.worker.postMessage({ id, job } satisfies QueryRequestMessage);
    });
  }

  /** Stops the workers; pending jobs fail. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0, this.slots.length, ...this.slots.map(() => null));
    await Promise.all(
      slots.map(async (slot) => {
        if (!slot) return;
        await slot.worker.terminate();
        failAll(slot, 'the query worker was closed');
      }),
    );
  }

  /** An idle or the least busy worker, starting one where the pool has room. */
  private pickSlot(): Slot {
    let best: Slot | null = null;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i] ?? this.startWorker(i);
      if (slot.pending.size === 0) return slot;
      if (!best || slot.pending.size < best.pending.size) best = slot;
    }
    return best!;
  }

  private startWorker(index: number): Slot {
    const worker = startWorker(this.workerUrl, { workerData: { dbFile: this.dbFile } satisfies QueryWorkerData });
    const slot: Slot = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (message: QueryResponseMessage) => {
      const pending = slot.pending.get(message.id);
      if (!pending) return;
      slot.pending.delete(message.id);
      if (slot.pending.size === 0) worker.unref();
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new Error(message.message));
    });
    worker.on('error', (error) => failAll(slot, `the query worker failed: ${error.message}`));
    worker.on('exit', () => {
      if (this.slots[index] === slot) this.slots[index] = null;
      failAll(slot, 'the query worker stopped');
    });
    this.slots[index] = slot;
    return slot;
  }
}

function failAll(slot: Slot, message: string): void {
  for (const pending of slot.pending.values()) pending.reject(new Error(message));
  slot.pending.clear();
}
