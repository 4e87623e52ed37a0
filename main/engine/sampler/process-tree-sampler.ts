import type { Nanoseconds, Pid, ProcessInfo, StackTableDelta, ThreadInfo, ThreadSample, Tick } from '../model.ts';
import { listProcessIds, readCommandLine, readLastCreatedPid, readProcessStat } from '../proc/process-files.ts';
import { StackInterner } from './stack-interner.ts';
import type { SamplerBatch, SamplerEvent, SamplerStats } from './sampler-messages.ts';
import { ThreadSampler } from './thread-sampler.ts';

/**
 * New processes are looked for this often: a /proc listing, and one stat read per process not seen
 * before. A pool worker living 50 ms is seen at least twice.
 */
const DISCOVER_INTERVAL_NS = 20e6;
/** Command lines (to notice an exec) and process CPU totals are re-read this often. */
const REFRESH_INTERVAL_NS = 100e6;

/** One followed process: its own thread sampler (own GIL, names, stacks) and what the run records about it. */
interface FollowedProcess {
  sampler: ThreadSampler;
  info: ProcessInfo;
  changed: boolean;
}

/**
 * Samples a process and, when `children` is set, every process descended from it: each with its own
 * ThreadSampler (so each Python process is read with its own runtime, GIL and thread names), all sharing
 * one stack table, their threads merged into one tick (TIDs are unique across processes). The tick's
 * `gil` is the main process's; every process's GIL readings are counted in its ProcessInfo.
 */
export class ProcessTreeSampler {
  private readonly rootPid: Pid;
  private readonly followChildren: boolean;
  private readonly interner: StackInterner | null;
  private readonly stacks: boolean;
  private readonly followed = new Map<Pid, FollowedProcess>();
  private readonly ended: FollowedProcess[] = [];
  /** Parent of every process seen in /proc that is not followed, so each is read only once. */
  private readonly parentOf = new Map<Pid, Pid>();
  private lastDiscoverNs = -Infinity;
  /** /proc/loadavg's newest PID at the last scan: while it stays the same, no process was born and the scan (~0.4 ms for 130 processes) is skipped. */
  private lastCreatedPid: Pid | null = null;
  private lastRefreshNs = -Infinity;
  private workerCount = 0;
  private readonly scanForChildren: boolean;
  private readonly events: SamplerEvent[] = [];

  /** CPU totals of processes that ran before the run began (attach): subtracted from their /proc totals. */
  private readonly statCpuBefore = new Map<Pid, Nanoseconds>();
  /** Attached, not launched: what exists at the first look ran before the run, and its CPU so far is not counted. */
  private existedBefore: boolean;

  /** `attached`: the process (and the descendants found at the first look) ran before the run began. */
  /** `scanForChildren`: always find children by scanning /proc (the fallback; tests compare the two ways). */
  constructor(
    pid: Pid,
    options: { stacks?: boolean; children?: boolean; attached?: boolean; scanForChildren?: boolean } = {},
  ) {
    this.rootPid = pid;
    this.scanForChildren = options.scanForChildren ?? false;
    this.followChildren = options.children ?? true;
    this.stacks = options.stacks !== false;
    this.interner = this.stacks ? new StackInterner() : null;
    this.existedBefore = options.attached ?? false;
    this.follow(pid, null, 'main', 0);
  }

  private get root(): FollowedProcess {
    const root = this.followed.get(this.rootPid) ?? this.ended.find((member) => member.info.pid === this.rootPid);
    if (!root) throw new Error('the main process is always followed');
    return root;
  }

  /** The main process's sampler counters (the priority and unwinder figures are its), with every process's samples and time. */
  get stats(): SamplerStats {
    return this.root.sampler.stats;
  }

