import { STATE_CODE, THREAD_STATES, type Nanoseconds, type ThreadState } from '../model.ts';
import type { SampleColumns, TickColumns } from '../store/run-types.ts';
import { makeTickTimeLookup } from './tick-time-lookup.ts';

export type StateFractions = Record<ThreadState, number>;

export interface ThreadTimeBreakdown {
  cpuNs: Nanoseconds;
  lifetimeNs: Nanoseconds;
  /** Fractions of the thread's sampled lifetime; they sum to 1 (all 0 for a thread never sampled). */
  states: StateFractions;
}

const isWait = (state: number): boolean =>
  state === STATE_CODE.gilWait || state === STATE_CODE.lockWait || state === STATE_CODE.idle;

/**
 * Splits a thread's sampled lifetime into states, time-weighted rather than by counting samples:
 * running and runnable time are the exact schedstat CPU and run-queue deltas of each interval; the
 * rest of each interval between two samples (the thread was blocked) goes to the wait seen at its end,
 * else at its start, else to the thread's last wait seen (idle if none). Point samples alone cannot
 * tell running from runnable, which /proc reports alike.
 */
export function threadTimeBreakdown(thread: SampleColumns, ticks: TickColumns): ThreadTimeBreakdown {
  const timeOf = makeTickTimeLookup(ticks);
  const totals = new Float64Array(THREAD_STATES.length);
  let cpuNs = 0;
  let lastWait: number = STATE_CODE.idle;
  let previousTime: number | undefined;
  for (let i = 0; i < thread.tickIndex.length; i++) {
    const time = timeOf(thread.tickIndex[i] ?? 0) ?? 0;
    const cpu = thread.cpuNs[i] ?? 0;
    const runQueue = thread.runQueueNs[i] ?? 0;
    const state = thread.state[i] ?? STATE_CODE.idle;
    const previousState = i > 0 ? (thread.state[i - 1] ?? STATE_CODE.idle) : STATE_CODE.idle;
    // Before its first sample a thread is known only by its CPU and run-queue totals: it was born
    // somewhere in that interval, so no blocked time is assumed there.
    const blocked = previousTime === undefined ? 0 : Math.max(0, time - previousTime - cpu - runQueue);
    const wait = isWait(state) ? state : i > 0 && isWait(previousState) ? previousState : lastWait;
    totals[STATE_CODE.running] = (totals[STATE_CODE.running] ?? 0) + cpu;
    totals[STATE_CODE.runnable] = (totals[STATE_CODE.runnable] ?? 0) + runQueue;
    totals[wait] = (totals[wait] ?? 0) + blocked;
    if (isWait(state)) lastWait = state;
    cpuNs += cpu;
    previousTime = time;
  }
  const lifetimeNs = totals.reduce((sum, value) => sum + value, 0);
  const states = Object.fromEntries(
    THREAD_STATES.map((name, code) => [name, lifetimeNs > 0 ? (totals[code] ?? 0) / lifetimeNs : 0]),
  ) as StateFractions;
  return { cpuNs, lifetimeNs, states };
}
