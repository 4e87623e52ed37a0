import fs from 'node:fs';
import {
  BLOCKED_STATE_CODES,
  STATE_CODE,
  type Nanoseconds,
  type StateCode,
  type ThreadInfo,
  type ThreadSample,
  type Tick,
} from '../model.ts';
import { listThreadIds, ThreadCounter } from '../proc/thread-files.ts';
import { classifyFromStatState, classifyThreadState } from './classify-state.ts';
import { PythonAttachment } from './python-attachment.ts';
import { sameFrames, StackInterner } from './stack-interner.ts';
import { ThreadTable, type LiveThread } from './thread-table.ts';
import type { StackTableDelta } from '../model.ts';
import { newSamplerStats, type SamplerEvent, type SamplerStats } from './sampler-messages.ts';

/** The thread count is checked this often; the thread list is re-read when it changed… */
const RELIST_INTERVAL_NS = 10e6;
/** …or a thread's files failed, and at least this often (a thread that ended as another began keeps the count). */
const RELIST_MAX_INTERVAL_NS = 100e6;
/**
 * The syscall file can become unreadable mid-run (the target made itself non-dumpable) or never be
 * readable; a thread that is exiting can fail one read too. Past these counts, the run is told.
 */
const FALLBACKS_BEFORE_WARNING = 10;
const FALLBACK_SHARE_BEFORE_WARNING = 0.05;

/**
 * The kernel brings a running thread's CPU total up to date at least once per scheduler tick (4 ms at
 * Debian's HZ=250): a thread whose total did not move over a longer interval was not on a CPU. Over a
 * shorter one it may have been running all along, unbooked.
 */
const STALE_CPU_TOTAL_NS = 10e6;

/**
 * Thread names are re-read about this often, and whenever a thread appears (threads rename themselves
 * rarely; a read walks Python dicts in many small reads: ~15% of a 100 Hz tick's cost at once a second).
 */
const NAME_INTERVAL_NS = 5e9;
/** A new thread enters threading._active a little after the OS sees it: retry its name this often… */
const YOUNG_NAME_RETRY_NS = 50e6;
/** …while it is younger than this. */
const YOUNG_THREAD_NS = 2e9;

/**
 * A thread that waits for the GIL is carried over unread (no /proc read) while the GIL's switch count stands
 * still, but read again at least this often, so the few µs it runs when its timed wait wakes are booked.
 */
const GIL_WAIT_CARRY_NS = 50e6;

/** The target's executable as GILscope sees it (under its chroot, if any); null when unreadable. */
function readExecutable(pid: number): string | null {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return null;
  }
}

/**
 * Takes one tick at a time of every thread of a process, reading only /proc and the target's memory.
 * Synchronous on purpose: it runs in a worker whose loop does nothing else.
 */
export class ThreadSampler {
  private readonly pid: number;
  private python: PythonAttachment;
  private readonly threads: ThreadTable;
  private tickIndex = 0;
  private lastListNs = -Infinity;
  private lastCountNs = -Infinity;
  private listedCount = -1;
  private readonly threadCounter: ThreadCounter;
  private lastNamesNs = -Infinity;
  private lastGilEnabled: boolean | null = null;
  private readonly events: SamplerEvent[] = [];
  private readonly renamed = new Set<number>();
  private readonly announced = new Set<number>();
  private fallbackReported = false;
  readonly stats: SamplerStats = newSamplerStats();
  private readonly interner: StackInterner | null;

  /** `interner`: shared by the samplers of a process tree, so stack ids are the run's, not the process's. */
  /** Threads present at the first listing ran before the run (attach): their CPU so far is not counted. */
  private countFromNow: boolean;

  constructor(pid: number, options: { stacks?: boolean; interner?: StackInterner; countFromNow?: boolean } = {}) {
    this.pid = pid;
    this.countFromNow = options.countFromNow ?? false;
    this.interner = options.stacks === false ? null : (options.interner ?? new StackInterner());
    this.python = new PythonAttachment(pid);
    this.threads = new ThreadTable(pid);
    this.threadCounter = new ThreadCounter(pid);
  }

  /** Whether the thread list must be read again now. */
  private relistDue(timeNs: Nanoseconds): boolean {
    if (this.threads.live.size === 0 || timeNs - this.lastListNs >= RELIST_MAX_INTERVAL_NS) return true;
    if (timeNs - this.lastCountNs < RELIST_INTERVAL_NS) return false;
    this.lastCountNs = timeNs;
    return this.threadCounter.count() !== this.listedCount;
  }

