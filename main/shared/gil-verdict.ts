// The answer to the question a run is recorded for: is the GIL what holds these threads back, and would
// free-threaded Python help? Derived from the run summary alone (pure; shared by the engine, the CLI,
// the reports and the renderer). The thresholds are judgement calls, stated in the details shown.
import type { GilVerdict, GilVerdictKind, RunSummary, ThreadSummary } from './run-summary-types.ts';
import type { StateFractions } from './vocabulary.ts';

export type { GilVerdict, GilVerdictKind } from './run-summary-types.ts';

/** How loudly a verdict should read: the GIL is the story, part of it, or not (report and app colour it so). */
export function verdictTone(kind: GilVerdictKind): 'gil' | 'partly' | 'other' {
  return kind === 'gil-bound' ? 'gil' : kind === 'partly-gil-bound' ? 'partly' : 'other';
}

/** A thread is busy when it wanted a CPU at least this share of its life… */
const BUSY_SHARE = 0.2;
/** …and lived at least this long. */
const BUSY_MIN_SECONDS = 0.05;
/** A Python main thread in a blocking wait this share of its life is joining the threads that work. */
const JOINING_MAIN_LOCK_WAIT = 0.5;
const GIL_BOUND = 0.3;
const PARTLY_GIL_BOUND = 0.1;
const RUNQUEUE_BOUND = 0.3;
const LOCK_BOUND = 0.3;
const MOSTLY_WAITING = 0.5;

// Floored, so a share just under a threshold (29.7%) never reads as the threshold (30%).
const percent = (share: number): string => `${Math.floor(share * 100)}%`;

/** Time-weighted share of a state over `threads` (each fraction weighed by the thread's lifetime). */
export function share(threads: readonly ThreadSummary[], pick: (states: StateFractions) => number): number {
  let time = 0;
  let life = 0;
  for (const thread of threads) {
    time += pick(thread.states) * thread.lifetimeSeconds;
    life += thread.lifetimeSeconds;
  }
  return life > 0 ? time / life : 0;
}

/** Threads that wanted a CPU (running, runnable or waiting for the GIL) for a real part of their life. */
export function isBusy(thread: ThreadSummary): boolean {
  const { running, runnable, gilWait } = thread.states;
  return thread.lifetimeSeconds >= BUSY_MIN_SECONDS && running + runnable + gilWait >= BUSY_SHARE;
}

/** "Most GIL waits were in f (file:line)": the frame with the most GIL-wait time over the busy threads. */
function whereThreadsWaited(busy: readonly ThreadSummary[]): string[] {
  const time = new Map<string, { label: string; seconds: number }>();
  for (const thread of busy) {
    const waited = thread.states.gilWait * thread.lifetimeSeconds;
    for (const frame of thread.gilWaitFrames) {
      const key = `${frame.function}\0${frame.file}\0${frame.line}`;
      const place = `${frame.file.split('/').pop()}${frame.line > 0 ? `:${frame.line}` : ''}`;
      const entry = time.get(key) ?? { label: `${frame.function} (${place})`, seconds: 0 };
      entry.seconds += frame.fraction * waited;
      time.set(key, entry);
    }
  }
  const top = [...time.values()].sort((a, b) => b.seconds - a.seconds)[0];
  return top ? [`Most GIL waits were in ${top.label}.`] : [];
}

/** See GilVerdict.speedupCeiling. */
function speedupCeiling(
  summary: Omit<RunSummary, 'verdict'>,
  busy: readonly ThreadSummary[],
  cores: number | null,
): number | null {
  if (!summary.wallSeconds || busy.length === 0) return null;
  const longest = Math.max(...busy.map((t) => t.lifetimeSeconds * Math.max(0, 1 - t.states.gilWait)));
  const spread = cores ? summary.cpuSeconds / cores : 0;
  const floor = Math.max(longest, spread);
  return floor > 0 ? Math.max(1, Math.round((summary.wallSeconds / floor) * 10) / 10) : null;
}

