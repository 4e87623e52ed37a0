import type { Nanoseconds, ProcessInfo, StackTableDelta, ThreadInfo, Tick } from '../model.ts';
import type { UnwindStats } from '../stacks/stack-types.ts';
import type { SamplerPriority } from './sampler-priority.ts';
import { nativeReadRegions } from '../proc/native-reader.ts';
import type { WarmUpReport } from './warm-up.ts';

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
  /**
   * A throw-away Python of the run's interpreter to tick before saying ready (sampler/warm-up.ts), and how many
   * threads it has once up; null: no warm-up (attach).
   */
  warmUp: { pid: number; threads: number } | null;
  /** Stop flag and target hand-over (sampler-control.ts). */
  control: SharedArrayBuffer;
}

/** Something the run should record besides samples. */
export type SamplerEvent =
  | {
      kind: 'attached';
      timeNs: Nanoseconds;
      /** `executable`: the target's /proc/PID/exe once attached (the real interpreter behind a launcher). */
      detail: { version: string; freeThreaded: boolean; gilExact: boolean | null; executable: string | null };
    }
  | { kind: 'sampling-degraded'; timeNs: Nanoseconds; detail: { reason: string } }
  | { kind: 'gil-enabled-first-read' | 'gil-enabled-changed'; timeNs: Nanoseconds; detail: { enabled: boolean } };

/** Counters that say how well the sampler kept up. */
export interface SamplerStats {
  ticks: number;
  threadSamples: number;
  /** Time spent inside `sample()`, summed. */
  busyNs: number;
  maxTickNs: number;
  /** Ticks that started later than one period after they were due. */
  lateTicks: number;
  /**
   * Ticks never taken: after a stall (the sampler got no CPU in time), it resumes one period later rather
   * than firing a burst, and the periods in between are counted here. Absent in runs recorded before it existed.
   */
  missedTicks?: number;
  /** Thread samples where the syscall file was unreadable and only the stat letter was used. */
  statFallbacks: number;
  /** Thread samples of threads that had not run since the last tick: state and stack carried over. */
  unchangedThreadSamples: number;
  /**
   * Of those, GIL waits carried over without reading the thread at all: no thread took the GIL from another
   * since the waiter was read. Absent in runs recorded before it existed.
   */
  gilWaitsCarried?: number;
  /** The stack unwinder's counters (stacks read, dropped, cache misses); null when stacks are off or unavailable. */
  stacks: UnwindStats | null;
  /** The sampler thread's scheduling: real-time FIFO, a raised nice value, or normal (see sampler-priority.ts). */
  priority: SamplerPriority;
  /**
   * How the target's memory was read: 'native' = many regions per syscall (main/engine/proc/native-reader.ts),
   * 'pread' = one pread per region (the addon was not built or is switched off). Absent in older runs.
   */
  memoryReader?: 'native' | 'pread';
  /** The ticks taken on a throw-away Python before the run began (sampler/warm-up.ts); absent: none, or an older run. */
  warmUp?: WarmUpReport;
}

/** A sampler's counters before its first tick. */
export function newSamplerStats(): SamplerStats {
  return {
    ticks: 0,
    threadSamples: 0,
    busyNs: 0,
    maxTickNs: 0,
    lateTicks: 0,
    missedTicks: 0,
    statFallbacks: 0,
    unchangedThreadSamples: 0,
    gilWaitsCarried: 0,
    stacks: null,
    priority: 'normal',
    memoryReader: nativeReadRegions() === null ? 'pread' : 'native',
    // Present from the start although only the run's sampler gets one (sampler-worker.ts): adding it later
    // changed the object's shape and threw away the code optimised during the warm-up (--trace-deopt).
    warmUp: undefined,
  };
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
