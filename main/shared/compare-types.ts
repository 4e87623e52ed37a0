// Comparisons of runs and experiments (one script across interpreters × GIL modes × repetitions):
// the shapes the engine computes, the CLI prints as JSON, the UI shows and the reports render.
// Shared by every side, so type imports only. Extend freely; never break a field.
import type { RunSummary } from './run-summary-types.ts';
import type { GilMode, StateFractions } from './vocabulary.ts';

/** One metric across the compared runs; deltas and ratios are against the first run (the baseline). */
export interface CompareMetricRow {
  /** Stable key, e.g. 'wallSeconds', 'speedup', 'cpuSeconds', 'parallelism', 'gilContention'. */
  key: string;
  label: string;
  unit: 'seconds' | 'ratio' | 'fraction' | 'count';
  values: Array<number | null>;
  /** value − baseline value (null where either is missing). */
  deltas: Array<number | null>;
  /** value / baseline value (null where either is missing or the baseline is 0). */
  ratios: Array<number | null>;
}

/** A thread matched across runs by name (then by order of appearance among equal names). */
export interface CompareThreadRow {
  name: string;
  perRun: Array<{ tid: number; cpuSeconds: number; states: StateFractions } | null>;
}

/** A function's self/total shares of on-CPU samples in each run, sorted by the largest change. */
export interface FunctionDiffRow {
  function: string;
  file: string;
  self: number[];
  total: number[];
  /** The largest change of the self share of any run against the baseline (runs[0]), sign kept. */
  selfChange: number;
}

/** 2–4 runs side by side; `runs[0]` is the baseline. */
export interface ComparisonView {
  schemaVersion: number;
  runs: RunSummary[];
  metrics: CompareMetricRow[];
  threads: CompareThreadRow[];
  functions: FunctionDiffRow[];
  /** Per run after the baseline: how it fared against it and why, in sentences (see compare-verdict.ts). */
  verdict: Array<{ runId: number; lines: string[] }>;
}

/** What to run: every interpreter × GIL mode (× value of the varied argument or variable) × `repeat`. */
export interface ExperimentSpec {
  script: string;
  args: string[];
  /** null = the script's folder. */
  cwd: string | null;
  interpreters: string[];
  /** Applied to free-threaded interpreters; GIL builds always run with 'default'. */
  gilModes: GilMode[];
  repeat: number;
  /** Optionally one argument (`{value}` in args is replaced) or environment variable taking several values. */
  vary: { kind: 'arg' | 'env'; name: string; values: string[] } | null;
  rateHz: number;
  durationSeconds: number | null;
  stacks?: boolean;
}

/** Robust figures over a configuration's repetitions. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** One configuration of an experiment (interpreter × GIL mode × varied value) and its runs. */
export interface ExperimentConfigResult {
  /** Stable id within the experiment, e.g. "python3.13t|off|threads=4". */
  key: string;
  label: string;
  interpreter: { path: string; version: string; freeThreaded: boolean };
  gilMode: GilMode;
  varyValue: string | null;
  runIds: number[];
  /** Runs that did not complete (failed, killed, stopped). */
  failures: number;
  wallSeconds: Spread | null;
  /** Baseline median wall ÷ this median wall (> 1 = faster than the baseline). */
  speedup: number | null;
  parallelism: Spread | null;
  contention: Spread | null;
  /** Cores other programs kept busy during the completed runs (null for runs recorded before this was kept). */
  otherCores?: Spread | null;
  /** The machine's cores while they ran. */
  cores?: number | null;
  /** The verdict's speedup ceiling without the GIL, median over the completed runs that have one. */
  speedupCeiling?: number | null;
  /** Processes that did the work (with a busy thread): 1 for threads, N for a pool of N (absent in older exports). */
  processes?: Spread | null;
  /** Busy threads' share of time waiting for their own process's GIL (the verdict's gilWaitShare). */
  gilWait?: Spread | null;
}

export type ExperimentStatus = 'running' | 'completed' | 'cancelled' | 'failed';

/** An experiment as stored: its spec, progress, and per-configuration results. */
export interface ExperimentView {
  schemaVersion: number;
  id: number;
  createdAt: string;
  spec: ExperimentSpec;
  status: ExperimentStatus;
  /** Why it failed, or null. */
  error: string | null;
  /** The configuration speedups are relative to. */
  baselineKey: string | null;
  progress: { done: number; total: number };
  configs: ExperimentConfigResult[];
}

/** One row of the experiments list. */
export interface ExperimentListItem {
  id: number;
  createdAt: string;
  script: string;
  status: ExperimentStatus;
  configs: number;
  runs: number;
}

/** What to export. speedscope and collapsed apply to single runs only. */
export type ExportTarget =
  { kind: 'run'; runId: number } | { kind: 'compare'; runIds: number[] } | { kind: 'experiment'; experimentId: number };