  /** Samples every thread once. Returns null when the process has no threads left (it exited). */
  sample(timeNs: Nanoseconds): Tick | null {
    const started = process.hrtime.bigint();
    if (this.relistDue(timeNs)) {
      const tids = listThreadIds(this.pid);
      if (tids === null) return null;
      this.lastListNs = timeNs;
      this.lastCountNs = timeNs;
      this.listedCount = tids.length;
      if (this.threads.sync(tids, timeNs, this.countFromNow) > 0) this.lastNamesNs = -Infinity;
      this.countFromNow = false;
    }
    const gil = this.python.readGil(timeNs);
    this.noteGilEnabled(this.python.settledGilEnabled, timeNs);
    const samples: ThreadSample[] = [];
    const unwalked: LiveThread[] = [];
    const unwalkedSamples: ThreadSample[] = [];
    for (const [tid, thread] of this.threads.live) {
      const sample = this.carriedGilWait(thread, timeNs) ?? this.sampleThread(thread, timeNs);
      if (sample === null) {
        this.threads.drop(tid, thread);
        this.lastListNs = -Infinity;
        continue;
      }
      if (this.interner) {
        if (sample.stackId === undefined) {
          unwalked.push(thread);
          unwalkedSamples.push(sample);
        } else thread.lastStackId = sample.stackId;
      }
      thread.lastState = sample.state;
      thread.info.lastSeenNs = timeNs;
      samples.push(sample);
    }
    if (unwalked.length > 0) this.walkStacks(unwalked, unwalkedSamples, timeNs);
    // After the threads were read: the first attach reads a lot of the target's memory (tens of ms the first
    // time), and a script that ends meanwhile must still have this tick. Its GIL and stacks start next tick.
    if (this.attachIfPending(timeNs)) this.classifyWaitsAgain(samples);
    if (samples.length === 0 && listThreadIds(this.pid) === null) return null;
    const sinceNames = timeNs - this.lastNamesNs;
    if (sinceNames >= NAME_INTERVAL_NS || (sinceNames >= YOUNG_NAME_RETRY_NS && this.hasYoungUnnamedThread(timeNs))) {
      this.refreshNames(timeNs);
    }
    const elapsed = Number(process.hrtime.bigint() - started);
    this.stats.ticks++;
    this.stats.threadSamples += samples.length;
    this.reportStateFallbacks(timeNs);
    this.stats.busyNs += elapsed;
    if (elapsed > this.stats.maxTickNs) this.stats.maxTickNs = elapsed;
    return { index: this.tickIndex++, timeNs, gil, threads: samples };
  }

  /**
   * The stacks of `threads` for their `samples` (same order), walked after every thread's /proc reads, so
   * that their reads of the target's memory can go in one call (PythonAttachment.prepareStacks).
   */
  private walkStacks(threads: readonly LiveThread[], samples: readonly ThreadSample[], timeNs: Nanoseconds): void {
    const interner = this.interner!;
    this.python.prepareStacks(threads.map((thread) => thread.files.tid));
    for (let i = 0; i < threads.length; i++) {
      const thread = threads[i]!;
      const sample = samples[i]!;
      const frames = this.python.readStack(thread.files.tid, timeNs, BLOCKED_STATE_CODES.includes(sample.state));
      if (frames === null) sample.stackId = -1;
      else if (thread.lastStackId >= 0 && sameFrames(frames, thread.lastFrames)) sample.stackId = thread.lastStackId;
      else sample.stackId = interner.intern(frames);
      thread.lastStackId = sample.stackId;
      thread.lastFrames = frames;
    }
    this.python.finishStacks();
  }

  /**
   * A GIL waiter's sample without reading it, when it surely has not taken the GIL since it was read (see
   * GilHandOvers): a waiter leaves the wait only by taking the GIL (or by ending, which the thread list
   * notices). Its state and stack are the last ones; the CPU its timed wait uses when it wakes to ask for
   * the GIL is booked at its next read. Null: read it.
   */
  private carriedGilWait(thread: LiveThread, timeNs: Nanoseconds): ThreadSample | null {
    if (
      thread.lastState !== STATE_CODE.gilWait ||
      thread.gilCountAtRead === null ||
      timeNs - thread.lastReadNs >= GIL_WAIT_CARRY_NS ||
      !this.python.gilUntakenSince(thread.files.tid, thread.gilCountAtRead)
    )
      return null;
    this.stats.unchangedThreadSamples++;
    this.stats.gilWaitsCarried = (this.stats.gilWaitsCarried ?? 0) + 1;
    const stackId = thread.lastStackId >= 0 ? thread.lastStackId : undefined;
    return { tid: thread.files.tid, state: STATE_CODE.gilWait, cpuNs: 0, runQueueNs: 0, stackId };
  }

