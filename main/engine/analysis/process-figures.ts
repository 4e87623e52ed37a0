import { STATE_CODE, type Nanoseconds, type Pid, type ProcessInfo, type ThreadInfo, type Tid } from '../model.ts';
import type { Timeline } from '../store/run-types.ts';
import type { ProcessSummary } from '../../shared/run-summary-types.ts';
import { roundTo } from './round-to.ts';

const NS_PER_SECOND = 1e9;

/** A process's figures before rounding, and which process each thread belongs to. */
export interface ProcessFigures {
  processes: ProcessSummary[];
  /** CPU of threads that ended before being sampled, all processes together. */
  exitedBeforeSampledNs: Nanoseconds;
  /** Per thread of a descendant: share of its process's GIL reads in which it held that GIL. */
  heldByThread: Map<Tid, number>;
}

/**
 * Per-process figures of a run: CPU (sampled threads, plus what the process's own /proc total says threads
 * that were never sampled used), lifetime, and the process's own GIL (held share from its GIL reads;
 * contention = share of the ticks it was sampled in with at least one of its threads waiting for it).
 */
export function processFigures(
  processes: readonly ProcessInfo[],
  threads: readonly ThreadInfo[],
  threadCpuNs: ReadonlyMap<Tid, Nanoseconds>,
  timeline: Timeline,
): ProcessFigures {
  const rootPid = processes[0]?.pid;
  const threadsOf = new Map<Pid, ThreadInfo[]>();
  for (const thread of threads) {
    const pid = thread.pid ?? rootPid;
    if (pid === undefined) continue;
    let list = threadsOf.get(pid);
    if (!list) threadsOf.set(pid, (list = []));
    list.push(thread);
  }
  const heldByThread = new Map<Tid, number>();
  let exitedBeforeSampledNs = 0;
  const summaries = processes.map((info): ProcessSummary => {
    const own = threadsOf.get(info.pid) ?? [];
    let sampledNs = 0;
    const sampledTicks = new Set<number>();
    const waitingTicks = new Set<number>();
    for (const thread of own) {
      sampledNs += threadCpuNs.get(thread.tid) ?? 0;
      const columns = timeline.threads.get(thread.tid);
      if (!columns) continue;
      for (let i = 0; i < columns.tickIndex.length; i++) {
        const tick = columns.tickIndex[i] ?? 0;
        sampledTicks.add(tick);
        if (columns.state[i] === STATE_CODE.gilWait) waitingTicks.add(tick);
      }
    }
    // The /proc total has 10 ms steps and is read after the samples, so it never counts CPU they will still count.
    const exitedNs = Math.max(0, info.statCpuNs - sampledNs);
    exitedBeforeSampledNs += exitedNs;
    if (info.gilTicks > 0) {
      for (const [tid, held] of Object.entries(info.gilHeldByTid)) heldByThread.set(Number(tid), held / info.gilTicks);
    }
    return {
      pid: info.pid,
      parentPid: info.parentPid,
      role: info.role,
      commandLine: info.commandLine,
      pythonVersion: info.pythonVersion,
      threadCount: own.length,
      cpuSeconds: roundTo((sampledNs + exitedNs) / NS_PER_SECOND),
      exitedBeforeSampledCpuSeconds: roundTo(exitedNs / NS_PER_SECOND),
      lifetimeSeconds: roundTo((info.lastSeenNs - info.firstSeenNs) / NS_PER_SECOND),
      gil:
        info.gilTicks > 0
          ? {
              heldFraction: roundTo(info.gilHeldTicks / info.gilTicks, 4),
              contention: roundTo(sampledTicks.size > 0 ? waitingTicks.size / sampledTicks.size : 0, 4),
            }
          : null,
    };
  });
  return { processes: summaries, exitedBeforeSampledNs, heldByThread };
}
