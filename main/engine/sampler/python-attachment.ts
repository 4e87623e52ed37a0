import type { Address, GilSample, Nanoseconds, Tid } from '../model.ts';
import { openProcessMemory, type MemoryReader } from '../proc/process-memory.ts';
import {
  inspectPythonProcess,
  listThreadStates,
  pythonBuildOf,
  readGilSample,
  readModulesDictAddress,
  type PythonProcessInfo,
  type ThreadStateEntry,
} from '../python/python-process.ts';
import type { KeyAddressCache } from '../python/py-objects.ts';
import { readThreadingNames } from '../python/threading-names.ts';
import {
  beginStackReads,
  createStackCache,
  endStackReads,
  readThreadStack,
  type StackCache,
} from '../stacks/read-stacks.ts';
import type { StackFrame as UnwoundFrame, UnwindStats } from '../stacks/stack-types.ts';
import type { GilRange, GilReading } from '../python/gil-state.ts';
import { GilHandOvers } from './gil-hand-overs.ts';

const SKIP_TOP_CHECK = { verifyTop: false } as const;

/** How long to keep retrying to find an initialised runtime after launch. */
const ATTACH_DEADLINE_NS = 10e9;
/** Re-walking the thread-state list is cheap but not free: at most this often on a holder miss. */
const TSTATE_REFRESH_MIN_NS = 20e6;
/** Thread states are freed and reused as threads come and go: re-walk the list at least this often. */
const TSTATE_REFRESH_MAX_NS = 200e6;

export type AttachmentStatus =
  | { kind: 'pending' }
  | { kind: 'attached'; info: PythonProcessInfo }
  /** Memory cannot be read (no ptrace permission): CPU and state sampling only. */
  | { kind: 'unavailable'; reason: string };

/**
 * The sampler's view into the target's memory: finds the CPython runtime once it is initialised,
 * then reads the GIL word each tick and thread names now and then. Every failure degrades to
 * "unknown", never to an exception in the sampling loop.
 */
export class PythonAttachment {
  private readonly pid: number;
  private memory: MemoryReader | null = null;
  private lastAttemptMessage = 'the CPython runtime was not found';
  status: AttachmentStatus = { kind: 'pending' };
  gilRange: GilRange | null = null;
  /**
   * The GIL's last settled state: read when no extension module was loading (GilReading.transient), so a
   * moment of GIL during a load is not taken for the GIL switched on. Null until such a read.
   */
  settledGilEnabled: boolean | null = null;
  /** Who took the GIL from tick to tick: which GIL waiters need no read (see ThreadSampler.carriedGilWait). */
  private readonly gilHandOvers = new GilHandOvers();
  private holderByThreadState = new Map<Address, Tid>();
  private threadIdToTid = new Map<number, Tid>();
  private threadStateByTid = new Map<Tid, Address>();
  private lastTstateRefreshNs = -Infinity;
  private stackCache: StackCache | null = null;
  /** The last listing of thread states (the next one reads them ahead). */
  private lastListing: ThreadStateEntry[] = [];
  /** Key strings (e.g. "threading", "_active", "_name") found by earlier name reads: later reads skip most comparisons. */
  private readonly nameKeys: KeyAddressCache = new Map();
  /** Why stacks are not read although memory is (e.g. CPython ≤ 3.9), for the run's warnings. */
  stacksUnavailable: string | null = null;

  constructor(pid: number) {
    this.pid = pid;
  }

  get isAttached(): boolean {
    return this.status.kind === 'attached';
  }