/**
 * The busy threads that speak for the run: a Python main thread that spent most of its life in a
 * blocking wait (join()) is left out when other threads were busy, even if it queued for a CPU while
 * starting up on a busy machine (that made it "busy" without doing the run's work).
 */
export function busyThreads(threads: readonly ThreadSummary[], mainPid?: number): ThreadSummary[] {
  const isMain = (t: ThreadSummary): boolean =>
    t.name === 'MainThread' && t.nameSource === 'python' && (t.pid === undefined || t.pid === mainPid);
  const othersLived = threads.some((t) => !isMain(t) && t.lifetimeSeconds >= BUSY_MIN_SECONDS);
  return threads.filter((t) => isBusy(t) && !(othersLived && isMain(t) && t.states.lockWait >= JOINING_MAIN_LOCK_WAIT));
}

/** "CPython 3.16.0 (free-threaded)", or "The interpreter" when it was not probed. */
function describeInterpreter(interpreter: RunSummary['interpreter']): string {
  if (!interpreter) return 'The interpreter';
  return `CPython ${interpreter.version}${interpreter.freeThreaded ? ' (free-threaded)' : ''}`;
}

/**
 * The main process's Python main thread, when other threads are there to speak for the run (it mostly waits
 * in join()). A worker process's main thread is where that worker works, so it stays.
 */
function withoutJoiningMain(threads: readonly ThreadSummary[], mainPid: number | undefined): ThreadSummary[] {
  const others = threads.filter(
    (t) => !(t.name === 'MainThread' && t.nameSource === 'python' && (t.pid === undefined || t.pid === mainPid)),
  );
  return others.length > 0 ? others : [...threads];
}

/** Processes with at least one busy thread (each has its own GIL: their threads never wait for each other's). */
function busyProcessCount(busy: readonly ThreadSummary[]): number {
  return new Set(busy.map((thread) => thread.pid ?? -1)).size;
}

/** The CPU cost of moving data between processes is named once it is this much… */
const IPC_MIN_CPU_SECONDS = 0.05;
/** …and this share of the run's CPU. */
const IPC_MIN_CPU_SHARE = 0.02;
const IPC_LABELS = {
  pickling: 'pickling',
  pipes: 'pipes (multiprocessing.connection)',
  queues: 'multiprocessing queues',
};

/**
 * "Moving data between processes cost 0.52 s of CPU: pickling 0.40 s, …; threads also waited 1.30 s in pipes
 * and queues.", when that CPU is a real part of the run. Time blocked in a pipe is waiting for the other side,
 * which the run's idle share already tells; the CPU is the price of passing data instead of sharing it.
 */
export function ipcNote(summary: Pick<RunSummary, 'ipc' | 'cpuSeconds'>): string[] {
  const { ipc } = summary;
  if (!ipc) return [];
  const kinds = (['pickling', 'pipes', 'queues'] as const).filter((kind) => ipc[kind].cpuSeconds >= 0.005);
  const cpu = kinds.reduce((sum, kind) => sum + ipc[kind].cpuSeconds, 0);
  if (cpu < IPC_MIN_CPU_SECONDS || cpu < IPC_MIN_CPU_SHARE * summary.cpuSeconds) return [];
  const parts = kinds.map((kind) => `${IPC_LABELS[kind]} ${ipc[kind].cpuSeconds.toFixed(2)} s`);
  const waited = ipc.pipes.seconds + ipc.queues.seconds - ipc.pipes.cpuSeconds - ipc.queues.cpuSeconds;
  const waitNote = waited >= 0.01 ? `; threads also waited ${waited.toFixed(2)} s in pipes and queues` : '';
  return [`Moving data between processes cost ${cpu.toFixed(2)} s of CPU: ${parts.join(', ')}${waitNote}.`];
}

