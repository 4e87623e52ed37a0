// What the engine derives from a stored run for charts and reports: the binned timeline, the flame
// graph, the script's output. The engine computes them, the CLI and exports write them, the UI draws
// them; the request contract (api-contract.ts) only names them. Type-only imports from main/shared.
import type { ThreadState } from './vocabulary.ts';

/**
 * A run's timeline in equal bins over [fromNs, toNs]: per thread the CPU used (cores, 0..1 per
 * thread) and the share of its samples in each state; for the run, GIL held and contention shares.
 * NaN-free: a bin with no samples has zeros and `sampled` 0.
 */
export interface BinnedTimeline {
  fromNs: number;
  toNs: number;
  binNs: number;
  /** Lanes grouped by process (compareLanesByProcess in process-groups.ts), then by tid. */
  threads: Array<{
    tid: number;
    /** The thread's process (absent in runs recorded before processes were followed). */
    pid?: number;
    name: string;
    cpu: number[];
    sampled: number[];
    states: Record<ThreadState, number[]>;
  }>;
  gil: { held: number[]; contention: number[]; known: number[] } | null;
}

/** A flame graph node: `value` = samples in this frame and below. */
export interface FlameNode {
  name: string;
  file: string;
  line: number;
  value: number;
  children: FlameNode[];
  /** The earliest tick (index in the run) any of its samples was taken at: orders a time-ordered view. */
  firstTick?: number;
}

/** The script's output as stored (only the tail if it printed a lot). */
export interface RunOutputView {
  chunks: Array<{ stream: 'stdout' | 'stderr'; timeNs: number; text: string }>;
  truncated: boolean;
}

/** Which samples a function view or flame graph counts. */
export const SAMPLE_SCOPES = ['all', 'on-cpu', 'gil-wait'] as const;
export type SampleScope = (typeof SAMPLE_SCOPES)[number];

/** Samples of one source line (or a whole file), by what the thread was doing. */
export interface SourceLineCounts {
  /** Running or runnable samples whose stack passes through the line. */
  onCpu: number;
  /** On-CPU samples whose innermost frame is at the line (the line itself, not what it called). */
  onCpuSelf: number;
  /** Samples waiting for the GIL whose stack passes through the line. */
  gilWait: number;
  /** Samples waiting on another lock (or I/O) whose stack passes through the line. */
  lockWait: number;
}

/**
 * A source file of a run with per-line samples (runs:source). `origin` says where the text came from:
 * stored with the run when it ended, read from disk now (runs recorded before sources were kept), or
 * nowhere (`problem` says why; the counts are still there).
 */
export interface SourceView {
  file: string;
  origin: 'stored' | 'disk' | 'none';
  problem: string | null;
  /** The text split into lines (line n is lines[n - 1]); empty when there is no text. */
  lines: string[];
  /** Sampled lines only, ascending by line. */
  counts: Array<SourceLineCounts & { line: number }>;
  /** Samples counted in each column over the whole selection (all files): the denominators of shares. */
  totals: Omit<SourceLineCounts, 'onCpuSelf'>;
}

/**
 * A differential flame graph node (B vs A): laid out by B's samples (`value`), with A's samples of the
 * same call path in `baseline`. Paths are matched by function and file, library files by their path
 * below the interpreter's lib folder. A path A had and B lacks stays with `value` 0.
 */
export interface DiffFlameNode extends FlameNode {
  baseline: number;
  children: DiffFlameNode[];
}
