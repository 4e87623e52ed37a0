// Hand-built, type-correct comparison and experiment views whose user-controlled strings are
// hostile, for report tests that do not need real runs.
import type { BinnedTimeline } from '../../main/shared/run-views.ts';
import type { ComparisonView, ExperimentView } from '../../main/shared/compare-types.ts';
import type { RunSummary, ThreadSummary } from '../../main/shared/run-summary-types.ts';
import { explainComparison } from '../../main/shared/compare-verdict.ts';
import { judgeGil } from '../../main/shared/gil-verdict.ts';
import { HOSTILE_NAMES } from './hostile-run.ts';
import type { StateFractions } from '../../main/shared/vocabulary.ts';
import { handMadeSummary, handMadeThread, stateShares } from '../support/hand-made-summary.ts';

/** A label that would inject markup if not escaped. */
export const HOSTILE_LABEL = '<i>label</i> <script>alert("label")</script>';
/** An interpreter path that would break an attribute if not escaped. */
export const HOSTILE_INTERPRETER = '/opt/"py" <thon>/bin/python3.13t';
/** A script path with spaces and a tag. */
export const HOSTILE_SCRIPT = '/home/user/my <b>project</b>/run me.py';

const states = (running: number, runnable: number, gilWait: number, lockWait: number): StateFractions =>
  stateShares({ running, runnable, gilWait, lockWait });

function thread(tid: number, name: string, cpu: number, fractions: StateFractions): ThreadSummary {
  return {
    ...handMadeThread(tid, name, 2, fractions),
    cpuSeconds: cpu,
    gilHeldFraction: fractions.running,
    topFrames: [{ function: 'spin<lambda>', file: HOSTILE_SCRIPT, line: 12, fraction: 0.9 }],
    gilWaitFrames: fractions.gilWait > 0 ? [{ function: 'spin', file: HOSTILE_SCRIPT, line: 12, fraction: 1 }] : [],
  };
}

/** A run summary: `free` = free-threaded with the GIL off (more parallel, no GIL waits). */
export function sampleSummary(runId: number, free: boolean): RunSummary {
  const wall = free ? 0.8 : 2.1;
  const threads = [
    thread(100, 'MainThread', 0.02, states(0.01, 0, 0, 0.95)),
    ...HOSTILE_NAMES.map((name, i) =>
      thread(101 + i, name, 0.6, free ? states(0.75, 0.05, 0, 0) : states(0.3, 0.1, 0.6 - i * 0.02, 0)),
    ),
  ];
  const summary = handMadeSummary(wall, threads, {
    runId,
    createdAt: '2025-03-04T05:06:07.000Z',
    label: runId === 1 ? HOSTILE_LABEL : null,
    script: HOSTILE_SCRIPT,
    args: ['--threads', '3', '<svg onload=alert(9)>'],
    cwd: '/home/user/my <b>project</b>',
    interpreter: { path: HOSTILE_INTERPRETER, version: '3.13.5', freeThreaded: true },
    gilMode: free ? 'off' : 'on',
    gilEnabled: !free,
    cpuSeconds: 1.82,
    parallelism: 1.82 / wall,
    samples: Math.round(wall * 100),
    threadSamples: Math.round(wall * 400),
    gil: free ? { heldFraction: 0, contention: 0 } : { heldFraction: 0.97, contention: 0.95 },
    topFunctions: [{ function: '<genexpr>', file: HOSTILE_SCRIPT, line: 12, selfFraction: 0.9, totalFraction: 0.95 }],
    gilHolderFrames: free ? [] : [{ function: 'spin', file: HOSTILE_SCRIPT, line: 12, fraction: 1 }],
    warnings: [`<b>warning</b> for run ${runId} & more`],
  });
  return { ...summary, verdict: judgeGil(summary, 2) };
}

/** A synthetic timeline for a sample summary: `bins` bins over its wall time. */
export function sampleTimeline(summary: RunSummary, bins = 120): BinnedTimeline {
  const toNs = (summary.wallSeconds ?? 1) * 1e9;
  const series = (value: (bin: number) => number): number[] => Array.from({ length: bins }, (_, bin) => value(bin));
  return {
    fromNs: 0,
    toNs,
    binNs: toNs / bins,
    threads: summary.threads.map((t, i) => ({
      tid: t.tid,
      name: t.name,
      cpu: series((bin) => (i === 0 ? 0.01 : t.states.running + 0.1 * Math.sin(bin / 5 + i))),
      sampled: series(() => 2),
      states: {
        running: series(() => t.states.running),
        runnable: series(() => t.states.runnable),
        gilWait: series(() => t.states.gilWait),
        lockWait: series(() => t.states.lockWait),
        unclassifiedWait: series(() => t.states.unclassifiedWait),
        idle: series(() => t.states.idle),
      },
    })),
    gil: summary.gilEnabled
      ? { held: series(() => 0.97), contention: series((bin) => 0.9 + 0.05 * Math.sin(bin)), known: series(() => 1) }
      : null,
  };
}

