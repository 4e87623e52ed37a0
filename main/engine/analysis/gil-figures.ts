import { STATE_CODE, type Tid } from '../model.ts';
import type { Timeline } from '../store/run-types.ts';

export interface GilFigures {
  /** Fraction of ticks (where the GIL word was read) with the GIL held. */
  heldFraction: number;
  /** Fraction of ticks with at least one thread waiting for the GIL. */
  contention: number;
  /** Per thread: fraction of readable ticks in which it held the GIL. */
  heldByThread: Map<Tid, number>;
  /** Whether the GIL was enabled at the last tick that could read it (free-threaded builds can flip). */
  enabledAtEnd: boolean | null;
}

/** GIL occupancy and contention from point samples; null when the GIL word was never readable. */
export function gilFigures(timeline: Timeline): GilFigures | null {
  const { ticks } = timeline;
  const tickCount = ticks.index.length;
  let known = 0;
  let held = 0;
  let enabledAtEnd: boolean | null = null;
  const heldCounts = new Map<Tid, number>();
  for (let i = 0; i < tickCount; i++) {
    if (!ticks.gilKnown[i]) continue;
    known++;
    enabledAtEnd = ticks.gilEnabled[i] === 1;
    if (!ticks.gilHeld[i]) continue;
    held++;
    const holder = ticks.gilHolderTid[i] ?? -1;
    if (holder >= 0) heldCounts.set(holder, (heldCounts.get(holder) ?? 0) + 1);
  }
  if (known === 0) return null;

  const waiting = contendedTicks(timeline);
  const contended = waiting.reduce((sum, flag) => sum + flag, 0);
  const heldByThread = new Map<Tid, number>();
  for (const [tid, count] of heldCounts) heldByThread.set(tid, count / known);
  return {
    heldFraction: held / known,
    contention: tickCount > 0 ? contended / tickCount : 0,
    heldByThread,
    enabledAtEnd,
  };
}

/** Per tick (by position in `timeline.ticks`): 1 when at least one thread was waiting for the GIL. */
export function contendedTicks(timeline: Timeline): Uint8Array {
  const first = timeline.ticks.index[0] ?? 0;
  const waiting = new Uint8Array(timeline.ticks.index.length);
  for (const thread of timeline.threads.values()) {
    for (let i = 0; i < thread.tickIndex.length; i++) {
      if (thread.state[i] === STATE_CODE.gilWait) waiting[(thread.tickIndex[i] ?? 0) - first] = 1;
    }
  }
  return waiting;
}
