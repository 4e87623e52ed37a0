import os from 'node:os';
import type { RunReader } from '../store/run-reader.ts';
import type { Timeline } from '../store/run-types.ts';
import { STATE_CODE } from '../model.ts';
import type { RunSummary, ThreadSummary } from '../../shared/run-summary-types.ts';
import { ON_CPU_STATES, gilHolderFrames, topFunctions, topInnermostFrames } from './function-profile.ts';
import { gilFigures } from './gil-figures.ts';
import { ipcTime } from './ipc-time.ts';
import { processFigures } from './process-figures.ts';
import { threadTimeBreakdown } from './thread-state-fractions.ts';
import { machineLoadOf } from './machine-load.ts';
import { roundTo } from './round-to.ts';
import { judgeGil } from '../../shared/gil-verdict.ts';
import type { StateFractions } from '../../shared/vocabulary.ts';

/** Bumped only when a field changes meaning or disappears; new fields do not bump it. */
export const SUMMARY_SCHEMA_VERSION = 1;

export type { RunSummary, ThreadSummary } from '../../shared/run-summary-types.ts';

const NS_PER_SECOND = 1e9;

/**
 * A run's summary: the one stored when it ended if it was built by this version of the summary
 * (with the current label, which may have changed since), else built from the samples.
 */
export function loadRunSummary(reader: RunReader, runId: number): RunSummary | null {
  const run = reader.getRun(runId);
  if (!run) return null;
  if (run.status !== 'running') {
    const stored = reader.readStoredSummary(runId);
    if (stored && stored.schemaVersion === SUMMARY_SCHEMA_VERSION) {
      const summary = withEveryState(stored.summary as Omit<RunSummary, 'verdict'>);
      // The verdict is derived, and cheap: made anew so its wording follows this version (and older stored summaries get one).
      return {
        ...summary,
        label: run.label,
        machineLoad: machineLoadOf(run, summary.cpuSeconds),
        verdict: judgeGil(summary, os.availableParallelism()),
      };
    }
  }
  return buildRunSummary(reader, runId);
}

/** The executable the sampler attached to (its `attached` event), or null when it never attached. */
function attachedExecutable(events: ReadonlyArray<{ kind: string; detail: unknown }>): string | null {
  const attached = events.find((event) => event.kind === 'attached');
  const executable = (attached?.detail as { executable?: unknown } | undefined)?.executable;
  return typeof executable === 'string' ? executable : null;
}

function roundIpc(time: { seconds: number; cpuSeconds: number }): { seconds: number; cpuSeconds: number } {
  return { seconds: roundTo(time.seconds), cpuSeconds: roundTo(time.cpuSeconds) };
}

/** A stored summary from before a state existed (unclassifiedWait) gets 0 for it: its samples never had it. */
function withEveryState(summary: Omit<RunSummary, 'verdict'>): Omit<RunSummary, 'verdict'> {
  const threads = summary.threads.map((thread) => ({
    ...thread,
    states: { ...thread.states, unclassifiedWait: thread.states.unclassifiedWait ?? 0 },
  }));
  return { ...summary, threads };
}

/** The form a summary is stored in: without the verdict, which is derived anew on every load. */
export function storedSummary(summary: RunSummary): Omit<RunSummary, 'verdict'> {
  const { verdict: _derived, machineLoad: _fromTheRunRow, ...stored } = summary;
  return stored;
}