/** Reads the run summary (its `verdict` aside) and says whether the GIL limited it, what did if not, and what removing the GIL could gain; names time spent pickling and in pipes and queues. */
export function judgeGil(summary: Omit<RunSummary, 'verdict'>, cores: number | null): GilVerdict {
  const verdict = judgeThreads(summary, cores);
  const ipc = verdict.kind === 'unknown' ? [] : ipcNote(summary);
  return ipc.length > 0 ? { ...verdict, details: [...verdict.details, ...ipc] } : verdict;
}

function judgeThreads(summary: Omit<RunSummary, 'verdict'>, cores: number | null): GilVerdict {
  const busy = busyThreads(summary.threads, summary.processes?.[0]?.pid);
  const base = { busyThreads: busy.length, cores };
  const reenabled = summary.gilEnabledChanges.find((change) => change.enabled);
  const reenabledNote = reenabled
    ? [
        `The GIL was switched back on at ${reenabled.timeSeconds.toFixed(2)} s (an extension module without free-threading support was imported).`,
      ]
    : [];
  const limits = {
    runnable: share(busy, (s) => s.runnable),
    lockWait: share(busy, (s) => s.lockWait),
    idle: share(busy, (s) => s.idle),
  };
  const otherLimit = (): Pick<GilVerdict, 'kind' | 'headline'> | null => {
    if (limits.runnable >= RUNQUEUE_BOUND) {
      return {
        kind: 'cpu-bound',
        headline: `The cores are the limit: busy threads waited ${percent(limits.runnable)} of their time for a CPU (taken by each other or by other programs).`,
      };
    }
    if (limits.lockWait >= LOCK_BOUND) {
      return {
        kind: 'lock-bound',
        headline: `Blocking waits are the limit: busy threads waited on locks, queues, events or joins ${percent(limits.lockWait)} of their time.`,
      };
    }
    if (limits.idle >= MOSTLY_WAITING) {
      return {
        kind: 'mostly-waiting',
        headline: `The threads mostly wait (I/O, sleep, select): idle ${percent(limits.idle)} of their time.`,
      };
    }
    return null;
  };

  const gilGone = summary.gilEnabled === false && !reenabled;
  if (gilGone) {
    const other = otherLimit();
    const parallel =
      busy.length >= 2 ? `No GIL in this run: ${busy.length} busy threads ran in parallel.` : 'No GIL in this run.';
    return {
      ...base,
      kind: 'no-gil',
      headline: other ? `No GIL in this run. ${other.headline}` : parallel,
      details: [`Parallelism ${summary.parallelism?.toFixed(2) ?? '—'} (CPU time ÷ wall time).`],
      gilWaitShare: share(busy, (s) => s.gilWait),
      speedupCeiling: null,
    };
  }
  const everyone = withoutJoiningMain(
    summary.threads.filter((t) => t.lifetimeSeconds >= BUSY_MIN_SECONDS),
    summary.processes?.[0]?.pid,
  );
  if (summary.gil === null || everyone.length === 0) {
    const unclassified = share(everyone, (s) => s.unclassifiedWait);
    const why = summary.warnings[0];
    return {
      ...base,
      kind: 'unknown',
      headline:
        summary.gil === null
          ? `GILscope cannot tell whether the GIL holds this run back: it could not locate the GIL, so ${unclassified > 0 ? `the threads' waits (${percent(unclassified)} of their time) are unclassified, GIL or lock` : 'GIL waits could not be told from other waits'}.`
          : 'No thread lived long enough to judge what held this run back.',
      details:
        summary.gil === null && why !== undefined
          ? [`${describeInterpreter(summary.interpreter)}: ${why}`]
          : summary.warnings.slice(0, 1),
      gilWaitShare: null,
      speedupCeiling: null,
    };
  }

  const contention = `Someone was waiting for the GIL ${percent(summary.gil.contention)} of the run.`;
  if (busy.length === 0) {
    // Nobody was busy: say what the threads waited on instead.
    const lockWait = share(everyone, (s) => s.lockWait);
    const gilWait = share(everyone, (s) => s.gilWait);
    const onLocks = lockWait >= LOCK_BOUND && lockWait >= share(everyone, (s) => s.idle);
    return {
      ...base,
      kind: onLocks ? 'lock-bound' : 'mostly-waiting',
      headline: onLocks
        ? `No thread did much Python work: they mostly waited on locks, queues or events (${percent(lockWait)} of their time), so the GIL is not what limits this run.`
        : 'No thread did much Python work: they mostly waited (I/O, sleep), so the GIL is not what limits this run.',
      details: [`The threads spent ${percent(gilWait)} of their time waiting for the GIL.`, ...reenabledNote],
      gilWaitShare: gilWait,
      speedupCeiling: null,
    };
  }

  const gilWaitShare = share(busy, (s) => s.gilWait);
  const ceiling = speedupCeiling(summary, busy, cores);
  const ceilingNote =
    ceiling !== null && ceiling > 1.05
      ? [
          `Without the GIL this run could be at most about ${ceiling.toFixed(1)}× faster${cores ? ` on ${cores} otherwise idle cores` : ''}; free-threaded builds run each thread somewhat slower, so measure it: an experiment with the GIL on and off.`,
        ]
      : [];
  const where = whereThreadsWaited(busy);
  const threads = busy.length === 1 ? 'its one busy thread' : `${busy.length} busy threads`;
  const their = busy.length === 1 ? 'its' : 'their';
  // One busy thread can still be held back: by threads that hold the GIL while they do not compute (e.g. blocked in C with it held).
  const heldByOthers = busy.length === 1 ? ['Other threads held the GIL meanwhile: see what held it.'] : [];
  if (gilWaitShare >= GIL_BOUND) {
    return {
      ...base,
      kind: 'gil-bound',
      headline: `The GIL holds this run back: ${threads} waited for it ${percent(gilWaitShare)} of ${their} time.`,
      details: [contention, ...where, ...heldByOthers, ...ceilingNote, ...reenabledNote],
      gilWaitShare,
      speedupCeiling: ceiling,
    };
  }
  const other = otherLimit();
  if (gilWaitShare >= PARTLY_GIL_BOUND) {
    return {
      ...base,
      kind: 'partly-gil-bound',
      headline: `The GIL costs this run something (${threads} waited for it ${percent(gilWaitShare)} of ${their} time), but it is not the main limit.${other ? ` ${other.headline}` : ''}`,
      details: [contention, ...where, ...heldByOthers, ...ceilingNote, ...reenabledNote],
      gilWaitShare,
      speedupCeiling: ceiling,
    };
  }
  const figures = `Busy threads spent ${percent(gilWaitShare)} of their time waiting for the GIL; GIL contention ${percent(summary.gil.contention)} of the run.`;
  const processes = busyProcessCount(busy);
  if (processes >= 2) {
    // Work spread over processes: every process has its own GIL, so free-threading has nothing to free here.
    const cores = summary.parallelism === null ? '' : ` kept ${summary.parallelism.toFixed(1)} cores busy`;
    const spread = `${processes} processes${cores}, each with its own GIL`;
    return {
      ...base,
      ...(other
        ? { kind: other.kind, headline: `The GIL is not what limits this run (${spread}). ${other.headline}` }
        : {
            kind: 'process-parallel' as const,
            headline: `The GIL is not what limits this run: ${spread}.`,
          }),
      details: [figures, ...reenabledNote],
      gilWaitShare,
      speedupCeiling: null,
    };
  }
  if (busy.length === 1) {
    return {
      ...base,
      kind: 'single-threaded',
      headline:
        'Only one thread did Python work and it seldom waited for the GIL, so free-threading would not speed this run up.',
      details: [figures, ...reenabledNote],
      gilWaitShare,
      speedupCeiling: null,
    };
  }
  return {
    ...base,
    ...(other
      ? { kind: other.kind, headline: `The GIL is not what limits this run. ${other.headline}` }
      : {
          kind: 'parallel' as const,
          headline: `The GIL is not what limits this run: ${busy.length} busy threads seldom waited for it.`,
        }),
    details: [figures, ...reenabledNote],
    gilWaitShare,
    speedupCeiling: null,
  };
}
