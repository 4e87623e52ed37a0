// The run summary: what `gilscope profile --json` / `show --json` print and what the UI shows. Shared
// by the engine, the CLI and the renderer, so it has only type imports from main/shared. Extend freely; never break a field.
import type { RunStatus, StateFractions } from './vocabulary.ts';

/** A function's share of the samples: self = it was the innermost frame; total = it was anywhere on the stack. */
export interface FunctionShare {
  function: string;
  file: string;
  /** The line seen most often as this function's innermost line (or on the stack, if never innermost). */
  line: number;
  selfFraction: number;
  totalFraction: number;
}

/** A frame's share of a set of samples (e.g. "where this thread waited for the GIL"). */
export interface FrameShare {
  function: string;
  file: string;
  line: number;
  fraction: number;
}

export interface ThreadSummary {
  tid: number;
  /** The process the thread belongs to (absent in runs recorded before processes were followed). */
  pid?: number;
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

/** One process of the run: the main one (launched or attached) or a descendant GILscope followed. */
export interface ProcessSummary {
  pid: number;
  parentPid: number | null;
  /** "main", or "worker 1", "worker 2", … in the order first seen (compare matches processes by role). */
  role: string;
  commandLine: string[];
  /** CPython version, null for a non-Python process (CPU and states only). */
  pythonVersion: string | null;
  threadCount: number;
  /** Its sampled threads' CPU plus `exitedBeforeSampledCpuSeconds`. */
  cpuSeconds: number;
  /** CPU of threads that ended before they were ever sampled: the process's own total minus its sampled threads'. */
  exitedBeforeSampledCpuSeconds: number;
  lifetimeSeconds: number;
  /** This process's own GIL: held share of its GIL reads, and share of its ticks with one of its threads waiting. */
  gil: { heldFraction: number; contention: number } | null;
}

/**
 * Thread time spent moving data between processes, from the Python stacks: pickling (pickle, copyreg,
 * multiprocessing.reduction), pipes (multiprocessing.connection; unpickling a received object counts here) and
 * multiprocessing queues. `seconds`: thread time in every state; `cpuSeconds`: CPU used in the sampling intervals
 * that ended there (exact per interval, attributed to the interval's last stack).
 */
export interface IpcTime {
  pickling: { seconds: number; cpuSeconds: number };
  pipes: { seconds: number; cpuSeconds: number };
  queues: { seconds: number; cpuSeconds: number };
}

export interface RunSummary {
  schemaVersion: number;
  runId: number;
  createdAt: string;
  label: string | null;
  script: string;
  args: string[];
  cwd: string;
  /**
   * `path` is what was launched (maybe a launcher script); `executable` is the real interpreter the process
   * ran once attached, as GILscope sees it (a chrooted one under its chroot); absent in runs recorded before
   * it was, null when the runtime was never found.
   */
  interpreter: { path: string; version: string; freeThreaded: boolean; executable?: string | null } | null;
  gilMode: string;
  /** Set when GILscope attached to this running process (gilscope attach) instead of launching the script. */
  attachedPid?: number;
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
  /** Every process sampled, main first (absent in runs recorded before processes were followed). */
  processes?: ProcessSummary[];
  /** Time in pickling, pipes and queues (absent in summaries stored before it was measured; zeros without stacks). */
  ipc?: IpcTime;
  gil: { heldFraction: number; contention: number } | null;
  /** Functions by share of on-CPU samples (running or runnable), all threads together. */
  topFunctions: FunctionShare[];
  /** What the GIL holder was executing while other threads waited for the GIL. */
  gilHolderFrames: FrameShare[];
  /** Why some measurements are missing or approximate (e.g. no permission to read memory). */
  warnings: string[];
  sampler: unknown;
  /**
   * How busy the machine was with other programs while the run recorded; null (or absent) for runs
   * recorded before GILscope kept it, and while recording.
   */
  machineLoad?: MachineLoad | null;
  /** Is the GIL what holds the threads back, and what removing it could gain (see shared/gil-verdict.ts). */
  verdict: GilVerdict;
}

export type GilVerdictKind =
  | 'gil-bound'
  | 'partly-gil-bound'
  | 'single-threaded'
  | 'cpu-bound'
  | 'lock-bound'
  | 'mostly-waiting'
  | 'parallel'
  | 'process-parallel'
  | 'no-gil'
  | 'unknown';

export interface GilVerdict {
  kind: GilVerdictKind;
  /** One sentence that answers the question. */
  headline: string;
  /** The figures behind it, one short sentence each. */
  details: string[];
  /** Share of the busy threads' time spent waiting for the GIL (time-weighted); null when unmeasured. */
  gilWaitShare: number | null;
  /** Busy threads: those that wanted a CPU (running, runnable or waiting for the GIL) ≥ 20% of their life. */
  busyThreads: number;
  /**
   * Ceiling on the speedup without the GIL on `cores` otherwise idle cores: this wall time over the
   * longer of the longest busy thread's life minus its GIL waits, and all CPU time spread over the
   * cores. Only for GIL-bound and partly GIL-bound runs; null otherwise (or without a wall time).
   */
  speedupCeiling: number | null;
  cores: number | null;
}

/**
 * CPU other programs took while a run recorded: the machine's busy CPU time on all cores (/proc/stat)
 * less the run's own processes and GILscope's recording process, over the time the run recorded.
 */
export interface MachineLoad {
  otherCpuSeconds: number;
  /** otherCpuSeconds per wall second: how many cores other programs kept busy on average. */
  otherCores: number;
  /** Cores of the machine that recorded the run. */
  cores: number;
  windowSeconds: number;
}
