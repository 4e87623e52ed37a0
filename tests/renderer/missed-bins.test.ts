// Bins without any sample are missed ticks, except at the run's two ends.
import { describe, expect, it } from 'vitest';
import type { BinnedTimeline } from '../../main/shared/run-views.ts';
import { countMissed, missedBins } from '../../renderer/src/logic/missed-bins.ts';

function timeline(sampledPerThread: number[][], gilKnown?: number[]): BinnedTimeline {
  const bins = sampledPerThread[0]?.length ?? 0;
  const zeros = () => new Array<number>(bins).fill(0);
  return {
    fromNs: 0,
    toNs: bins * 15e6,
    binNs: 15e6,
    threads: sampledPerThread.map((sampled, i) => ({
      tid: i + 1,
      name: `t${i}`,
      cpu: zeros(),
      sampled,
      states: {
        running: zeros(),
        runnable: zeros(),
        gilWait: zeros(),
        lockWait: zeros(),
        idle: zeros(),
        unclassifiedWait: zeros(),
      },
    })),
    gil: gilKnown ? { held: zeros(), contention: zeros(), known: gilKnown } : null,
  };
}

describe('missedBins', () => {
  it('marks bins no thread was sampled in', () => {
    const missed = missedBins(
      timeline([
        [1, 2, 0, 0, 1, 1],
        [0, 1, 0, 1, 1, 0],
      ]),
    );
    expect([...missed]).toEqual([0, 0, 1, 0, 0, 0]);
    expect(countMissed(missed)).toBe(1);
  });

  it('never marks the first or last bin, and not a bin with a GIL reading', () => {
    expect([...missedBins(timeline([[0, 0, 1, 0]], [0, 1, 1, 0]))]).toEqual([0, 0, 0, 0]);
  });
});
