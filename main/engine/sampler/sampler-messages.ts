import type { ProcessInfo, StackTableDelta, ThreadInfo, Tick } from '../model.ts';
import type { SamplerEvent, SamplerStats } from './thread-sampler.ts';

/** What the sampling worker is started with (before the target exists). */
export interface SamplerWorkerInput {
  rateHz: number;
  /** Read every thread's Python stack at every tick. */
  stacks: boolean;
  /** Follow every process descended from the target (on for launched scripts; `attach --children`). */
  children: boolean;
  /** The target ran before the run began (attach): CPU it used before is not counted. */
  attached: boolean;
  /**
   * The interpreter's executable as probed (null: not known, e.g. attach): its ELF facts are read before the
   * worker says it is ready, not in the script's first milliseconds.
   */
  interpreterPath: string | null;
  /** Stop flag and target hand-over (sampler-control.ts). */
  control: SharedArrayBuffer;
}

/** A batch the worker posts about ten times a second, and once more when it ends. */
export interface SamplerBatch {
  type: 'batch';
  ticks: Tick[];
  /** New frames and stacks: store them before the ticks, which refer to them by id. */
  stackTable: StackTableDelta;
  threads: ThreadInfo[];
  /** Processes first seen or changed (CPU total, GIL counts, exec) since the last batch. */
  processes: ProcessInfo[];
  events: SamplerEvent[];
  stats: SamplerStats;
  /** Set on the last batch. */
  end: null | { reason: 'stopped' | 'process-exited' };
}

export interface SamplerFailure {
  type: 'failure';
  message: string;
}

/** Posted once the worker has loaded and can start sampling at once. */
export interface SamplerReady {
  type: 'ready';
}

export type SamplerMessage = SamplerReady | SamplerBatch | SamplerFailure;
