import type { Nanoseconds, StateCode, ThreadInfo, Tid } from '../model.ts';
import { ThreadFiles } from '../proc/thread-files.ts';
import type { StackFrame as UnwoundFrame } from '../stacks/stack-types.ts';

/** What the sampler keeps per live thread between ticks. */
export interface LiveThread {
  files: ThreadFiles;
  lastCpuNs: number;
  lastRunQueueNs: number;
  /** schedstat's run count at the last sample, -1 before the first. */
  lastTimeslices: number;
  /** State and stack id at the last sample (-1 = none yet). */
  lastState: StateCode | -1;
  lastStackId: number;
  /** The frames `lastStackId` was interned from (null: none): an identical walk reuses the id unhashed. */
  lastFrames: readonly UnwoundFrame[] | null;
  /**
   * Run-queue time already reported for a wait the kernel has not booked yet: schedstat adds a wait to
   * the run-queue total only when the thread gets a CPU, so a thread left waiting across ticks is
   * credited at each tick, and the credit is taken back from the total once the kernel books it.
   */
  runQueueCreditNs: number;
  /**
   * The GIL's switch count when the thread's files were last read (null: unknown, or the thread was the GIL's
   * last holder), and when that was: see ThreadSampler.carriedGilWait.
   */
  gilCountAtRead: number | null;
  lastReadNs: Nanoseconds;
  info: ThreadInfo;
}

/**
 * The set of live threads: opens files for threads that appear, closes them for threads that vanish,
 * and remembers every thread ever seen (for names and lifetimes).
 */
export class ThreadTable {
  private readonly pid: number;
  readonly live = new Map<Tid, LiveThread>();
  readonly everSeen = new Map<Tid, ThreadInfo>();
  /**
   * CPU and run-queue totals of dropped threads. A thread is dropped when its files fail or it is a zombie,
   * but an exiting thread (or a whole zombie process) can stay listed in /proc/PID/task for a while: listed
   * again, it continues from these totals instead of counting its whole CPU a second time.
   */
  private readonly droppedTotals = new Map<Tid, { cpuNs: number; runQueueNs: number }>();

  constructor(pid: number) {
    this.pid = pid;
  }

  /**
   * Brings the live set in line with `tids`; returns how many threads are new. `fromNow`: the threads' CPU
   * so far is not the run's (they ran before GILscope attached): their deltas start from their totals now.
   */
  sync(tids: readonly Tid[], nowNs: Nanoseconds, fromNow = false): number {
    let added = 0;
    const present = new Set(tids);
    for (const [tid, thread] of this.live) {
      if (!present.has(tid)) this.drop(tid, thread);
    }
    for (const tid of tids) {
      if (this.live.has(tid)) continue;
      const files = ThreadFiles.open(this.pid, tid);
      if (files === null) continue;
      const info: ThreadInfo = this.everSeen.get(tid) ?? {
        tid,
        pid: this.pid,
        name: files.readComm() ?? String(tid),
        nameSource: 'os',
        firstSeenNs: nowNs,
        lastSeenNs: nowNs,
      };
      this.everSeen.set(tid, info);
      // Deltas start from zero: a thread first seen has run only since it was born, so its whole
      // schedstat total belongs to the interval that ends now.
      const now = fromNow ? files.readSchedstat() : null;
      const dropped =
        this.droppedTotals.get(tid) ?? (now ? { cpuNs: now.cpuNs, runQueueNs: now.runQueueNs } : undefined);
      this.live.set(tid, {
        files,
        lastCpuNs: dropped?.cpuNs ?? 0,
        lastRunQueueNs: dropped?.runQueueNs ?? 0,
        lastTimeslices: -1,
        lastState: -1,
        lastStackId: -1,
        lastFrames: null,
        runQueueCreditNs: 0,
        gilCountAtRead: null,
        lastReadNs: -Infinity,
        info,
      });
      added++;
    }
    return added;
  }

  /** Forgets a thread that exited (its files are closed; its info stays in `everSeen`). */
  drop(tid: Tid, thread: LiveThread): void {
    this.droppedTotals.set(tid, { cpuNs: thread.lastCpuNs, runQueueNs: thread.lastRunQueueNs });
    thread.files.close();
    this.live.delete(tid);
  }

  closeAll(): void {
    for (const [tid, thread] of this.live) this.drop(tid, thread);
  }
}
