// Ticks as the sampler delivers them, in the columnar Timeline shape the store reads back, so the
// live view bins a batch with the same binTimeline as every stored view instead of its own math.
import type { Tick, Tid } from '../model.ts';
import type { SampleColumns, Timeline } from '../store/run-types.ts';

/** `ticks` (in tick order) as columns: one row per tick, one column set per thread seen. */
export function timelineFromTicks(ticks: readonly Tick[]): Timeline {
  const rows = new Map<Tid, Array<Tick['threads'][number] & { tickIndex: number }>>();
  for (const tick of ticks)
    for (const sample of tick.threads) {
      let list = rows.get(sample.tid);
      if (!list) rows.set(sample.tid, (list = []));
      list.push({ ...sample, tickIndex: tick.index });
    }
  const threads = new Map<Tid, SampleColumns>();
  for (const [tid, samples] of rows)
    threads.set(tid, {
      tickIndex: Uint32Array.from(samples, (s) => s.tickIndex),
      state: Uint8Array.from(samples, (s) => s.state),
      cpuNs: Float64Array.from(samples, (s) => s.cpuNs),
      runQueueNs: Float64Array.from(samples, (s) => s.runQueueNs),
      stackId: Int32Array.from(samples, (s) => s.stackId ?? -1),
    });
  return {
    ticks: {
      index: Uint32Array.from(ticks, (t) => t.index),
      timeNs: Float64Array.from(ticks, (t) => t.timeNs),
      gilHeld: Uint8Array.from(ticks, (t) => (t.gil?.held ? 1 : 0)),
      gilHolderTid: Int32Array.from(ticks, (t) => t.gil?.holderTid ?? -1),
      gilEnabled: Uint8Array.from(ticks, (t) => (t.gil?.enabled ? 1 : 0)),
      gilKnown: Uint8Array.from(ticks, (t) => (t.gil ? 1 : 0)),
    },
    threads,
  };
}