  /** Samples every followed process once. Null when the main process has exited. */
  sample(timeNs: Nanoseconds): Tick | null {
    const started = process.hrtime.bigint();
    if (this.followChildren && timeNs - this.lastDiscoverNs >= DISCOVER_INTERVAL_NS) this.discover(timeNs);
    this.existedBefore = false;
    const root = this.followed.get(this.rootPid);
    const rootStarted = process.hrtime.bigint();
    const rootTick = root?.sampler.sample(timeNs) ?? null;
    const rootElapsed = Number(process.hrtime.bigint() - rootStarted);
    if (root === undefined || rootTick === null) {
      if (root) this.end(this.rootPid, root);
      return null;
    }
    this.countGil(root, rootTick);
    root.info.lastSeenNs = timeNs;
    const threads: ThreadSample[] = rootTick.threads;
    const hasChildren = this.followed.size > 1;
    for (const [pid, child] of this.followed) {
      if (pid === this.rootPid) continue;
      const tick = child.sampler.sample(timeNs);
      if (tick === null) {
        this.end(pid, child);
        continue;
      }
      this.countGil(child, tick);
      child.info.lastSeenNs = timeNs;
      for (const sample of tick.threads) threads.push(sample);
    }
    // After the samples: a CPU total read now cannot include CPU the samples have not counted yet, so
    // "total minus sampled" is what threads that ended unsampled used, not the last period's.
    if (timeNs - this.lastRefreshNs >= REFRESH_INTERVAL_NS) this.refresh(timeNs);
    if (hasChildren) {
      // The main sampler timed only itself; the whole tree's cost is what the rate has to fit in.
      const elapsed = Number(process.hrtime.bigint() - started);
      const stats = root.sampler.stats;
      stats.threadSamples += threads.length - rootTick.threads.length;
      stats.busyNs += Math.max(0, elapsed - rootElapsed);
      if (elapsed > stats.maxTickNs) stats.maxTickNs = elapsed;
    }
    return { ...rootTick, threads };
  }

  /** Adds every process whose parent is followed (repeatedly, so a whole new subtree is picked up at once). */
  private discover(timeNs: Nanoseconds): void {
    this.lastDiscoverNs = timeNs;
    const lastCreated = readLastCreatedPid();
    if (lastCreated !== null && lastCreated === this.lastCreatedPid) return;
    this.lastCreatedPid = lastCreated;
    const found = this.scanForChildren ? -1 : this.discoverFromChildren(timeNs);
    // A process followed just now has no threads listed yet, so its own children are looked for next time
    // even if no process is born meanwhile.
    if (found > 0) this.lastCreatedPid = null;
    if (found >= 0) return;
    this.discoverByScan(timeNs);
  }

  /**
   * Follows the children the followed processes' threads list in /proc/PID/task/TID/children: a few reads,
   * where a scan of /proc reads a stat file for every process born on the machine (measured: a quarter of
   * the sampler's time on a machine busy starting processes). Returns how many it followed, or -1 when the
   * main process's children files cannot be read (then /proc is scanned instead).
   */
  private discoverFromChildren(timeNs: Nanoseconds): number {
    let followedNow = 0;
    for (const [pid, member] of [...this.followed]) {
      const children = member.sampler.childPids();
      if (children === null) {
        if (pid === this.rootPid) return -1;
        continue;
      }
      for (const child of children) {
        if (this.followed.has(child)) continue;
        const stat = readProcessStat(child);
        if (stat === null || stat.state === 'Z' || stat.state === 'X') continue;
        this.follow(child, pid, `worker ${++this.workerCount}`, timeNs);
        followedNow++;
      }
    }
    return followedNow;
  }

  /** Follows every process in /proc whose parent is followed, reading each unseen process's stat once. */
  private discoverByScan(timeNs: Nanoseconds): void {
    let pids: Pid[];
    try {
      pids = listProcessIds();
    } catch {
      return;
    }
    const present = new Set(pids);
    for (const pid of this.parentOf.keys()) if (!present.has(pid)) this.parentOf.delete(pid);
    for (const pid of pids) {
      if (this.followed.has(pid) || this.parentOf.has(pid)) continue;
      const stat = readProcessStat(pid);
      if (stat === null || stat.state === 'Z' || stat.state === 'X') continue;
      this.parentOf.set(pid, stat.parentPid);
    }
    // A process seen earlier may have a parent that is followed only now (a grandchild found with its parent): check all.
    let added = true;
    while (added) {
      added = false;
      for (const [pid, parent] of this.parentOf) {
        if (!this.followed.has(parent) || this.followed.has(pid)) continue;
        this.parentOf.delete(pid);
        this.follow(pid, parent, `worker ${++this.workerCount}`, timeNs);
        added = true;
      }
    }
  }

  private follow(pid: Pid, parentPid: Pid | null, role: string, timeNs: Nanoseconds): void {
    const sampler = new ThreadSampler(pid, {
      stacks: this.stacks,
      interner: this.interner ?? undefined,
      countFromNow: this.existedBefore,
    });
    const stat = readProcessStat(pid);
    if (this.existedBefore && stat) this.statCpuBefore.set(pid, stat.cpuNs);
    this.followed.set(pid, {
      sampler,
      changed: true,
      info: {
        pid,
        parentPid,
        commandLine: readCommandLine(pid) ?? [],
        role,
        pythonVersion: null,
        firstSeenNs: timeNs,
        lastSeenNs: timeNs,
        statCpuNs: this.existedBefore ? 0 : (stat?.cpuNs ?? 0),
        gilTicks: 0,
        gilHeldTicks: 0,
        gilHeldByTid: {},
      },
    });
  }

