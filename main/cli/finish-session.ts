// The end of `gilscope profile` and `gilscope attach`: the session runs until the script ends, --duration
// passes or Ctrl-C / SIGTERM stops it cleanly; then the stored run's summary is printed.
import { loadRunSummary, type RunSummary } from '../engine/analysis/run-summary.ts';
import type { ProfileOutcome, ProfileSession } from '../engine/profile/profile-session.ts';
import { CliError } from './cli-error.ts';
import { openReader } from './open-reader.ts';
import { printSummary } from './print-summary.ts';

/** Waits for `session`, stopping it on SIGINT or SIGTERM; a refusal is a one-line error; prints the run's summary (as JSON with `json`). */
export async function finishSession(
  session: ProfileSession,
  dbFile: string,
  json: boolean,
): Promise<Extract<ProfileOutcome, { kind: 'recorded' }>> {
  const stopOnSignal = (): void => session.stop();
  process.on('SIGINT', stopOnSignal);
  process.on('SIGTERM', stopOnSignal);
  const outcome = await session.done.finally(() => {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
  });
  if (outcome.kind === 'refused') throw new CliError(outcome.message);
  const summary = readSummary(dbFile, outcome.runId);
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else printSummary(summary, process.stdout);
  return outcome;
}

/** The stored summary of a run just recorded. */
function readSummary(dbFile: string, runId: number): RunSummary {
  const { store, reader } = openReader(dbFile);
  try {
    const summary = loadRunSummary(reader, runId);
    if (!summary) throw new CliError(`run ${runId} vanished from ${dbFile}`);
    return summary;
  } finally {
    store.close();
  }
}
