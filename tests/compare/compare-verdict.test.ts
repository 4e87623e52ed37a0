// The comparison's sentences on hand-made runs: speed against the baseline, the GIL's share on each
// side, extra CPU time of a free-threaded build, and the cores as the new limit.
import { describe, expect, it } from 'vitest';
import { explainComparison } from '../../main/shared/compare-verdict.ts';
import { judgeGil } from '../../main/shared/gil-verdict.ts';
import type { RunSummary } from '../../main/shared/run-summary-types.ts';
import type { StateFractions } from '../../main/shared/vocabulary.ts';
import { handMadeSummary, handMadeThread, stateShares } from '../support/hand-made-summary.ts';

const states = (running: number, runnable: number, gilWait: number): StateFractions =>
  stateShares({ running, runnable, gilWait });

/** A run of 4 workers living the whole wall time in `fractions`. */
function run(
  runId: number,
  wall: number,
  fractions: StateFractions,
  options: { freeThreaded?: boolean; gilEnabled?: boolean } = {},
): RunSummary {
  const threads = Array.from({ length: 4 }, (_, i) => handMadeThread(runId * 10 + i, `w${i}`, wall, fractions));
  const summary = handMadeSummary(wall, threads, {
    runId,
    interpreter: { path: '/py', version: '3.13.5', freeThreaded: options.freeThreaded ?? false },
    gilEnabled: options.gilEnabled ?? true,
    gil: { heldFraction: 0.9, contention: 0.9 },
  });
  return { ...summary, verdict: judgeGil(summary, 2) };
}

describe('explainComparison', () => {
  it('explains a free-threaded run that is faster: no GIL wait, more CPU per thread, cores now the limit', () => {
    const gil = run(1, 6, states(0.25, 0.03, 0.72));
    const free = run(2, 3.1, states(0.58, 0.42, 0), { freeThreaded: true, gilEnabled: false });
    const [entry] = explainComparison({ runs: [gil, free] });
    expect(entry!.runId).toBe(2);
    expect(entry!.lines).toEqual([
      'B ran 1.94× faster than A.',
      'Busy threads waited for the GIL: A 72% of their time, B almost none.',
      'B used 20% more CPU time than A for the same script (a free-threaded interpreter runs each thread slower).',
      "B's busy threads waited for a CPU 42% of their time on 2 cores: the cores were its limit.",
    ]);
  });

  it('says when a run was slower or about as fast, one entry per run after the baseline', () => {
    const base = run(1, 2, states(0.9, 0, 0.05));
    const entries = explainComparison({
      runs: [base, run(2, 2.5, states(0.72, 0, 0.05)), run(3, 2.02, states(0.89, 0, 0.05))],
    });
    expect(entries.map((e) => e.runId)).toEqual([2, 3]);
    expect(entries[0]!.lines[0]).toBe('B was slower than A: 0.80× its speed.');
    expect(entries[1]!.lines[0]).toBe('C ran about as fast as A (0.99×).');
    expect(explainComparison({ runs: [base] })).toEqual([]);
  });
});
