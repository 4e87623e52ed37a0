// How a thread's blocked time is split among GIL wait, lock wait and idle (thread-state-fractions.ts),
// on hand-written sample columns: the split rules are pure arithmetic over what the sampler stored.
import { describe, expect, it } from 'vitest';
import { threadTimeBreakdown } from '../../main/engine/analysis/thread-state-fractions.ts';
import { STATE_CODE } from '../../main/engine/model.ts';

const MS = 1e6;

/** Ticks every 10 ms, and one thread's samples at each: [state, cpu ms, run-queue ms] per tick. */
function columns(samples: Array<[number, number, number]>) {
  const count = samples.length;
  const ticks = {
    index: Uint32Array.from({ length: count }, (_, i) => i),
    timeNs: Float64Array.from({ length: count }, (_, i) => (i + 1) * 10 * MS),
    gilHeld: new Uint8Array(count),
    gilHolderTid: new Int32Array(count).fill(-1),
    gilEnabled: new Uint8Array(count).fill(1),
    gilKnown: new Uint8Array(count).fill(1),
  };
  const thread = {
    tickIndex: Uint32Array.from({ length: count }, (_, i) => i),
    state: Uint8Array.from(samples.map(([state]) => state)),
    cpuNs: Float64Array.from(samples.map(([, cpu]) => cpu * MS)),
    runQueueNs: Float64Array.from(samples.map(([, , queue]) => queue * MS)),
    stackId: new Int32Array(count).fill(-1),
  };
  return { thread, ticks };
}

const { running, runnable, gilWait, lockWait } = STATE_CODE;

describe('threadTimeBreakdown', () => {
  it('blocked time seen before the first wait goes to that first wait, not to idle', () => {
    // Caught running or runnable at both ends of its first intervals (a busy machine), 4 ms short each.
    const { thread, ticks } = columns([
      [running, 10, 0],
      [runnable, 3, 3],
      [running, 3, 3],
      [gilWait, 3, 3],
      [gilWait, 0, 0],
    ]);
    const { states, lifetimeNs } = threadTimeBreakdown(thread, ticks);
    expect(lifetimeNs).toBeCloseTo(50 * MS, -3);
    expect(states.idle).toBe(0);
    expect(states.gilWait).toBeCloseTo(22 / 50, 6);
    expect(states.running + states.runnable + states.gilWait).toBeCloseTo(1, 9);
  });

  it('after a wait was seen, unlabelled shortfall goes to the last wait', () => {
    const { thread, ticks } = columns([
      [running, 10, 0],
      [lockWait, 0, 0],
      [running, 5, 0],
      [running, 5, 0],
    ]);
    const { states } = threadTimeBreakdown(thread, ticks);
    expect(states.lockWait).toBeCloseTo(20 / 40, 6);
    expect(states.idle).toBe(0);
  });

  it('a thread never seen waiting has its shortfall counted as run-queue time the kernel had not booked', () => {
    const { thread, ticks } = columns([
      [running, 10, 0],
      [running, 5, 0],
      [runnable, 2, 4],
    ]);
    const { states } = threadTimeBreakdown(thread, ticks);
    expect(states.runnable).toBeCloseTo((4 + 9) / 30, 6);
    expect(states.idle + states.gilWait + states.lockWait).toBe(0);
  });
});