  /**
   * One thread's sample. A thread that has not been on a CPU since the last tick (same run count, same
   * CPU time) is still where it was, with the same stack: its stack is not walked again (the walk is
   * most of a sample's cost) and only its stat letter is read. A waiting thread found R was woken and
   * waits for a CPU; a running or runnable thread found R has been on the run queue the whole interval,
   * which is credited to its run-queue time now (the kernel books it only when the thread gets a CPU).
   * Its `stackId` is then set here.
   */
  private sampleThread(thread: LiveThread, timeNs: Nanoseconds): ThreadSample | null {
    const sched = thread.files.readSchedstat();
    if (sched === null) return null;
    thread.gilCountAtRead = this.python.gilCountForRead(thread.files.tid);
    thread.lastReadNs = timeNs;
    const cpuNs = Math.max(0, sched.cpuNs - thread.lastCpuNs);
    const bookedRunQueueNs = Math.max(0, sched.runQueueNs - thread.lastRunQueueNs);
    let runQueueNs = Math.max(0, bookedRunQueueNs - thread.runQueueCreditNs);
    thread.runQueueCreditNs = Math.max(0, thread.runQueueCreditNs - bookedRunQueueNs);
    const ran = sched.timeslices !== thread.lastTimeslices || cpuNs > 0;
    thread.lastCpuNs = sched.cpuNs;
    thread.lastRunQueueNs = sched.runQueueNs;
    thread.lastTimeslices = sched.timeslices;
    const lastState = thread.lastState;
    const intervalNs = timeNs - thread.info.lastSeenNs;
    const waiting = lastState !== -1 && BLOCKED_STATE_CODES.includes(lastState);
    if (!ran && (waiting || (lastState !== -1 && intervalNs > STALE_CPU_TOTAL_NS))) {
      const letter = thread.files.readStatState();
      if (letter === null || letter === 'Z' || letter === 'X') return null;
      if (waiting || letter === 'R') {
        this.stats.unchangedThreadSamples++;
        let state: StateCode = lastState;
        if (letter === 'R') state = STATE_CODE.runnable;
        if (!waiting) {
          thread.runQueueCreditNs += intervalNs;
          runQueueNs += intervalNs;
        }
        // A stack that could not be read last time (e.g. the thread state was not listed yet) is tried again.
        return {
          tid: thread.files.tid,
          state,
          cpuNs,
          runQueueNs,
          stackId: thread.lastStackId >= 0 ? thread.lastStackId : undefined,
        };
      }
    }
    const activity = thread.files.readSyscall();
    let state;
    if (activity !== null) {
      state = classifyThreadState(activity, this.python.gilRange, cpuNs, runQueueNs, this.python.gilUnknownReason);
    } else {
      const letter = thread.files.readStatState();
      if (letter === null) return null;
      this.stats.statFallbacks++;
      state = letter === 'Z' || letter === 'X' ? STATE_CODE.idle : classifyFromStatState(letter, cpuNs, runQueueNs);
    }
    return { tid: thread.files.tid, state, cpuNs, runQueueNs, stackId: undefined };
  }

  private reportStateFallbacks(timeNs: Nanoseconds): void {
    const { statFallbacks, threadSamples } = this.stats;
    if (
      this.fallbackReported ||
      statFallbacks < FALLBACKS_BEFORE_WARNING ||
      statFallbacks < threadSamples * FALLBACK_SHARE_BEFORE_WARNING
    )
      return;
    this.fallbackReported = true;
    this.events.push({
      kind: 'sampling-degraded',
      timeNs,
      detail: {
        reason: `sampling degraded: /proc/${this.pid}/task/TID/syscall is unreadable (no ptrace permission): thread states come from /proc stat only, so GIL and lock waits show as idle`,
      },
    });
  }

  /**
   * The tick on which the runtime was found read its futex waits without knowing where the GIL is: those
   * still waiting are read again and told apart now, so attaching mid-tick leaves no unclassified wait.
   */
  private classifyWaitsAgain(samples: ThreadSample[]): void {
    if (this.python.gilRange === null) return;
    for (const sample of samples) {
      if (sample.state !== STATE_CODE.unclassifiedWait) continue;
      const thread = this.threads.live.get(sample.tid);
      const activity = thread?.files.readSyscall();
      if (!thread || !activity) continue;
      sample.state = classifyThreadState(activity, this.python.gilRange, sample.cpuNs, sample.runQueueNs, null);
      thread.lastState = sample.state;
    }
  }

