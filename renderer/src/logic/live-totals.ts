// Whole-run figures of the run being recorded, accumulated from every progress event (the ring buffer
// keeps only the last minute, and each event covers only its own batch of about 100 ms).
import type { ApiEvents } from '../../../main/shared/api-contract.ts';

/** The run so far: ticks, CPU seconds, and GIL shares over the ticks whose GIL state was read (null before any). */
export interface LiveTotalsValue {
  ticks: number;
  cpuSeconds: number;
  gilHeld: number | null;
  contention: number | null;
  /** The last known GIL switch state (free-threaded builds can turn it off). */
  gilEnabled: boolean | null;
}

/** Adds up progress events; `reset` starts a new run. */
export interface LiveTotals {
  add(event: ApiEvents['profile:progress']): void;
  reset(): void;
  value(): LiveTotalsValue;
}

// Each event carries the ticks so far and shares over its batch: weights are the batch's tick count.
export function createLiveTotals(): LiveTotals {
  let ticks = 0;
  let elapsedNs = 0;
  let cpuNs = 0;
  let gilTicks = 0;
  let heldTicks = 0;
  let contendedTicks = 0;
  let gilEnabled: boolean | null = null;
  return {
    add(event) {
      const batchTicks = Math.max(0, event.ticks - ticks);
      const spanNs = Math.max(0, event.elapsedNs - elapsedNs);
      ticks = Math.max(ticks, event.ticks);
      elapsedNs = Math.max(elapsedNs, event.elapsedNs);
      for (const thread of event.threads) cpuNs += thread.cpu * spanNs;
      if (event.gil && batchTicks > 0) {
        gilTicks += batchTicks;
        heldTicks += event.gil.held * batchTicks;
        contendedTicks += event.gil.contention * batchTicks;
        gilEnabled = event.gil.enabled;
      }
    },
    reset() {
      ticks = elapsedNs = cpuNs = gilTicks = heldTicks = contendedTicks = 0;
      gilEnabled = null;
    },
    value: () => ({
      ticks,
      cpuSeconds: cpuNs / 1e9,
      gilHeld: gilTicks > 0 ? heldTicks / gilTicks : null,
      contention: gilTicks > 0 ? contendedTicks / gilTicks : null,
      gilEnabled,
    }),
  };
}
