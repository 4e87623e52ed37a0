// Library maintenance on a writable store: store a finished run's summary, relabel a run, delete a run
// with every row that belongs to it. Separate from the writer, which only ever appends to the run it records.
import type { RunStore } from './open-database.ts';
import { pruneSourceTexts } from './run-sources.ts';
import { rethrowAsStoreError } from './store-error.ts';

/** Tables holding rows of a run (besides `runs` itself), children first. */
const RUN_TABLES = [
  'sample_chunks',
  'tick_chunks',
  'threads',
  'output',
  'events',
  'frames',
  'stacks',
  'run_summaries',
  'experiment_runs',
  'run_sources',
] as const;

// Stores a finished run's summary, so opening the run later does not decode every sample; the
// library's figures (CPU, contention) become columns for the runs list.
// `overview` (optional): the whole run's timeline in fine bins, for opening long runs without decoding them.
export function saveRunSummary(
  store: RunStore,
  runId: number,
  summary: { schemaVersion: number; cpuSeconds: number; gil: { contention: number } | null },
  overview: unknown = null,
): void {
  try {
    store.db
      .prepare(
        `INSERT INTO run_summaries (run_id, schema_version, cpu_seconds, contention, summary, overview) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id) DO UPDATE SET schema_version = excluded.schema_version, cpu_seconds = excluded.cpu_seconds,
           contention = excluded.contention, summary = excluded.summary, overview = coalesce(excluded.overview, overview)`,
      )
      .run(
        runId,
        summary.schemaVersion,
        summary.cpuSeconds,
        summary.gil?.contention ?? null,
        JSON.stringify(summary),
        overview === null ? null : JSON.stringify(overview),
      );
  } catch (error) {
    rethrowAsStoreError(store.file, error, store.busyTimeoutMs);
  }
}

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
    const deleted = db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0;
    pruneSourceTexts(store);
    return deleted;
  });
  try {
    return remove.immediate(runId);
  } catch (error) {
    rethrowAsStoreError(store.file, error, store.busyTimeoutMs);
  }
}
