// The live view's figures per sampler batch: one bin of binTimeline over the batch, so they match
// what the stored timeline of the same ticks shows.
import { describe, expect, it } from 'vitest';
import { newProgressState, progressFromBatch } from '../../main/app-service/live-progress.ts';
import { STATE_CODE, type Tick } from '../../main/engine/model.ts';
import type { SamplerBatch } from '../../main/engine/sampler/sampler-messages.ts';

const MS = 1e6;

function batch(ticks: Tick[]): SamplerBatch {
  return {
    type: 'batch',
    ticks,
    stackTable: { frames: [], stacks: [] },
    threads: [{ tid: 7, name: 'worker', nameSource: 'python', firstSeenNs: 0, lastSeenNs: 0 }],
    processes: [],
    events: [],
    stats: {} as SamplerBatch['stats'],
    end: null,
  };
}

function tick(index: number, state: number, cpuMs: number, held: boolean | null): Tick {
  return {
    index,
    timeNs: (index + 1) * 10 * MS,
    gil: held === null ? null : { held, holderTid: null, enabled: true },
    threads: [{ tid: 7, state: state as Tick['threads'][number]['state'], cpuNs: cpuMs * MS, runQueueNs: 0 }],
  };
}

describe('live progress', () => {
  it('gives each batch its CPU per core, state shares and GIL shares', () => {
    const state = newProgressState();
    const first = progressFromBatch(
      1,
      batch([
        tick(0, STATE_CODE.running, 10, true),
        tick(1, STATE_CODE.running, 10, true),
        tick(2, STATE_CODE.gilWait, 0, false),
        tick(3, STATE_CODE.gilWait, 0, null),
      ]),
      state,
    );
    expect(first).not.toBeNull();
    expect(first!.elapsedNs).toBe(40 * MS);
    expect(first!.ticks).toBe(4);
    const [worker] = first!.threads;
    expect(worker!.name).toBe('worker');
    // 20 ms of CPU over the 40 ms since the run started.
    expect(worker!.cpu).toBeCloseTo(0.5, 9);
    expect(worker!.states).toEqual({
      running: 0.5,
      runnable: 0,
      gilWait: 0.5,
      lockWait: 0,
      idle: 0,
      unclassifiedWait: 0,
    });
    // Held in 2 of the 3 readable ticks; someone waited in 2 of 4 ticks.
    expect(first!.gil!.held).toBeCloseTo(2 / 3, 9);
    expect(first!.gil!.contention).toBe(0.5);
    expect(first!.gil!.enabled).toBe(true);

    const second = progressFromBatch(1, batch([tick(4, STATE_CODE.idle, 5, null)]), state);
    // Only the 10 ms since the previous batch count: 5 ms of CPU in them.
    expect(second!.threads[0]!.cpu).toBeCloseTo(0.5, 9);
    expect(second!.threads[0]!.states.idle).toBe(1);
    expect(second!.gil).toBeNull();
    expect(progressFromBatch(1, batch([]), state)).toBeNull();
  });
});
