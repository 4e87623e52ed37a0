import type { RunReader } from '../store/run-reader.ts';
import type { RunStatus } from '../store/run-types.ts';
import { STATE_CODE } from '../model.ts';
import { ON_CPU_STATES, gilHolderFrames, topFunctions, topInnermostFrames, type FrameShare, type FunctionShare } from './function-profile.ts';
import { gilFigures } from './gil-figures.ts';
import { threadTimeBreakdown, type StateFractions } from './thread-state-fractions.ts';

/** Bumped only when a field changes meaning or disappears; new fields do not bump it. */
export const SUMMARY_SCHEMA_VERSION = 1;

export interface ThreadSummary {
  tid: number;
  name: string;
  nameSource: 'python' | 'os';
  cpuSeconds: number;
  lifetimeSeconds: number;
  /** Fractions of the thread's sampled lifetime; they sum to 1. */
  states: StateFractions;
  /** Fraction of GIL-readable ticks in which this thread held the GIL (null without GIL reads). */
  gilHeldFraction: number | null;
  /** Where the thread was (innermost Python frame) over all its samples. */
  topFrames: FrameShare[];
  /** Where the thread was while it waited for the GIL. */
  gilWaitFrames: FrameShare[];
}

/** The run summary printed by `gilscope profile --json` and `gilscope show --json`. */
export interface RunSummary {
  schemaVersion: number;
  runId: number;
  createdAt: string;
  label: string | null;
  script: string;
  args: string[];
  cwd: string;
  interpreter: { path: string; version: string; freeThreaded: boolean } | null;
  gilMode: string;
  /** Whether the GIL was enabled when first read (null when it never could be read). */
  gilEnabled: boolean | null;
  /** Free-threaded builds: when the GIL was switched on or off during the run (e.g. by an extension import). */
  gilEnabledChanges: Array<{ timeSeconds: number; enabled: boolean }>;
  status: RunStatus;
  exitCode: number | null;
  signal: string | null;
  error: string | null;
  wallSeconds: number | null;
  cpuSeconds: number;
  /** CPU seconds per wall second: 1.0 = one core busy on average. */
  parallelism: number | null;
  rateHz: number;
  /** Ticks taken (each tick samples every live thread). */
  samples: number;
  threadSamples: number;
  threads: ThreadSummary[];
  gil: { heldFraction: number; contention: number } | null;
  /** Functions by share of on-CPU samples (running or runnable), all threads together. */
  topFunctions: FunctionShare[];
  /** What the GIL holder was executing while other threads waited for the GIL. */
  gilHolderFrames: FrameShare[];
  /** Why some measurements are missing or approximate (e.g. no permission to read memory). */
  warnings: string[];
  sampler: unknown;
}

const NS_PER_SECOND = 1e9;
const round = (value: number, digits = 6): number => Number(value.toFixed(digits));

/** Summarises a stored run (also one still being recorded); null when the run does not exist. */
export function buildRunSummary(reader: RunReader, runId: number): RunSummary | null {
  const run = reader.getRun(runId);
  if (!run) return null;
  const timeline = reader.readTimeline(runId);
  const events = reader.readEvents(runId);
  const gil = gilFigures(timeline);
  const stacks = reader.readStackTable(runId);
  const roundShares = <T extends { fraction: number }>(shares: T[]): T[] => shares.map((share) => ({ ...share, fraction: round(share.fraction, 4) }));
  const threads: ThreadSummary[] = [];
  let cpuNs = 0;
  let threadSamples = 0;
  for (const info of reader.getThreads(runId)) {
    const columns = timeline.threads.get(info.tid);
    if (!columns) continue;
    const breakdown = threadTimeBreakdown(columns, timeline.ticks);
    cpuNs += breakdown.cpuNs;
    threadSamples += columns.tickIndex.length;
    threads.push({
      tid: info.tid,
      name: info.name,
      nameSource: info.nameSource,
      cpuSeconds: round(breakdown.cpuNs / NS_PER_SECOND),
      lifetimeSeconds: round(breakdown.lifetimeNs / NS_PER_SECOND),
      states: Object.fromEntries(Object.entries(breakdown.states).map(([state, value]) => [state, round(value, 4)])) as StateFractions,
      gilHeldFraction: gil ? round(gil.heldByThread.get(info.tid) ?? 0, 4) : null,
      topFrames: roundShares(topInnermostFrames(stacks, timeline, { tid: info.tid }, 5)),
      gilWaitFrames: roundShares(topInnermostFrames(stacks, timeline, { tid: info.tid, states: [STATE_CODE.gilWait] }, 5)),
    });
  }
  let firstKnown = -1;
  for (let i = 0; i < timeline.ticks.gilKnown.length && firstKnown < 0; i++) if (timeline.ticks.gilKnown[i]) firstKnown = i;
  const wallSeconds = run.wallNs === null ? null : round(run.wallNs / NS_PER_SECOND);
  const warnings = [...run.warnings];
  for (const event of events) {
    if (event.kind === 'sampling-degraded') warnings.push(String((event.detail as { reason?: unknown }).reason ?? 'sampling degraded'));
  }
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId: run.id,
    createdAt: run.createdAt,
    label: run.label,
    script: run.script,
    args: run.args,
    cwd: run.cwd,
    interpreter: run.interpreter ? { path: run.interpreter.path, version: run.interpreter.version, freeThreaded: run.interpreter.freeThreaded } : null,
    gilMode: run.gilMode,
    gilEnabled: firstKnown >= 0 ? timeline.ticks.gilEnabled[firstKnown] === 1 : null,
    gilEnabledChanges: events
      .filter((event) => event.kind === 'gil-enabled-changed')
      .map((event) => ({ timeSeconds: round(event.timeNs / NS_PER_SECOND), enabled: Boolean((event.detail as { enabled?: unknown }).enabled) })),
    status: run.status,
    exitCode: run.exitCode,
    signal: run.signal,
    error: run.error,
    wallSeconds,
    cpuSeconds: round(cpuNs / NS_PER_SECOND),
    parallelism: wallSeconds ? round(cpuNs / NS_PER_SECOND / wallSeconds, 3) : null,
    rateHz: run.rateHz,
    samples: timeline.ticks.index.length,
    threadSamples,
    threads,
    gil: gil ? { heldFraction: round(gil.heldFraction, 4), contention: round(gil.contention, 4) } : null,
    topFunctions: topFunctions(stacks, timeline, { states: ON_CPU_STATES }).map((share) => ({
      ...share,
      selfFraction: round(share.selfFraction, 4),
      totalFraction: round(share.totalFraction, 4),
    })),
    gilHolderFrames: roundShares(gilHolderFrames(stacks, timeline)),
    warnings,
    sampler: run.samplerStats,
  };
}