  /** Tries to attach; true when this call found the runtime. */
  private attachIfPending(timeNs: Nanoseconds): boolean {
    const change = this.python.tryAttach(timeNs);
    if (change === null) return false;
    if (change.kind === 'attached') {
      const { version, freeThreaded, gil } = change.info;
      this.events.push({
        kind: 'attached',
        timeNs,
        detail: {
          version: `${version.major}.${version.minor}.${version.micro}`,
          freeThreaded,
          gilExact: gil ? gil.exact : null,
          executable: readExecutable(this.pid),
        },
      });
      this.lastNamesNs = -Infinity;
      if (this.interner && this.python.stacksUnavailable) {
        this.events.push({ kind: 'sampling-degraded', timeNs, detail: { reason: this.python.stacksUnavailable } });
      }
      return true;
    }
    if (change.kind === 'unavailable') {
      this.events.push({ kind: 'sampling-degraded', timeNs, detail: { reason: change.reason } });
    }
    return false;
  }

  /**
   * Records the GIL's settled state (PythonAttachment.settledGilEnabled): the first one read, then each switch.
   * The moments a free-threaded build holds the GIL while it loads an extension module are not switches, or
   * every start-up would read as "GIL enabled".
   */
  private noteGilEnabled(enabled: boolean | null, timeNs: Nanoseconds): void {
    if (enabled === null || enabled === this.lastGilEnabled) return;
    const kind = this.lastGilEnabled === null ? 'gil-enabled-first-read' : 'gil-enabled-changed';
    this.events.push({ kind, timeNs, detail: { enabled } });
    this.lastGilEnabled = enabled;
  }

  private hasYoungUnnamedThread(timeNs: Nanoseconds): boolean {
    if (!this.python.isAttached) return false;
    for (const thread of this.threads.live.values()) {
      if (thread.info.nameSource === 'os' && timeNs - thread.info.firstSeenNs < YOUNG_THREAD_NS) return true;
    }
    return false;
  }

  private refreshNames(timeNs: Nanoseconds): void {
    this.lastNamesNs = timeNs;
    const pythonNames = this.python.readThreadNames(timeNs);
    for (const [tid, thread] of this.threads.live) {
      const pythonName = pythonNames.get(tid);
      const name = pythonName ?? thread.files.readComm() ?? thread.info.name;
      const nameSource = pythonName !== undefined ? 'python' : thread.info.nameSource;
      if (name !== thread.info.name || nameSource !== thread.info.nameSource) {
        if (pythonName === undefined && thread.info.nameSource === 'python') continue; // keep the last Python name
        thread.info.name = name;
        thread.info.nameSource = nameSource;
        this.renamed.add(tid);
      }
    }
  }

  /** Frames and stacks first seen since the last call (the ids the ticks refer to). */
  takeStackTableDelta(): StackTableDelta {
    return this.interner ? this.interner.takeDelta() : { frames: [], stacks: [] };
  }

  /** Events since the last call. */
  takeEvents(): SamplerEvent[] {
    return this.events.splice(0);
  }

  /** Threads first seen or renamed since the last call (the store tracks first/last seen from the ticks). */
  takeThreadUpdates(): ThreadInfo[] {
    const updates: ThreadInfo[] = [];
    for (const info of this.threads.everSeen.values()) {
      if (this.announced.has(info.tid) && !this.renamed.has(info.tid)) continue;
      this.announced.add(info.tid);
      updates.push({ ...info });
    }
    this.renamed.clear();
    return updates;
  }

  /** The counters, with the unwinder's (copied only when asked: once per batch, not per tick). */
  statsSnapshot(): SamplerStats {
    return { ...this.stats, stacks: this.interner ? this.python.unwindStats : null };
  }

  /** The CPython version found in the process ("3.12.1"), or null (not attached yet, or not CPython). */
  get pythonVersion(): string | null {
    const status = this.python.status;
    if (status.kind !== 'attached') return null;
    const { major, minor, micro } = status.info.version;
    return `${major}.${minor}.${micro}`;
  }

  /**
   * PIDs of the processes this one's live threads created (zombies included), or null when no thread's
   * children file could be read (a kernel without CONFIG_PROC_CHILDREN, or the process is gone).
   */
  childPids(): number[] | null {
    let readable = false;
    const pids: number[] = [];
    for (const thread of this.threads.live.values()) {
      const children = thread.files.readChildren();
      if (children === null) continue;
      readable = true;
      for (const pid of children) pids.push(pid);
    }
    return readable ? pids : null;
  }

  /** The process replaced its program (exec): look for a runtime again; threads and their CPU carry on. */
  reattach(): void {
    this.python.close();
    this.python = new PythonAttachment(this.pid);
  }

  close(): void {
    this.threads.closeAll();
    this.threadCounter.close();
    this.python.close();
  }
}
