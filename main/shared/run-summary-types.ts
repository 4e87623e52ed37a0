// The run summary: what `gilscope profile --json` / `show --json` print and what the UI shows. Shared
// by the engine, the CLI and the renderer, so it has no imports. Extend freely; never break a field.

export type ThreadStateName = 'running' | 'runnable' | 'gilWait' | 'lockWait' | 'idle';
export type StateFractions = Record<ThreadStateName, number>;
export type RunStatusName = 'running' | 'completed' | 'failed' | 'killed' | 'stopped';

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
  status: RunStatusName;
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