  /** Tries to attach (cheap to call every tick while pending). Returns a status change, if any. */
  tryAttach(nowNs: Nanoseconds): AttachmentStatus | null {
    if (this.status.kind !== 'pending') return null;
    if (this.memory === null) {
      try {
        this.memory = openProcessMemory(this.pid);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        // The script already ended (a syntax error, an exception at start-up): as with 'gone' below,
        // there is nothing to warn about, and an errno name would only puzzle the user.
        if (code === 'ESRCH' || code === 'ENOENT') {
          this.giveUp('the script ended before its memory could be read');
          return null;
        }
        return this.giveUp(
          `cannot open /proc/${this.pid}/mem (${code}): sampling CPU and thread states only, no GIL reads`,
        );
      }
    }
    let result;
    try {
      result = inspectPythonProcess(this.pid, this.memory);
    } catch (error) {
      result = { kind: 'not-ready' as const, message: (error as Error).message };
    }
    if (result.kind === 'ok') {
      this.status = { kind: 'attached', info: result.info };
      const gil = result.info.gil;
      this.gilRange = gil ? { address: gil.address, size: gil.size } : null;
      this.refreshThreadStates(nowNs);
      try {
        this.stackCache = createStackCache(result.info);
      } catch (error) {
        this.stacksUnavailable = `no Python stacks: ${(error as Error).message}`;
      }
      return this.status;
    }
    this.lastAttemptMessage = result.message;
    // A /proc/PID/mem descriptor stays bound to the address space it was opened on: if the target
    // was a wrapper that has not exec'd Python yet (a pyenv shim, `env`), the next try must reopen it.
    this.memory.close();
    this.memory = null;
    if (result.kind === 'gone') {
      // The script ended before its runtime was found (e.g. a syntax error): nothing to warn about.
      this.giveUp(result.message);
      return null;
    }
    if (result.kind === 'unsupported' || nowNs > ATTACH_DEADLINE_NS) {
      return this.giveUp(`${this.lastAttemptMessage}: sampling CPU and thread states only, no GIL reads`);
    }
    return null;
  }

  /**
   * Why a futex wait cannot be told apart as GIL or lock wait right now, or null when it can: the GIL is
   * located once attached; before that, and when attaching failed, it is not.
   */
  get gilUnknownReason(): string | null {
    if (this.status.kind === 'pending') return 'the CPython runtime is not located yet';
    if (this.status.kind === 'unavailable') return this.status.reason;
    return this.gilRange === null ? 'the GIL was not located' : null;
  }

  private giveUp(reason: string): AttachmentStatus {
    this.status = { kind: 'unavailable', reason };
    this.memory?.close();
    this.memory = null;
    return this.status;
  }

  /** The GIL now: one memory read, plus a thread-state walk when the holder is a thread not seen yet. */
  readGil(nowNs: Nanoseconds): GilSample | null {
    const raw = this.readGilWord();
    if (raw === null) {
      this.gilHandOvers.lost();
      return null;
    }
    let holderTid = this.holderByThreadState.get(raw.lastHolder);
    if (holderTid === undefined && raw.locked && nowNs - this.lastTstateRefreshNs > TSTATE_REFRESH_MIN_NS) {
      this.refreshThreadStates(nowNs);
      holderTid = this.holderByThreadState.get(raw.lastHolder);
    }
    this.gilHandOvers.observe(raw.switches, holderTid ?? null);
    if (!raw.transient) this.settledGilEnabled = raw.enabled;
    if (!raw.locked) return { held: false, holderTid: null, enabled: raw.enabled };
    return { held: true, holderTid: holderTid ?? null, enabled: raw.enabled };
  }

  /**
   * The GIL's count to keep with thread `tid` read now (GilHandOvers.countForRead), or null. Null as well while
   * the thread's own thread state is not listed yet: until the list is walked again, its address may still be
   * listed as a thread that ended, and a hand-over to it would be booked to that thread.
   */
  gilCountForRead(tid: Tid): number | null {
    return this.threadStateByTid.has(tid) ? this.gilHandOvers.countForRead(tid) : null;
  }

  /** True when thread `tid`, read at `count` (from gilCountForRead), has surely not taken the GIL since. */
  gilUntakenSince(tid: Tid, count: number): boolean {
    return this.gilHandOvers.untakenSince(tid, count);
  }

