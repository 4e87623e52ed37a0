import type Database from 'better-sqlite3';

/**
 * Stores sampler batches in order, each in one transaction. A batch that cannot be stored (the
 * database locked by another process, say) stays queued and is retried with the next one, so a
 * passing lock loses nothing and never throws out of the sampler's message handler.
 */
export class BatchQueue<T> {
  private readonly db: Database.Database;
  private readonly store: (batch: T) => void;
  private readonly pending: T[] = [];
  /** Why the oldest queued batch could not be stored; null when the queue is empty. */
  lastError: Error | null = null;

  constructor(db: Database.Database, store: (batch: T) => void) {
    this.db = db;
    this.store = store;
  }

  /** Queues `batch` and stores everything queued; returns false when something is still waiting. */
  push(batch: T): boolean {
    this.pending.push(batch);
    return this.drain();
  }

  /** Stores what is queued, oldest first; returns false (and keeps lastError) at the first failure. */
  drain(): boolean {
    while (this.pending.length > 0) {
      try {
        // The writer's own transactions nest as savepoints: the batch is stored whole or not at all.
        this.db.transaction(() => this.store(this.pending[0] as T)).immediate();
      } catch (error) {
        this.lastError = error instanceof Error ? error : new Error(String(error));
        return false;
      }
      this.pending.shift();
    }
    this.lastError = null;
    return true;
  }
}
