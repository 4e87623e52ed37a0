// Library maintenance on a writable store: relabel a run, delete a run with every row that belongs
// to it. Separate from the writer, which only ever appends to the run it records.
import type { RunStore } from './open-database.ts';
import { rethrowAsStoreError } from './store-error.ts';

/** Tables holding rows of a run (besides `runs` itself), children first. */
const RUN_TABLES = ['sample_chunks', 'tick_chunks', 'threads', 'output', 'events', 'frames', 'stacks'] as const;

// Sets or clears (null) a run's label; false when there is no such run.
export function relabelRun(store: RunStore, runId: number, label: string | null): boolean {
  try {
    return store.db.prepare('UPDATE runs SET label = ? WHERE id = ?').run(label, runId).changes > 0;
  } catch (error) {
    rethrowAsStoreError(store.file, error, store.busyTimeoutMs);
  }
}

// Deletes a run and all its rows in one transaction; false when there is no such run. Interpreters stay
// (other runs may use them). The file does not shrink until SQLite reuses the freed pages.
export function deleteRun(store: RunStore, runId: number): boolean {
  const { db } = store;
  const remove = db.transaction((id: number): boolean => {
    for (const table of RUN_TABLES) db.prepare(`DELETE FROM ${table} WHERE run_id = ?`).run(id);
    return db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0;
  });
  try {
    return remove.immediate(runId);
  } catch (error) {
    rethrowAsStoreError(store.file, error, store.busyTimeoutMs);
  }
}