  /** Re-reads command lines (a changed one means exec: the runtime is looked for again) and CPU totals. */
  private refresh(timeNs: Nanoseconds): void {
    this.lastRefreshNs = timeNs;
    for (const [pid, member] of this.followed) {
      const stat = readProcessStat(pid);
      if (stat === null || stat.state === 'Z' || stat.state === 'X') {
        if (pid !== this.rootPid) this.end(pid, member);
        continue;
      }
      const cpuNs = stat.cpuNs - (this.statCpuBefore.get(pid) ?? 0);
      if (cpuNs !== member.info.statCpuNs) {
        member.info.statCpuNs = cpuNs;
        member.changed = true;
      }
      // An exiting process's command line reads empty: that is not an exec.
      const commandLine = readCommandLine(pid);
      if (
        commandLine !== null &&
        commandLine.length > 0 &&
        commandLine.join('\0') !== member.info.commandLine.join('\0')
      ) {
        member.info.commandLine = commandLine;
        member.info.pythonVersion = null;
        // The row names the program run last, so its GIL figures are that program's: a fork that ran Python
        // before exec'ing a shell has no GIL. The ticks keep every reading; only the summary's counts restart.
        member.info.gilTicks = 0;
        member.info.gilHeldTicks = 0;
        member.info.gilHeldByTid = {};
        member.sampler.reattach();
        member.changed = true;
      }
      const version = member.sampler.pythonVersion;
      if (version !== member.info.pythonVersion) {
        member.info.pythonVersion = version;
        member.changed = true;
      }
    }
  }

  private countGil(member: FollowedProcess, tick: Tick): void {
    if (tick.gil === null) return;
    member.info.gilTicks++;
    if (tick.gil.held) {
      member.info.gilHeldTicks++;
      const holder = tick.gil.holderTid;
      if (holder !== null) member.info.gilHeldByTid[holder] = (member.info.gilHeldByTid[holder] ?? 0) + 1;
    }
    member.changed = true;
  }

  private end(pid: Pid, member: FollowedProcess): void {
    this.followed.delete(pid);
    member.changed = true;
    this.ended.push(member);
  }

  /** Frames and stacks first seen since the last call, across every process. */
  takeStackTableDelta(): StackTableDelta {
    return this.interner ? this.interner.takeDelta() : { frames: [], stacks: [] };
  }

  /** The main process's events; a descendant's are summed up in its ProcessInfo (version) instead. */
  takeEvents(): SamplerEvent[] {
    const events = this.events.splice(0);
    for (const event of this.root.sampler.takeEvents()) events.push(event);
    for (const member of this.followed.values()) if (member !== this.root) member.sampler.takeEvents();
    return events;
  }

  /** Threads first seen or renamed since the last call, in every process. */
  takeThreadUpdates(): ThreadInfo[] {
    const updates: ThreadInfo[] = [];
    for (const member of [...this.followed.values(), ...this.ended]) {
      for (const info of member.sampler.takeThreadUpdates()) updates.push(info);
    }
    return updates;
  }

  /** Processes first seen or changed since the last call (ended ones are closed after this). */
  takeProcessUpdates(): ProcessInfo[] {
    const updates: ProcessInfo[] = [];
    for (const member of [...this.followed.values(), ...this.ended]) {
      if (!member.changed) continue;
      member.changed = false;
      updates.push({
        ...member.info,
        commandLine: [...member.info.commandLine],
        gilHeldByTid: { ...member.info.gilHeldByTid },
      });
    }
    for (const member of this.ended.splice(0)) {
      if (member.info.pid === this.rootPid) this.ended.push(member);
      else member.sampler.close();
    }
    return updates;
  }

  /** `ticks` with everything else taken since the last batch: what the worker posts every 100 ms. */
  takeBatch(ticks: Tick[], end: SamplerBatch['end']): SamplerBatch {
    return {
      type: 'batch',
      ticks,
      stackTable: this.takeStackTableDelta(),
      threads: this.takeThreadUpdates(),
      processes: this.takeProcessUpdates(),
      events: this.takeEvents(),
      stats: this.statsSnapshot(),
      end,
    };
  }

  statsSnapshot(): SamplerStats {
    return this.root.sampler.statsSnapshot();
  }

  close(): void {
    for (const member of this.followed.values()) member.sampler.close();
    for (const member of this.ended) member.sampler.close();
    this.followed.clear();
    this.ended.length = 0;
  }
}
