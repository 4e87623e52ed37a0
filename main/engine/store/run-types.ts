// What the run store takes in and gives back, besides the sample model of ../model.ts.
import type { Nanoseconds, Tid } from '../model.ts';
import type { SampleColumns, TickColumns } from './chunk-codec.ts';
import type { GilMode, RunStatus } from '../../shared/vocabulary.ts';

export type { SampleColumns, TickColumns } from './chunk-codec.ts';

/** The Python that ran the script; upserted by realPath. */
export interface InterpreterInfo {
  path: string;
  realPath: string;
  version: string;
  implementation: string;
  freeThreaded: boolean;
}

/** What is known when a run starts. */
export interface RunMeta {
  script: string;
  args: string[];
  cwd: string;
  interpreter: InterpreterInfo | null;
  gilMode: GilMode;
  rateHz: number;
  label?: string | null;
  /** The PID attached to, when the run attached to a running process instead of launching a script. */
  attachedPid?: number | null;
  /** Defaults to now. */
  createdAt?: Date;
}

/** What is known when a run ends. */
export interface RunFinish {
  status: Exclude<RunStatus, 'running'>;
  exitCode: number | null;
  /** Signal name (e.g. 'SIGKILL') when the target was killed by one. */
  signal: string | null;
  wallNs: Nanoseconds | null;
  error?: string | null;
  warnings?: string[];
  /** Free-form JSON from the sampler (missed ticks, read errors, overhead). */
  samplerStats?: unknown;
}

/** A run as stored, for listings and headers. */
export interface RunRecord {
  id: number;
  createdAt: string;
  script: string;
  args: string[];
  cwd: string;
  interpreter: (InterpreterInfo & { id: number }) | null;
  gilMode: GilMode;
  rateHz: number;
  /** Ticks per sample chunk in this run. */
  chunkTicks: number;
  /** The PID attached to (gilscope attach); null for a launched script. */
  attachedPid: number | null;
  status: RunStatus;
  exitCode: number | null;
  signal: string | null;
  wallNs: Nanoseconds | null;
  error: string | null;
  label: string | null;
  warnings: string[];
  samplerStats: unknown;
  tickCount: number;
  sampleCount: number;
  lastTimeNs: Nanoseconds | null;
  outputKeptBytes: number;
  outputDroppedBytes: number;
  /**
   * The whole machine's busy CPU ns (all cores) and the recording process's own CPU ns while the run
   * recorded, over `windowNs`; null for runs recorded before this was kept (or while recording).
   */
  machine: { busyNs: Nanoseconds; recorderCpuNs: Nanoseconds; windowNs: Nanoseconds; cores: number } | null;
  /** Library figures from the summary stored when the run ended; null while recording or if none. */
  cpuSeconds: number | null;
  contention: number | null;
}

export type OutputStream = 'stdout' | 'stderr';

/** One piece of the target's output as it arrived. */
export interface OutputChunk {
  stream: OutputStream;
  timeNs: Nanoseconds;
  text: string;
}

/** A run's output: only its tail when it printed more than the cap. */
export interface RunOutput {
  chunks: OutputChunk[];
  truncated: boolean;
  droppedBytes: number;
}

/** Known event kinds; others are allowed. */
export type RunEventKind = 'gil-enabled-first-read' | 'gil-enabled-changed' | 'memory-unreadable' | (string & {});

/** Something that happened during a run, with JSON detail. */
export interface RunEvent {
  id: number;
  timeNs: Nanoseconds;
  kind: RunEventKind;
  detail: unknown;
}

/** A run's stack table as columns: frame i is (function[i], file[i], line[i]); stack i is frame[i] on prefix[i] (-1 = root). */
export interface StackTable {
  frames: { function: string[]; file: string[]; line: Int32Array };
  stacks: { prefix: Int32Array; frame: Int32Array };
}

/** Time range of a timeline read, inclusive; either end may be open. */
export interface TimelineRange {
  fromNs?: Nanoseconds;
  toNs?: Nanoseconds;
}

/** Columnar samples of a run (or a time range of it). Only threads with samples in range appear. */
export interface Timeline {
  ticks: TickColumns;
  threads: Map<Tid, SampleColumns>;
}