/** A comparison of GIL on (baseline) vs off vs a third run. */
export function sampleComparison(): ComparisonView {
  const runs = [sampleSummary(1, false), sampleSummary(2, true), sampleSummary(3, true)];
  const walls = runs.map((run) => run.wallSeconds);
  const base = walls[0]!;
  return {
    schemaVersion: 1,
    runs,
    metrics: [
      {
        key: 'wallSeconds',
        label: 'Wall time',
        unit: 'seconds',
        values: walls,
        deltas: walls.map((w) => (w === null ? null : w - base)),
        ratios: walls.map((w) => (w === null ? null : w / base)),
      },
      {
        key: 'speedup',
        label: 'Speedup',
        unit: 'ratio',
        values: walls.map((w) => (w ? base / w : null)),
        deltas: [0, 1.6, 1.6],
        ratios: [1, 2.6, 2.6],
      },
      {
        key: 'gilContention',
        label: 'GIL contention',
        unit: 'fraction',
        values: [0.95, 0, null],
        deltas: [0, -0.95, null],
        ratios: [1, 0, null],
      },
    ],
    threads: runs[0]!.threads.map((t) => ({
      name: t.name,
      perRun: runs.map((run, i) =>
        i === 2 && t.name === 'MainThread'
          ? null
          : { tid: t.tid, cpuSeconds: t.cpuSeconds, states: run.threads.find((x) => x.name === t.name)!.states },
      ),
    })),
    functions: [
      { function: '<genexpr>', file: HOSTILE_SCRIPT, self: [0.5, 0.9, 0.9], total: [0.6, 0.95, 0.95], selfChange: 0.4 },
      {
        function: 'take_gil "wait"',
        file: '<frozen importlib._bootstrap>',
        self: [0.3, 0, 0],
        total: [0.3, 0, 0],
        selfChange: -0.3,
      },
    ],
    verdict: explainComparison({ runs }),
  };
}

/** An experiment over two interpreters × GIL on/off × a varied thread count, one configuration failing. */
export function sampleExperiment(): ExperimentView {
  const interpreter = { path: HOSTILE_INTERPRETER, version: '3.13.5', freeThreaded: true };
  const spread = (median: number): { median: number; min: number; max: number } => ({
    median,
    min: median * 0.93,
    max: median * 1.08,
  });
  const configs: ExperimentView['configs'] = [];
  for (const threads of ['1', '4']) {
    for (const gilMode of ['on', 'off'] as const) {
      const wall = gilMode === 'on' ? 2 * Number(threads) : 2.1;
      configs.push({
        key: `${HOSTILE_INTERPRETER}|${gilMode}|threads=${threads}`,
        label: `3.13t <b>GIL ${gilMode}</b> · threads=${threads}`,
        interpreter,
        gilMode,
        varyValue: threads,
        runIds: [1, 2, 3],
        failures: threads === '4' && gilMode === 'off' ? 1 : 0,
        wallSeconds: spread(wall),
        speedup: 2 / wall,
        parallelism: spread(gilMode === 'on' ? 1 : Number(threads) * 0.9),
        contention: gilMode === 'on' ? spread(Number(threads) > 1 ? 0.9 : 0) : null,
      });
    }
  }
  configs.push({
    ...configs[0]!,
    key: 'none',
    label: '<img src=x onerror=alert("cfg")> no data',
    wallSeconds: null,
    speedup: null,
    parallelism: null,
    contention: null,
    runIds: [],
    failures: 3,
  });
  return {
    schemaVersion: 1,
    id: 7,
    createdAt: '2025-03-04T05:06:07.000Z',
    spec: {
      script: HOSTILE_SCRIPT,
      args: ['--threads', '{value}', '<svg onload=alert(9)>'],
      cwd: null,
      interpreters: [HOSTILE_INTERPRETER, '/usr/bin/python3'],
      gilModes: ['on', 'off'],
      repeat: 3,
      vary: { kind: 'arg', name: 'threads<&>', values: ['1', '4'] },
      rateHz: 100,
      durationSeconds: null,
    },
    status: 'completed',
    error: '<b>one run</b> failed: "boom" & \'bang\'',
    baselineKey: configs[0]!.key,
    progress: { done: 12, total: 12 },
    configs,
  };
}
