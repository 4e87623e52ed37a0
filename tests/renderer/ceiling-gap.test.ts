// Other programs' load next to the verdict's ceiling: a run's one sentence, and whether the load explains
// why an experiment's measured speedup fell short of the ceiling (the "up to 2.1×" vs 1.14×).
import { describe, expect, it } from 'vitest';
import type { ExperimentConfigResult } from '../../main/shared/compare-types.ts';
import { ceilingGapNote, ceilingGapSentence, machineLoadSentence } from '../../main/shared/machine-load-note.ts';

function config(key: string, extra: Partial<ExperimentConfigResult>): ExperimentConfigResult {
  return {
    key,
    label: key,
    interpreter: { path: `/p/${key}`, version: '3.13.5', freeThreaded: key !== '3.12' },
    gilMode: key.endsWith('off') ? 'off' : key.endsWith('on') ? 'on' : 'default',
    varyValue: null,
    runIds: [1, 2, 3],
    failures: 0,
    wallSeconds: { min: 1, median: 1, max: 1 },
    speedup: null,
    parallelism: null,
    contention: null,
    ...extra,
  };
}
const load = (median: number) => ({ min: median, median, max: median });

describe('machine load notes', () => {
  it('says whether other programs kept the machine busy during a run', () => {
    expect(machineLoadSentence({ otherCpuSeconds: 3, otherCores: 0.9, cores: 2, windowSeconds: 3.3 })).toMatch(
      /^Other programs kept 0\.9 of 2 cores busy while this run recorded/,
    );
    expect(machineLoadSentence({ otherCpuSeconds: 0.1, otherCores: 0.04, cores: 2, windowSeconds: 3 })).toMatch(
      /otherwise quiet .*0\.0 of 2 cores/,
    );
  });

  it("explains the issue's gap: a 2.1× ceiling, 1.14× measured, other programs on 0.9 of 2 cores", () => {
    const view = {
      baselineKey: '3.12',
      configs: [
        config('3.12', { speedup: 1, speedupCeiling: 2.1, otherCores: load(0.9), cores: 2 }),
        config('3.13t on', { speedup: 0.8, otherCores: load(0.9), cores: 2 }),
        config('3.13t off', { speedup: 1.14, otherCores: load(0.8), cores: 2 }),
      ],
    };
    const note = ceilingGapNote(view)!;
    expect(note).toContain('Other programs kept 0.9 of 2 cores busy during these runs');
    // 2.1× × 1.1 free of 2 cores ≈ 1.2×: the measured 1.14× is within 10% of that.
    expect(note).toContain('nearer 1.2×, which explains the gap to the measured 1.14× of 3.13t off');
  });

  it('names the build itself when the machine was quiet, and nothing when the ceiling was reached', () => {
    const quiet = ceilingGapSentence({
      ceiling: 2.1,
      baselineLabel: 'A',
      measured: 1.14,
      label: 'B',
      otherCores: 0.05,
      cores: 2,
    });
    expect(quiet).toMatch(/^The machine was quiet .* free-threaded build's own cost/);
    const partly = ceilingGapSentence({
      ceiling: 4,
      baselineLabel: 'A',
      measured: 1.2,
      label: 'B',
      otherCores: 1,
      cores: 4,
    });
    expect(partly).toContain('explains part of the gap');
    expect(
      ceilingGapSentence({ ceiling: 2, baselineLabel: 'A', measured: 1.9, label: 'B', otherCores: 1, cores: 2 }),
    ).toBeNull();
    // A ceiling of 1× promises nothing, so there is no gap to explain.
    expect(
      ceilingGapSentence({ ceiling: 1, baselineLabel: 'A', measured: 0.5, label: 'B', otherCores: 1.6, cores: 2 }),
    ).toBeNull();
    // No ceiling (the baseline was not GIL-bound) or no load figure (older runs): nothing to say.
    expect(
      ceilingGapNote({
        baselineKey: '3.12',
        configs: [config('3.12', { speedup: 1 }), config('3.13t off', { speedup: 1.1 })],
      }),
    ).toBeNull();
  });
});
