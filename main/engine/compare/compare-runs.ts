// Lines 2–4 run summaries up side by side: run-level metrics with deltas and ratios against the first
// run (the baseline), threads matched by name, and a per-function diff of on-CPU self/total shares.
// Pure: the loader (load-comparison.ts) reads the summaries and function shares from a store.
import { explainComparison } from '../../shared/compare-verdict.ts';
import { busyThreads } from '../../shared/gil-verdict.ts';
import type {
  CompareMetricRow,
  CompareThreadRow,
  ComparisonView,
  FunctionDiffRow,
} from '../../shared/compare-types.ts';
import type { FunctionShare, RunSummary } from '../../shared/run-summary-types.ts';
import { roundTo } from '../analysis/round-to.ts';
import { THREAD_STATES, type ThreadState } from '../../shared/vocabulary.ts';

/** How a state reads in a metrics table. */
const STATE_LABELS: Record<ThreadState, string> = {
  running: 'Running',
  runnable: 'Runnable',
  gilWait: 'GIL wait',
  lockWait: 'Lock wait',
  idle: 'Idle',
  unclassifiedWait: 'Waiting (unclassified)',
};

/** Bumped only when a field of ComparisonView changes meaning or disappears. */
export const COMPARISON_SCHEMA_VERSION = 1;

type MetricValue = (run: RunSummary, baseline: RunSummary) => number | null;

/** Metric rows in display order; state means are lifetime-weighted over all threads of a run. */
const METRICS: ReadonlyArray<{ key: string; label: string; unit: CompareMetricRow['unit']; value: MetricValue }> = [
  { key: 'wallSeconds', label: 'Wall time', unit: 'seconds', value: (run) => run.wallSeconds },
  {
    key: 'speedup',
    label: 'Speedup vs baseline',
    unit: 'ratio',
    value: (run, base) => (run.wallSeconds && base.wallSeconds !== null ? base.wallSeconds / run.wallSeconds : null),
  },
  { key: 'cpuSeconds', label: 'CPU time', unit: 'seconds', value: (run) => run.cpuSeconds },
  { key: 'parallelism', label: 'Parallelism (cores busy)', unit: 'ratio', value: (run) => run.parallelism },
  {
    key: 'processes',
    label: 'Processes that did the work',
    unit: 'count',
    value: (run) => new Set(busyThreads(run.threads, run.processes?.[0]?.pid).map((thread) => thread.pid ?? -1)).size,
  },
  {
    key: 'gilWait',
    label: 'GIL wait, busy threads (own process’s GIL)',
    unit: 'fraction',
    value: (run) => run.verdict.gilWaitShare,
  },
  { key: 'gilContention', label: 'GIL contention', unit: 'fraction', value: (run) => run.gil?.contention ?? null },
  { key: 'gilHeld', label: 'GIL held', unit: 'fraction', value: (run) => run.gil?.heldFraction ?? null },
  ...THREAD_STATES.map((state) => ({
    key: `state.${state}`,
    label: `${STATE_LABELS[state]}, thread mean`,
    unit: 'fraction' as const,
    value: (run: RunSummary) => meanState(run, state),
  })),
];

function meanState(run: RunSummary, state: ThreadState): number | null {
  let weighted = 0;
  let lifetime = 0;
  for (const thread of run.threads) {
    weighted += thread.states[state] * thread.lifetimeSeconds;
    lifetime += thread.lifetimeSeconds;
  }
  return lifetime > 0 ? weighted / lifetime : null;
}

/** A metric row: values per run, minus / divided by the baseline's value. */
function metricRow(metric: (typeof METRICS)[number], runs: readonly RunSummary[]): CompareMetricRow {
  const baseline = runs[0]!;
  const values = runs.map((run) => {
    const value = metric.value(run, baseline);
    return value === null || !Number.isFinite(value) ? null : roundTo(value);
  });
  const first = values[0] ?? null;
  return {
    key: metric.key,
    label: metric.label,
    unit: metric.unit,
    values,
    deltas: values.map((value) => (value === null || first === null ? null : roundTo(value - first))),
    ratios: values.map((value) => (value === null || first === null || first === 0 ? null : roundTo(value / first))),
  };
}