  private readGilWord(): GilReading | null {
    if (this.status.kind !== 'attached' || this.memory === null) return null;
    try {
      return readGilSample(this.memory, this.status.info);
    } catch {
      return null;
    }
  }

  private refreshThreadStates(nowNs: Nanoseconds): void {
    if (this.status.kind !== 'attached' || this.memory === null) return;
    this.lastTstateRefreshNs = nowNs;
    try {
      const states = listThreadStates(this.memory, this.status.info, this.lastListing);
      this.lastListing = states;
      this.holderByThreadState = new Map();
      this.threadIdToTid = new Map();
      this.threadStateByTid = new Map();
      for (const state of states) {
        if (state.tid === null) continue;
        this.holderByThreadState.set(state.address, state.tid);
        this.threadIdToTid.set(state.threadId, state.tid);
        this.threadStateByTid.set(state.tid, state.address);
      }
    } catch {
      // a torn list while threads start or stop: keep the previous map, try again later
    }
  }

  /**
   * Before readStack for several threads of one tick: their stacks' likely reads, in one call when the
   * native reader is built (docs/unwinder.md §2). Threads whose thread state is not listed yet are left out.
   */
  prepareStacks(tids: readonly Tid[]): void {
    if (this.stackCache === null || this.memory === null || this.status.kind !== 'attached') return;
    const addresses: number[] = [];
    for (const tid of tids) {
      const address = this.threadStateByTid.get(tid);
      if (address !== undefined) addresses.push(address);
    }
    beginStackReads(this.memory, this.stackCache, addresses);
  }

  /** After the readStack calls prepareStacks was for. */
  finishStacks(): void {
    if (this.stackCache !== null) endStackReads(this.stackCache);
  }

  /**
   * A thread's Python stack, innermost frame first (line null when unknown); null when it cannot be read (or
   * stacks are off). `blocked`: /proc said the thread waits in a syscall, so its frames are not moving and
   * the re-read of the top frame that detects a walk torn by a running thread is skipped (one read of three).
   */
  readStack(tid: Tid, nowNs: Nanoseconds, blocked = false): UnwoundFrame[] | null {
    if (this.stackCache === null || this.memory === null || this.status.kind !== 'attached') return null;
    const sinceRefresh = nowNs - this.lastTstateRefreshNs;
    let address = this.threadStateByTid.get(tid);
    if ((address === undefined && sinceRefresh > TSTATE_REFRESH_MIN_NS) || sinceRefresh > TSTATE_REFRESH_MAX_NS) {
      this.refreshThreadStates(nowNs);
      address = this.threadStateByTid.get(tid);
    }
    if (address === undefined) return null;
    try {
      const result = readThreadStack(
        this.memory,
        this.status.info,
        this.stackCache,
        { address },
        blocked ? SKIP_TOP_CHECK : undefined,
      );
      return result.kind === 'ok' ? result.frames : null;
    } catch {
      return null; // the process is exiting
    }
  }

  /** The unwinder's counters (reads, drops, cache misses), or null when stacks are not read. */
  get unwindStats(): UnwindStats | null {
    return this.stackCache ? { ...this.stackCache.stats } : null;
  }

  /** Python `threading` names by TID (empty when unreadable). */
  readThreadNames(nowNs: Nanoseconds): Map<Tid, string> {
    const names = new Map<Tid, string>();
    if (this.status.kind !== 'attached' || this.memory === null) return names;
    this.refreshThreadStates(nowNs);
    try {
      const modules = readModulesDictAddress(this.memory, this.status.info);
      if (modules === null) return names;
      const byIdent = readThreadingNames(this.memory, modules, pythonBuildOf(this.status.info), this.nameKeys);
      for (const [ident, name] of byIdent) {
        const tid = this.threadIdToTid.get(ident);
        if (tid !== undefined) names.set(tid, name);
      }
    } catch {
      // names are a nicety: a failed read keeps the OS names
    }
    return names;
  }

  close(): void {
    this.memory?.close();
    this.memory = null;
  }
}
