// The experiment's one-sentence answer with its range, speedup ranges from min–max wall times, and the ETA.
import { describe, expect, it } from 'vitest';
import type { ExperimentConfigResult } from '../../main/shared/compare-types.ts';
import {
  experimentConclusion,
  experimentEtaSeconds,
  speedupRange,
} from '../../renderer/src/logic/experiment-conclusion.ts';

function config(key: string, label: string, wall: [number, number, number], runs = 3): ExperimentConfigResult {
  const [min, median, max] = wall;
  return {
    key,
    label,
    interpreter: { path: `/p/${key}`, version: '3.13.5', freeThreaded: key !== 'gil' },
    gilMode: key === 'off' ? 'off' : 'default',
    varyValue: null,
    runIds: Array.from({ length: runs }, (_, i) => i + 1),
    failures: 0,
    wallSeconds: { min, median, max },
    speedup: null,
    parallelism: null,
    contention: null,
  };
}

const spec = { vary: null } as never;

describe('experiment conclusion', () => {
  it('brackets the speedup by the slowest and fastest repetitions', () => {
    const range = speedupRange(config('off', 'B', [1, 1.1, 1.2]), config('gil', 'A', [1.9, 2, 2.2]))!;
    expect(range.median).toBeCloseTo(2 / 1.1, 9);
    expect(range.min).toBeCloseTo(1.9 / 1.2, 9);
    expect(range.max).toBeCloseTo(2.2 / 1, 9);
  });

  it('says which configuration differs most from the baseline, with its range', () => {
    const configs = [
      config('gil', '3.12', [1.9, 2, 2.2]),
      config('on', '3.13t GIL on', [2.1, 2.2, 2.3]),
      config('off', '3.13t GIL off', [1, 1.1, 1.2]),
    ];
    expect(experimentConclusion({ configs, baselineKey: 'gil', spec })).toBe(
      '3.13t GIL off ran 1.82× as fast as 3.12 (1.58×–2.20× over 3 runs each).',
    );
  });

  it('says plainly when the other configuration was slower', () => {
    const configs = [config('gil', 'A', [0.9, 1, 1.1], 2), config('off', 'B', [1.9, 2, 2.1], 2)];
    expect(experimentConclusion({ configs, baselineKey: 'gil', spec })).toBe(
      'B was slower than A: 0.50× its speed (0.43×–0.58× over 2 runs each).',
    );
  });

  it('calls a difference whose range includes 1× noise', () => {
    const configs = [config('gil', 'A', [1.8, 2, 2.2], 2), config('off', 'B', [1.9, 1.95, 2.1], 2)];
    expect(experimentConclusion({ configs, baselineKey: 'gil', spec })).toBe(
      'B and A ran about as fast: 1.03× (0.86×–1.16× over 2 runs each), within the noise.',
    );
  });

  it('estimates the time left from the time per finished run', () => {
    expect(experimentEtaSeconds(0, 30_000, 3, 9)).toBeCloseTo(60, 9);
    expect(experimentEtaSeconds(0, 30_000, 0, 9)).toBeNull();
    expect(experimentEtaSeconds(0, 30_000, 9, 9)).toBeNull();
  });
});
