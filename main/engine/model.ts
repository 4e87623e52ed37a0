// The sample data model shared by the sampler, the store and the analysis code.
// Units are in the type names; addresses in a target process are plain numbers (user-space
// addresses on x86-64 are below 2^47, so they are exact as doubles).
import { THREAD_STATES, type ThreadState } from '../shared/vocabulary.ts';

export type Nanoseconds = number;
export type Seconds = number;
export type Address = number;
/** Kernel thread id: the name of /proc/PID/task/TID; the main thread's TID equals the PID. */
export type Tid = number;
/** Process id (thread group id). TIDs are unique across processes at any one time, so a tick mixes them freely. */
export type Pid = number;

/** Compact code of a ThreadState, as stored in sample chunks: its index in THREAD_STATES (0, 1, … n-1). */
export type StateCode = Exclude<Partial<typeof THREAD_STATES>['length'], (typeof THREAD_STATES)['length']>;

/** The code of each state by name (STATE_CODE.gilWait is THREAD_STATES.indexOf('gilWait')). */
export const STATE_CODE = Object.fromEntries(THREAD_STATES.map((state, code) => [state, code])) as Readonly<
  Record<ThreadState, StateCode>
>;

/** States in which a thread is blocked (off CPU and not waiting for one). */
export const BLOCKED_STATE_CODES: readonly StateCode[] = [
  STATE_CODE.gilWait,
  STATE_CODE.lockWait,
  STATE_CODE.idle,
  STATE_CODE.unclassifiedWait,
];

/** One thread seen at one tick. CPU and run-queue times are deltas since the thread's previous sample. */
export interface ThreadSample {
  tid: Tid;
  state: StateCode;
  cpuNs: Nanoseconds;
  runQueueNs: Nanoseconds;
  /** The thread's Python stack at this tick (an id of the run's stack table), or -1 / absent if not read. */
  stackId?: number;
}

/** The GIL as read at one tick. null fields mean "could not be read this tick". */
export interface GilSample {
  /** The GIL's `locked` flag (GIL builds, or free-threaded builds with the GIL enabled). */
  held: boolean;
  /** TID of the thread whose thread state is `last_holder`, when held and known. */
  holderTid: Tid | null;
  /** Free-threaded builds: whether the GIL is enabled now. GIL builds: always true. */
  enabled: boolean;
}

/** One sampling tick: every live thread of the target, read as close together as /proc allows. */
export interface Tick {
  /** 0, 1, 2, … within a run. */
  index: number;
  /** Monotonic time since the run started. */
  timeNs: Nanoseconds;
  gil: GilSample | null;
  threads: ThreadSample[];
}

/** One Python frame as shown to users: qualified function name, file and line. */
export interface StackFrame {
  function: string;
  file: string;
  line: number;
}

/**
 * New entries of a run's stack table, as the sampler interns them (Firefox Profiler's shape): a
 * frame is a (function, file, line); a stack is a frame on top of a prefix stack (-1 = none, outermost).
 * Ids are dense, per run, and only ever appended.
 */
export interface StackTableDelta {
  frames: Array<{ id: number } & StackFrame>;
  stacks: Array<{ id: number; prefix: number; frame: number }>;
}

/** What the sampler learns about a thread besides its samples. */
export interface ThreadInfo {
  tid: Tid;
  /** The process the thread belongs to (absent in runs recorded before processes were followed: the run's main process). */
  pid?: Pid;
  /** Python `threading` name when readable, else the OS name (comm). */
  name: string;
  nameSource: 'python' | 'os';
  /** Time since run start when the thread was first and last seen. */
  firstSeenNs: Nanoseconds;
  lastSeenNs: Nanoseconds;
}

/**
 * A process of the sampled tree: the launched (or attached) one is role "main", descendants are
 * "worker 1", "worker 2", … in the order they were first seen (compare matches processes by role).
 */
export interface ProcessInfo {
  pid: Pid;
  /** Parent when first seen; null for the main process. */
  parentPid: Pid | null;
  /** argv as read from /proc/PID/cmdline (after the last exec seen). */
  commandLine: string[];
  role: string;
  /** CPython version once its runtime was found (e.g. "3.12.1"); null for non-Python processes or before. */
  pythonVersion: string | null;
  firstSeenNs: Nanoseconds;
  lastSeenNs: Nanoseconds;
  /**
   * The process's own CPU (utime + stime of /proc/PID/stat: every thread, exited ones included) at the last
   * read. Beyond the sampled threads' CPU it is what threads that ended before being sampled used.
   */
  statCpuNs: Nanoseconds;
  /** Ticks at which this process's GIL word was read, and held. */
  gilTicks: number;
  gilHeldTicks: number;
  /** Per holder thread: ticks it held this process's GIL. */
  gilHeldByTid: Record<Tid, number>;
}
