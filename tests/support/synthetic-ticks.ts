// Deterministic, realistic-looking ticks for the store's tests and bench/db-ingest.ts, bench/open-run.ts: threads with
// sticky states, ns-precision CPU and run-queue deltas, jittered tick times, optional thread churn
// and unreadable GIL samples. Not used when profiling.
import type { StateCode, Tick, ThreadSample, Tid } from '../../main/engine/model.ts';

/** Shape of the generated run. */
export interface SyntheticRunShape {
  threads: number;
  ticks: number;
  rateHz: number;
  /** Ticks per yielded batch; default rateHz / 10 (the sampler posts about every 100 ms). */
  batchTicks?: number;
  /** Threads other than the first live only part of the run. */
  churn?: boolean;
  /** Every n-th tick has gil: null. 0 = never. */
  nullGilEvery?: number;
  seed?: number;
  /** 'mixed' (default): sticky states, sleeping threads report zero deltas. 'busy': every thread always on CPU
   *  or runnable with noisy deltas, the worst case for the encoding. */
  activity?: 'mixed' | 'busy';
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The tid of synthetic thread i (the first one is the "main thread"). */
export function syntheticTid(i: number): Tid {
  return 40_000 + i * 3;
}

/** Yields batches of ticks for `shape`; the same shape and seed always give the same ticks. */
export function* syntheticTickBatches(shape: SyntheticRunShape): Generator<Tick[]> {
  const random = mulberry32(shape.seed ?? 1);
  const periodNs = 1e9 / shape.rateHz;
  const batchTicks = shape.batchTicks ?? Math.max(1, Math.round(shape.rateHz / 10));
  const spans = Array.from({ length: shape.threads }, (_, i) => {
    if (!shape.churn || i === 0) return { start: 0, end: shape.ticks };
    const start = Math.floor(random() * shape.ticks * 0.6);
    return { start, end: start + 1 + Math.floor(random() * (shape.ticks - start)) };
  });
  const states: StateCode[] = spans.map(() => (shape.activity === 'busy' ? 0 : 4));
  const stacks: number[] = spans.map((_, i) => i);
  let batch: Tick[] = [];
  for (let index = 0; index < shape.ticks; index++) {
    const threads: ThreadSample[] = [];
    for (let i = 0; i < shape.threads; i++) {
      const span = spans[i]!;
      if (index < span.start || index >= span.end) continue;
      if (random() < 0.05) states[i] = Math.floor(random() * (shape.activity === 'busy' ? 2 : 5)) as StateCode;
      const state = states[i]!;
      // Blocked threads mostly sleep through a whole interval: exactly zero CPU and run-queue time.
      const asleep = state >= 3 && random() < 0.8;
      const busy = asleep ? 0 : state === 0 ? 0.7 + 0.3 * random() : state === 1 ? 0.2 * random() : 0.01 * random();
      const waiting = asleep ? 0 : state === 1 ? 0.5 + 0.5 * random() : 0.02 * random();
      // Stacks change less often than states: a thread mostly stays in a few code paths.
      if (random() < 0.2) stacks[i] = Math.floor(random() * 200);
      threads.push({
        tid: syntheticTid(i),
        state,
        cpuNs: Math.round(busy * periodNs),
        runQueueNs: Math.round(waiting * periodNs),
        stackId: stacks[i]!,
      });
    }
    const running = threads.find((t) => t.state === 0);
    const gilNull = shape.nullGilEvery ? index % shape.nullGilEvery === 0 : false;
    batch.push({
      index,
      timeNs: Math.round(index * periodNs + random() * 200_000),
      gil: gilNull ? null : { held: running !== undefined, holderTid: running?.tid ?? null, enabled: true },
      threads,
    });
    if (batch.length === batchTicks) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