/**
 * Threads matched by name, then by order of appearance among threads of the same name. A thread of a
 * descendant process is named after its process's role ("worker 1: MainThread"), so processes match by
 * role across runs; the main process's threads keep their plain names (and match a single-process run's).
 */
export function matchThreads(runs: readonly RunSummary[]): CompareThreadRow[] {
  const rows: CompareThreadRow[] = [];
  const rowsByName = new Map<string, CompareThreadRow[]>();
  runs.forEach((run, runIndex) => {
    const seen = new Map<string, number>();
    const roles = new Map((run.processes ?? []).slice(1).map((process) => [process.pid, process.role]));
    for (const thread of run.threads) {
      const role = thread.pid === undefined ? undefined : roles.get(thread.pid);
      const name = role === undefined ? thread.name : `${role}: ${thread.name}`;
      const occurrence = seen.get(name) ?? 0;
      seen.set(name, occurrence + 1);
      const sameName = rowsByName.get(name) ?? [];
      rowsByName.set(name, sameName);
      let row = sameName[occurrence];
      if (!row) {
        row = { name, perRun: runs.map(() => null) };
        sameName.push(row);
        rows.push(row);
      }
      row.perRun[runIndex] = { tid: thread.tid, cpuSeconds: thread.cpuSeconds, states: thread.states };
    }
  });
  return rows;
}

/**
 * A file path that is the same for the same module under different interpreters: the standard
 * library and site-packages paths differ per build ("…/lib/python3.12/threading.py" vs
 * "…/lib/python3.13t/threading.py"), so only the part after them counts.
 */
export function comparableFile(file: string): string {
  const library = /\/lib\/python\d+\.\d+t?\/(?:(?:site|dist)-packages\/)?(.*)$/.exec(file);
  return library ? `<lib>/${library[1]}` : file;
}

/** Functions of every run by function+file (library paths compared without their interpreter's prefix), sorted by the largest |self share change| of any run against the first. */
export function diffFunctions(perRun: ReadonlyArray<readonly FunctionShare[]>, limit = 100): FunctionDiffRow[] {
  const rows = new Map<string, FunctionDiffRow>();
  perRun.forEach((shares, runIndex) => {
    for (const share of shares) {
      const key = `${share.function}\0${comparableFile(share.file)}`;
      let row = rows.get(key);
      if (!row)
        rows.set(
          key,
          (row = {
            function: share.function,
            file: share.file,
            self: perRun.map(() => 0),
            total: perRun.map(() => 0),
            selfChange: 0,
          }),
        );
      row.self[runIndex] = roundTo(share.selfFraction, 4);
      row.total[runIndex] = roundTo(share.totalFraction, 4);
    }
  });
  for (const row of rows.values()) row.selfChange = roundTo(largestChange(row.self), 4);
  return [...rows.values()]
    .sort(
      (a, b) =>
        Math.abs(b.selfChange) - Math.abs(a.selfChange) ||
        (b.self[0] ?? 0) - (a.self[0] ?? 0) ||
        a.function.localeCompare(b.function),
    )
    .slice(0, limit);
}

/** The comparison of `summaries` (runs[0] is the baseline); `onCpuFunctionsPerRun[i]` are run i's on-CPU function shares. */
export function compareRuns(
  summaries: readonly RunSummary[],
  onCpuFunctionsPerRun: ReadonlyArray<readonly FunctionShare[]>,
): ComparisonView {
  if (summaries.length === 0) throw new Error('compareRuns needs at least one run');
  const view: Omit<ComparisonView, 'verdict'> = {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    runs: [...summaries],
    metrics: METRICS.map((metric) => metricRow(metric, summaries)),
    threads: matchThreads(summaries),
    functions: diffFunctions(onCpuFunctionsPerRun),
  };
  return { ...view, verdict: explainComparison(view) };
}

/** The change against the first value with the largest magnitude among the others (sign kept); 0 for one value. */
export function largestChange(values: readonly number[]): number {
  let largest = 0;
  for (let i = 1; i < values.length; i++) {
    const change = (values[i] ?? 0) - (values[0] ?? 0);
    if (Math.abs(change) > Math.abs(largest)) largest = change;
  }
  return largest;
}
