import { BLOCKED_STATE_CODES, STATE_CODE, type Nanoseconds } from '../model.ts';
import type { SampleColumns, TickColumns } from '../store/run-types.ts';
import { makeTickTimeLookup } from './tick-time-lookup.ts';
import { THREAD_STATES, type ThreadState } from '../../shared/vocabulary.ts';

export type StateFractions = Record<ThreadState, number>;

export interface ThreadTimeBreakdown {
  cpuNs: Nanoseconds;
  lifetimeNs: Nanoseconds;
  /** Fractions of the thread's sampled lifetime; they sum to 1 (all 0 for a thread never sampled). */
  states: StateFractions;
}

const isWait = (state: number): boolean => (BLOCKED_STATE_CODES as readonly number[]).includes(state);

/**
 * Splits a thread's sampled lifetime into states, time-weighted rather than by counting samples.
 * Running and runnable are the exact schedstat CPU and run-queue totals. The rest of the lifetime
 * (blocked) is split among GIL wait, lock wait, idle and unclassified wait by where it showed up: each interval's
 * shortfall (interval − CPU − run queue) goes to the wait seen at its end, else at its start, else to
 * the nearest wait seen: the thread's last one, or, before it was first seen waiting, its first one.
 * On a busy machine a GIL-bound thread can be caught running or runnable at both ends of many intervals:
 * defaulting those to idle showed up to 8% of such a thread's blocked time as idle.
 * A thread never seen in a wait at all is taken to have waited for a CPU in its shortfall: the kernel
 * books a run-queue wait only when the wait ends, so a thread still queued at its last sample (on a
 * busy machine, for hundreds of ms) leaves that much unbooked; and a thread that really blocked for a
 * share of its life would have been caught blocked by some of its samples. The kernel books CPU at scheduler ticks and run-queue delay only when
 * a thread gets the CPU, so single intervals over- and under-shoot: the shortfalls only weight the
 * split, and the blocked total comes from the whole lifetime.
 */
export function threadTimeBreakdown(thread: SampleColumns, ticks: TickColumns): ThreadTimeBreakdown {
  const timeOf = makeTickTimeLookup(ticks);
  const shortfallByState = new Float64Array(THREAD_STATES.length);
  let cpuNs = 0;
  let runQueueNs = 0;
  let lastWait: number | null = null;
  /** Shortfall of intervals before the thread was first seen waiting: it goes to that first wait. */
  let shortfallBeforeFirstWait = 0;
  let firstTime: number | undefined;
  let previousTime: number | undefined;
  for (let i = 0; i < thread.tickIndex.length; i++) {
    const time = timeOf(thread.tickIndex[i] ?? 0) ?? 0;
    const cpu = thread.cpuNs[i] ?? 0;
    const runQueue = thread.runQueueNs[i] ?? 0;
    const state = thread.state[i] ?? STATE_CODE.idle;
    cpuNs += cpu;
    runQueueNs += runQueue;
    if (previousTime === undefined) {
      // Before its first sample a thread is known only by its CPU and run-queue totals: it was born
      // somewhere in that interval, so its life is taken to start that much before the sample.
      firstTime = time - cpu - runQueue;
    } else {
      const previousState = thread.state[i - 1] ?? STATE_CODE.idle;
      const shortfall = Math.max(0, time - previousTime - cpu - runQueue);
      const wait = isWait(state) ? state : isWait(previousState) ? previousState : lastWait;
      if (wait === null) shortfallBeforeFirstWait += shortfall;
      else shortfallByState[wait] = (shortfallByState[wait] ?? 0) + shortfall;
    }
    if (isWait(state)) {
      if (lastWait === null) {
        shortfallByState[state] = (shortfallByState[state] ?? 0) + shortfallBeforeFirstWait;
        shortfallBeforeFirstWait = 0;
      }
      lastWait = state;
    }
    previousTime = time;
  }
  const spanNs = previousTime === undefined || firstTime === undefined ? 0 : previousTime - firstTime;
  const blockedNs = Math.max(0, spanNs - cpuNs - runQueueNs);
  const neverWaited = lastWait === null;
  const shortfallTotal = shortfallByState.reduce((sum, value) => sum + value, 0);
  const totals = new Float64Array(THREAD_STATES.length);
  totals[STATE_CODE.running] = cpuNs;
  totals[STATE_CODE.runnable] = runQueueNs + (neverWaited ? blockedNs : 0);
  if (!neverWaited) {
    for (const code of BLOCKED_STATE_CODES) {
      totals[code] =
        shortfallTotal > 0
          ? (blockedNs * (shortfallByState[code] ?? 0)) / shortfallTotal
          : code === lastWait
            ? blockedNs
            : 0;
    }
  }
  const lifetimeNs = cpuNs + runQueueNs + blockedNs;
  const states = Object.fromEntries(
    THREAD_STATES.map((name, code) => [name, lifetimeNs > 0 ? (totals[code] ?? 0) / lifetimeNs : 0]),
  ) as StateFractions;
  return { cpuNs, lifetimeNs, states };
}
