// Hand-made run summaries for the tests of pure code that reads them (the GIL verdict, the comparison's
// sentences, the reports): a completed run of s.py whose totals follow from its threads.
import type { RunSummary, ThreadSummary } from '../../main/shared/run-summary-types.ts';
import type { StateFractions } from '../../main/shared/vocabulary.ts';

/** State shares as given, idle taking what they leave. */
export function stateShares(given: Partial<StateFractions>): StateFractions {
  const known = { running: 0, runnable: 0, gilWait: 0, lockWait: 0, unclassifiedWait: 0, ...given };
  return { ...known, idle: Math.max(0, 1 - known.running - known.runnable - known.gilWait - known.lockWait) };
}

/** A thread living `life` seconds in `states`, on a CPU for its running share of them. */
export function handMadeThread(tid: number, name: string, life: number, states: StateFractions): ThreadSummary {
  return {
    tid,
    name,
    nameSource: 'python',
    cpuSeconds: life * states.running,
    lifetimeSeconds: life,
    states,
    gilHeldFraction: null,
    topFrames: [],
    gilWaitFrames: [],
  };
}

/** A summary (no verdict yet) of `threads` over `wall` seconds; CPU time is theirs; `fields` override the rest. */
export function handMadeSummary(
  wall: number,
  threads: ThreadSummary[],
  fields: Partial<Omit<RunSummary, 'verdict'>> = {},
): Omit<RunSummary, 'verdict'> {
  const cpu = threads.reduce((sum, t) => sum + t.cpuSeconds, 0);
  return {
    schemaVersion: 1,
    runId: 1,
    createdAt: '',
    label: null,
    script: 's.py',
    args: [],
    cwd: '/',
    interpreter: null,
    gilMode: 'default',
    gilEnabled: true,
    gilEnabledChanges: [],
    status: 'completed',
    exitCode: 0,
    signal: null,
    error: null,
    wallSeconds: wall,
    cpuSeconds: cpu,
    parallelism: cpu / wall,
    rateHz: 100,
    samples: 0,
    threadSamples: 0,
    threads,
    gil: { heldFraction: 0.99, contention: 0.9 },
    topFunctions: [],
    gilHolderFrames: [],
    warnings: [],
    sampler: null,
    ...fields,
  };
}
