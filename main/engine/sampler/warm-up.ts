// Practice before the run: the sampler worker ticks a throw-away Python (launch/warm-up-target.ts) until V8
// has compiled the tick's code, so that compiling is not done on the user's script's time. A new worker is a
// new V8 isolate: every run starts with the tick's functions interpreted, and at 100 Hz a 2-second script
// ended before most were optimised. Measured on 3.12 with 4 CPU-bound threads at 100 Hz: 476–587 µs a tick
// without it, 240–256 µs with it (docs/profiler-cost.md §5).
import type { Nanoseconds } from '../model.ts';
import { listThreadIds } from '../proc/thread-files.ts';
import { ProcessTreeSampler } from './process-tree-sampler.ts';

/** Ticks taken on the warm-up target: past V8's thresholds for optimising the tick's functions. */
const WARM_UP_TICKS = 3000;
/**
 * …split among this many samplers, one after the other: V8 throws away some code optimised for the first
 * sampler's objects when another sampler appears, as the run's will. Measured with --trace-deopt at 1 kHz,
 * code deoptimised once the run began: 42–51 times after one warm-up sampler, 33–37 after three.
 */
const WARM_UP_ROUNDS = 3;
/** The warm-up never holds the launch longer than this, however loaded the machine is. */
const WARM_UP_DEADLINE_NS = 500e6;
/** Between looks for the warm-up target's threads while it starts. */
const START_POLL_MS = 1;
/** Batches are assembled this often during the warm-up, as the worker does every 100 ms of a run. */
const TICKS_PER_BATCH = 100;

/** What the warm-up did, kept in the run's sampler stats. */
export interface WarmUpReport {
  /** Ticks taken on the warm-up target (0: it did not start in time). */
  ticks: number;
  /** Wall time from the worker's start of the warm-up to its end, the target's start-up included. */
  wallNs: Nanoseconds;
}

/**
 * Ticks the warm-up target `pid` (once `threads` threads are up) with the run's options, back to back, and
 * discards everything. Never throws: a failed warm-up only leaves the run's first ticks slower.
 */
export function warmUpSampler(
  pid: number,
  threads: number,
  options: { stacks: boolean; children: boolean },
): WarmUpReport {
  const started = process.hrtime.bigint();
  const elapsed = (): Nanoseconds => Number(process.hrtime.bigint() - started);
  const nap = new Int32Array(new SharedArrayBuffer(4));
  let ticks = 0;
  try {
    for (let tids = listThreadIds(pid); (tids?.length ?? 0) < threads; tids = listThreadIds(pid)) {
      if (tids === null || elapsed() >= WARM_UP_DEADLINE_NS) return { ticks, wallNs: elapsed() };
      Atomics.wait(nap, 0, 0, START_POLL_MS);
    }
    for (let round = 0; round < WARM_UP_ROUNDS && ticks < WARM_UP_TICKS && elapsed() < WARM_UP_DEADLINE_NS; round++) {
      const sampler = new ProcessTreeSampler(pid, { stacks: options.stacks, children: options.children });
      try {
        for (let i = 0; i < WARM_UP_TICKS / WARM_UP_ROUNDS && elapsed() < WARM_UP_DEADLINE_NS; i++) {
          if (sampler.sample(elapsed()) === null) return { ticks, wallNs: elapsed() };
          ticks++;
          if (ticks % TICKS_PER_BATCH === 0) sampler.takeBatch([], null);
        }
      } finally {
        sampler.close();
      }
    }
  } catch {
    // the target vanished mid-read, or a bug of ours: the run is sampled all the same
  }
  return { ticks, wallNs: elapsed() };
}
