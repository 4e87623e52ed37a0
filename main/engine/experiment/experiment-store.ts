// Experiments in the run store (migration 5): the spec and plan as JSON, the status, and which run each
// planned run became. The runs themselves are ordinary runs; deleting an experiment keeps them.
import type Database from 'better-sqlite3';
import type { RunStore } from '../store/open-database.ts';
import { rethrowAsStoreError } from '../store/store-error.ts';
import { currentRecorder } from '../store/recorder-identity.ts';
import type { ExperimentSpec, ExperimentStatus } from '../../shared/compare-types.ts';
import type { ExperimentPlan } from './experiment-plan.ts';

/** An experiment row as stored. */
export interface ExperimentRecord {
  id: number;
  createdAt: string;
  spec: ExperimentSpec;
  plan: ExperimentPlan;
  status: ExperimentStatus;
  error: string | null;
}

/** One run an experiment made. */
export interface ExperimentRunRecord {
  runId: number;
  configKey: string;
  repetition: number;
  varyValue: string | null;
}

interface ExperimentRow {
  id: number;
  created_at: string;
  spec: string;
  plan: string;
  status: ExperimentStatus;
  error: string | null;
}

function guard<T>(store: RunStore, work: () => T): T {
  try {
    return work();
  } catch (error) {
    rethrowAsStoreError(store.file, error, store.busyTimeoutMs);
  }
}

/** False on stores not yet migrated to experiments (a read-only connection to an older file). */
function hasExperiments(db: Database.Database): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'experiments'`).get() !== undefined;
}

// Stores a new experiment with status 'running'; returns its id.
export function createExperiment(store: RunStore, spec: ExperimentSpec, plan: ExperimentPlan): number {
  return guard(store, () =>
    Number(
      store.db
        .prepare('INSERT INTO experiments (created_at, spec, plan, recorder) VALUES (?, ?, ?, ?)')
        .run(new Date().toISOString(), JSON.stringify(spec), JSON.stringify(plan), JSON.stringify(currentRecorder()))
        .lastInsertRowid,
    ),
  );
}

// Records that a planned run became stored run `run.runId`.
export function addExperimentRun(store: RunStore, experimentId: number, run: ExperimentRunRecord): void {
  guard(store, () =>
    store.db
      .prepare(
        'INSERT INTO experiment_runs (experiment_id, run_id, config_key, repetition, vary_value) VALUES (?, ?, ?, ?, ?)',
      )
      .run(experimentId, run.runId, run.configKey, run.repetition, run.varyValue),
  );
}

// Ends an experiment with its final status (and why, when it failed).
export function finishExperiment(
  store: RunStore,
  experimentId: number,
  status: Exclude<ExperimentStatus, 'running'>,
  error: string | null,
): void {
  guard(store, () =>
    store.db.prepare('UPDATE experiments SET status = ?, error = ? WHERE id = ?').run(status, error, experimentId),
  );
}

// Deletes an experiment and its run links (its runs stay in the library); false when there is none.
export function deleteExperiment(store: RunStore, experimentId: number): boolean {
  return guard(store, () => store.db.prepare('DELETE FROM experiments WHERE id = ?').run(experimentId).changes > 0);
}

/** Reads experiments; works on read-only connections (and answers "none" on stores from before migration 5). */
export interface ExperimentReader {
  getExperiment(id: number): ExperimentRecord | undefined;
  listExperiments(): Array<ExperimentRecord & { runs: number }>;
  experimentRuns(id: number): ExperimentRunRecord[];
}

const toRecord = (row: ExperimentRow): ExperimentRecord => ({
  id: row.id,
  createdAt: row.created_at,
  spec: JSON.parse(row.spec) as ExperimentSpec,
  plan: JSON.parse(row.plan) as ExperimentPlan,
  status: row.status,
  error: row.error,
});

// An ExperimentReader over `store`.
export function createExperimentReader(store: RunStore): ExperimentReader {
  const { db } = store;
  return {
    getExperiment: (id) =>
      guard(store, () => {
        if (!hasExperiments(db)) return undefined;
        const row = db.prepare('SELECT * FROM experiments WHERE id = ?').get(id) as ExperimentRow | undefined;
        return row ? toRecord(row) : undefined;
      }),
    listExperiments: () =>
      guard(store, () => {
        if (!hasExperiments(db)) return [];
        const rows = db
          .prepare(
            'SELECT e.*, (SELECT count(*) FROM experiment_runs r WHERE r.experiment_id = e.id) AS runs FROM experiments e ORDER BY e.id',
          )
          .all() as Array<ExperimentRow & { runs: number }>;
        return rows.map((row) => ({ ...toRecord(row), runs: row.runs }));
      }),
    experimentRuns: (id) =>
      guard(store, () => {
        if (!hasExperiments(db)) return [];
        const rows = db
          .prepare(
            'SELECT run_id, config_key, repetition, vary_value FROM experiment_runs WHERE experiment_id = ? ORDER BY run_id',
          )
          .all(id) as Array<{
          run_id: number;
          config_key: string;
          repetition: number;
          vary_value: string | null;
        }>;
        return rows.map((row) => ({
          runId: row.run_id,
          configKey: row.config_key,
          repetition: row.repetition,
          varyValue: row.vary_value,
        }));
      }),
  };
}
