// The live header's whole-run figures: batches weighted by their tick counts, CPU summed over time,
// batches without a readable GIL left out of the GIL shares.
import { describe, expect, it } from 'vitest';
import type { ApiEvents } from '../../main/shared/api-contract.ts';
import { createLiveTotals } from '../../renderer/src/logic/live-totals.ts';

function event(
  ticks: number,
  elapsedMs: number,
  cpu: number[],
  gil: { held: number; contention: number } | null,
): ApiEvents['profile:progress'] {
  return {
    runId: 1,
    elapsedNs: elapsedMs * 1e6,
    ticks,
    threads: cpu.map((c, i) => ({
      tid: i + 1,
      name: `t${i}`,
      cpu: c,
      states: { running: 1, runnable: 0, gilWait: 0, lockWait: 0, idle: 0, unclassifiedWait: 0 },
    })),
    gil: gil && { ...gil, enabled: true },
  };
}

describe('live totals', () => {
  it('weights each batch by its ticks, so a long contended stretch is not hidden by a calm last batch', () => {
    const totals = createLiveTotals();
    totals.add(event(90, 900, [1, 1], { held: 1, contention: 0.9 }));
    totals.add(event(100, 1000, [1, 0], { held: 0.5, contention: 0.3 }));
    const value = totals.value();
    expect(value.ticks).toBe(100);
    expect(value.contention).toBeCloseTo((90 * 0.9 + 10 * 0.3) / 100, 6);
    expect(value.gilHeld).toBeCloseTo((90 + 5) / 100, 6);
    expect(value.cpuSeconds).toBeCloseTo(0.9 * 2 + 0.1, 6);
  });

  it('leaves batches with an unreadable GIL out of the GIL shares, and starts over on reset', () => {
    const totals = createLiveTotals();
    expect(totals.value().contention).toBeNull();
    totals.add(event(10, 100, [1], null));
    expect(totals.value().gilHeld).toBeNull();
    totals.add(event(20, 200, [1], { held: 0.4, contention: 0.2 }));
    expect(totals.value().contention).toBeCloseTo(0.2, 6);
    totals.reset();
    expect(totals.value()).toEqual({ ticks: 0, cpuSeconds: 0, gilHeld: null, contention: null, gilEnabled: null });
  });
});
