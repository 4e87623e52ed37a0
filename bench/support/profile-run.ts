// Runs one script under ProfileSession (the real engine: worker sampler + SQLite store) and reads back its summary.
import path from 'node:path';
import { buildRunSummary } from '../../main/engine/analysis/run-summary.ts';
import { ProfileSession, type ProfileHooks } from '../../main/engine/profile/profile-session.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import type { SamplerStats } from '../../main/engine/sampler/sampler-messages.ts';
import type { GilMode } from '../../main/shared/vocabulary.ts';

/** What a bench needs from a profiled run. */
export interface ProfiledRun {
  runId: number;
  /** The script's wall time as the run recorded it (launch to exit; no DB open or probe). */
  wallNs: number;
  threadSamples: number;
  sampler: SamplerStats;
}

/** Options of profileRun. */
export interface ProfileRunOptions {
  python: string;
  script: string;
  args: string[];
  rateHz: number;
  dbFile: string;
  gilMode?: GilMode;
  /** Read Python stacks at every tick (the default, as `gilscope profile` does). */
  stacks?: boolean;
  hooks?: ProfileHooks;
}

/** Profiles `python script args` to completion; throws unless the script completed. */
export async function profileRun(options: ProfileRunOptions): Promise<ProfiledRun> {
  const session = new ProfileSession(
    {
      python: options.python,
      script: options.script,
      args: options.args,
      cwd: path.dirname(options.script),
      gilMode: options.gilMode ?? 'default',
      rateHz: options.rateHz,
      stacks: options.stacks ?? true,
      dbFile: options.dbFile,
    },
    options.hooks,
  );
  const outcome = await session.done;
  if (outcome.kind !== 'recorded' || outcome.status !== 'completed') {
    throw new Error(`profiled run did not complete: ${JSON.stringify(outcome)}`);
  }
  const store = openRunStore(options.dbFile, { readonly: true });
  try {
    const summary = buildRunSummary(createRunReader(store), outcome.runId);
    const wallNs = store.db.prepare('SELECT wall_ns FROM runs WHERE id = ?').pluck().get(outcome.runId) as
      number | null;
    if (!summary || wallNs === null) throw new Error(`run ${outcome.runId} has no summary or wall time`);
    return {
      runId: outcome.runId,
      wallNs,
      threadSamples: summary.threadSamples,
      sampler: summary.sampler as SamplerStats,
    };
  } finally {
    store.close();
  }
}
