// Reads what a comparison needs from a store: each run's summary and its on-CPU function shares.
import { loadRunSummary, type RunSummary } from '../analysis/run-summary.ts';
import { ON_CPU_STATES, topFunctions } from '../analysis/function-profile.ts';
import type { RunReader } from '../store/run-reader.ts';
import type { ComparisonView } from '../../shared/compare-types.ts';
import { compareRuns } from './compare-runs.ts';

/** How many runs a comparison takes. */
export const MIN_COMPARE_RUNS = 2;
export const MAX_COMPARE_RUNS = 4;
/** Functions per run considered for the diff. */
const FUNCTIONS_PER_RUN = 200;

/** Runs that cannot be compared: wrong count, repeated or missing ids. The message names the bad value. */
export class ComparisonError extends Error {
  override name = 'ComparisonError';
}

/** Why these ids cannot be compared (count, repeats), or null; existence is checked when loading. */
export function comparisonIdsRefusal(runIds: readonly number[]): string | null {
  if (runIds.length < MIN_COMPARE_RUNS || runIds.length > MAX_COMPARE_RUNS) {
    return `compare takes ${MIN_COMPARE_RUNS} to ${MAX_COMPARE_RUNS} runs, got ${runIds.length}`;
  }
  const repeated = runIds.find((id, i) => runIds.indexOf(id) !== i);
  if (repeated !== undefined) return `run ${repeated} is given twice; compare distinct runs`;
  return null;
}

// Loads and compares 2–4 stored runs (the first is the baseline); throws ComparisonError otherwise.
export function loadComparison(reader: RunReader, runIds: readonly number[]): ComparisonView {
  const refusal = comparisonIdsRefusal(runIds);
  if (refusal) throw new ComparisonError(refusal);
  const summaries: RunSummary[] = [];
  for (const runId of runIds) {
    const summary = loadRunSummary(reader, runId);
    if (!summary) throw new ComparisonError(`no run ${runId}`);
    summaries.push(summary);
  }
  const functions = runIds.map((runId) =>
    topFunctions(
      reader.readStackTable(runId),
      reader.readTimeline(runId),
      { states: ON_CPU_STATES },
      FUNCTIONS_PER_RUN,
    ),
  );
  return compareRuns(summaries, functions);
}

/** loadComparison for the export and report entry points: whatever stops it becomes their own one-line error. */
export function loadComparisonOr(
  reader: RunReader,
  runIds: readonly number[],
  toError: (message: string) => Error,
): ComparisonView {
  try {
    return loadComparison(reader, runIds);
  } catch (error) {
    throw toError((error as Error).message);
  }
}
