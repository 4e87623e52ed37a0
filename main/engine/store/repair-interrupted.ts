// Runs and experiments left "running" by a GILscope process that was killed (SIGKILL, power loss)
// are finished as failed the next time a store is opened for writing: their samples stay, their
// status stops lying. Rows whose recorder is still alive, or unknown (older rows), are left alone.
import type Database from 'better-sqlite3';
import { isRecorderGone, type RecorderIdentity } from './recorder-identity.ts';

const RUN_MESSAGE = 'GILscope stopped while recording this run; the samples taken before are kept';
const EXPERIMENT_MESSAGE = 'GILscope stopped while this experiment ran; the runs it completed are kept';

function gone(recorder: string | null): boolean {
  if (recorder === null) return false;
  try {
    return isRecorderGone(JSON.parse(recorder) as RecorderIdentity);
  } catch {
    return false;
  }
}

/** Marks interrupted runs and experiments as failed; returns how many of each. */
export function repairInterrupted(db: Database.Database): { runs: number; experiments: number } {
  const runs = (
    db.prepare(`SELECT id, recorder FROM runs WHERE status = 'running'`).all() as Array<{
      id: number;
      recorder: string | null;
    }>
  ).filter((row) => gone(row.recorder));
  const experiments = (
    db.prepare(`SELECT id, recorder FROM experiments WHERE status = 'running'`).all() as Array<{
      id: number;
      recorder: string | null;
    }>
  ).filter((row) => gone(row.recorder));
  if (runs.length === 0 && experiments.length === 0) return { runs: 0, experiments: 0 };
  const finishRun = db.prepare(
    `UPDATE runs SET status = 'failed', error = ?, wall_ns = coalesce(wall_ns, last_time_ns) WHERE id = ? AND status = 'running'`,
  );
  const finishExperiment = db.prepare(
    `UPDATE experiments SET status = 'failed', error = ? WHERE id = ? AND status = 'running'`,
  );
  db.transaction(() => {
    for (const row of runs) finishRun.run(RUN_MESSAGE, row.id);
    for (const row of experiments) finishExperiment.run(EXPERIMENT_MESSAGE, row.id);
  }).immediate();
  return { runs: runs.length, experiments: experiments.length };
}