/** Summarises a stored run (also one still being recorded); null when the run does not exist. Pass the run's whole timeline if it is already decoded. */
export function buildRunSummary(reader: RunReader, runId: number, wholeTimeline?: Timeline): RunSummary | null {
  const run = reader.getRun(runId);
  if (!run) return null;
  const timeline = wholeTimeline ?? reader.readTimeline(runId);
  const events = reader.readEvents(runId);
  const gil = gilFigures(timeline);
  const stacks = reader.readStackTable(runId);
  const roundShares = <T extends { fraction: number }>(shares: T[]): T[] =>
    shares.map((share) => ({ ...share, fraction: roundTo(share.fraction, 4) }));
  const threads: ThreadSummary[] = [];
  let cpuNs = 0;
  let threadSamples = 0;
  const threadInfos = reader.getThreads(runId);
  const breakdowns = new Map<number, ReturnType<typeof threadTimeBreakdown>>();
  for (const info of threadInfos) {
    const columns = timeline.threads.get(info.tid);
    if (columns) breakdowns.set(info.tid, threadTimeBreakdown(columns, timeline.ticks));
  }
  const processInfos = reader.getProcesses(runId);
  const perProcess = processFigures(
    processInfos,
    threadInfos,
    new Map([...breakdowns].map(([tid, breakdown]) => [tid, breakdown.cpuNs])),
    timeline,
  );
  const rootPid = processInfos[0]?.pid;
  for (const info of threadInfos) {
    const columns = timeline.threads.get(info.tid);
    const breakdown = breakdowns.get(info.tid);
    if (!columns || !breakdown) continue;
    cpuNs += breakdown.cpuNs;
    threadSamples += columns.tickIndex.length;
    // The tick's GIL is the main process's; a descendant's threads hold their own process's GIL.
    const inMain = info.pid === undefined || info.pid === rootPid;
    const heldFraction = inMain
      ? gil
        ? (gil.heldByThread.get(info.tid) ?? 0)
        : null
      : (perProcess.heldByThread.get(info.tid) ?? null);
    threads.push({
      tid: info.tid,
      ...(info.pid === undefined ? {} : { pid: info.pid }),
      name: info.name,
      nameSource: info.nameSource,
      cpuSeconds: roundTo(breakdown.cpuNs / NS_PER_SECOND),
      lifetimeSeconds: roundTo(breakdown.lifetimeNs / NS_PER_SECOND),
      states: Object.fromEntries(
        Object.entries(breakdown.states).map(([state, value]) => [state, roundTo(value, 4)]),
      ) as StateFractions,
      gilHeldFraction: heldFraction === null ? null : roundTo(heldFraction, 4),
      topFrames: roundShares(topInnermostFrames(stacks, timeline, { tid: info.tid }, 5)),
      gilWaitFrames: roundShares(
        topInnermostFrames(stacks, timeline, { tid: info.tid, states: [STATE_CODE.gilWait] }, 5),
      ),
    });
  }
  cpuNs += perProcess.exitedBeforeSampledNs;
  const gilEnabled = gilEnabledAtStart(timeline, events);
  const wallSeconds = run.wallNs === null ? null : roundTo(run.wallNs / NS_PER_SECOND);
  const warnings = [...run.warnings];
  for (const event of events) {
    if (event.kind === 'sampling-degraded')
      warnings.push(String((event.detail as { reason?: unknown }).reason ?? 'sampling degraded'));
  }
  const ipc = ipcTime(stacks, timeline, new Map(threads.map((thread) => [thread.tid, thread.lifetimeSeconds])));
  const summary: Omit<RunSummary, 'verdict'> = {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    runId: run.id,
    createdAt: run.createdAt,
    label: run.label,
    script: run.script,
    args: run.args,
    cwd: run.cwd,
    interpreter: run.interpreter
      ? {
          path: run.interpreter.path,
          version: run.interpreter.version,
          freeThreaded: run.interpreter.freeThreaded,
          executable: attachedExecutable(events),
        }
      : null,
    gilMode: run.gilMode,
    ...(run.attachedPid === null ? {} : { attachedPid: run.attachedPid }),
    gilEnabled,
    gilEnabledChanges: events
      .filter((event) => event.kind === 'gil-enabled-changed')
      .map((event) => ({
        timeSeconds: roundTo(event.timeNs / NS_PER_SECOND),
        enabled: Boolean((event.detail as { enabled?: unknown }).enabled),
      })),
    status: run.status,
    exitCode: run.exitCode,
    signal: run.signal,
    error: run.error,
    wallSeconds,
    cpuSeconds: roundTo(cpuNs / NS_PER_SECOND),
    parallelism: wallSeconds ? roundTo(cpuNs / NS_PER_SECOND / wallSeconds, 3) : null,
    rateHz: run.rateHz,
    samples: timeline.ticks.index.length,
    threadSamples,
    threads,
    ...(processInfos.length > 0 ? { processes: perProcess.processes } : {}),
    ipc: {
      pickling: roundIpc(ipc.pickling),
      pipes: roundIpc(ipc.pipes),
      queues: roundIpc(ipc.queues),
    },
    gil: gil ? { heldFraction: roundTo(gil.heldFraction, 4), contention: roundTo(gil.contention, 4) } : null,
    topFunctions: topFunctions(stacks, timeline, { states: ON_CPU_STATES }).map((share) => ({
      ...share,
      selfFraction: roundTo(share.selfFraction, 4),
      totalFraction: roundTo(share.totalFraction, 4),
    })),
    gilHolderFrames: roundShares(gilHolderFrames(stacks, timeline)),
    warnings,
    sampler: run.samplerStats,
    machineLoad: machineLoadOf(run, cpuNs / NS_PER_SECOND),
  };
  // The cores of the machine reading the run: the recording machine's unless the database moved.
  return { ...summary, verdict: judgeGil(summary, os.availableParallelism()) };
}

/**
 * The GIL's settled state when first read (ThreadSampler.noteGilEnabled). Runs recorded before that event
 * existed fall back on the first tick that read the GIL, which may fall inside an extension import.
 */
function gilEnabledAtStart(
  timeline: Timeline,
  events: ReadonlyArray<{ kind: string; detail: unknown }>,
): boolean | null {
  const firstRead = events.find((event) => event.kind === 'gil-enabled-first-read');
  if (firstRead) return Boolean((firstRead.detail as { enabled?: unknown }).enabled);
  const firstKnown = timeline.ticks.gilKnown.indexOf(1);
  return firstKnown >= 0 ? timeline.ticks.gilEnabled[firstKnown] === 1 : null;
}
