import { describe, expect, it } from 'vitest';
import type { ExperimentConfigResult, ExperimentSpec } from '../../main/shared/compare-types.ts';
import {
  defaultConfigSort,
  progressFraction,
  relativeSpread,
  sortConfigs,
  speedupSeries,
  toggleConfigSort,
} from '../../renderer/src/logic/experiment-results.ts';

const ft = { path: '/py/3.13t', version: '3.13.5', freeThreaded: true };
const gil = { path: '/py/3.12', version: '3.12.1', freeThreaded: false };
const config = (key: string, extra: Partial<ExperimentConfigResult>): ExperimentConfigResult => ({
  key,
  label: key,
  interpreter: ft,
  gilMode: 'on',
  varyValue: null,
  runIds: [],
  failures: 0,
  wallSeconds: null,
  speedup: null,
  parallelism: null,
  contention: null,
  ...extra,
});
const spec: ExperimentSpec = {
  script: '/w/t.py',
  args: [],
  cwd: null,
  interpreters: [ft.path],
  gilModes: ['on', 'off'],
  repeat: 3,
  vary: null,
  rateHz: 100,
  durationSeconds: null,
};

describe('experiment results', () => {
  const configs = [
    config('a', { speedup: 1, wallSeconds: { median: 4, min: 3.8, max: 4.4 } }),
    config('b', { speedup: 2.5, wallSeconds: { median: 1.6, min: 1.5, max: 1.7 } }),
    config('c', { failures: 3 }),
    config('d', { speedup: 0.8, wallSeconds: { median: 5, min: 5, max: 5 } }),
  ];
  const keys = (list: ExperimentConfigResult[]) => list.map((c) => c.key);
  it('sorts with missing figures last either way', () => {
    expect(keys(sortConfigs(configs, defaultConfigSort))).toEqual(['a', 'b', 'c', 'd']);
    const bySpeedup = toggleConfigSort(defaultConfigSort, 'speedup');
    expect(bySpeedup.descending).toBe(true);
    expect(keys(sortConfigs(configs, bySpeedup))).toEqual(['b', 'a', 'd', 'c']);
    expect(keys(sortConfigs(configs, toggleConfigSort(bySpeedup, 'speedup')))).toEqual(['d', 'a', 'b', 'c']);
    expect(keys(sortConfigs(configs, { key: 'failures', descending: true }))).toEqual(['c', 'a', 'b', 'd']);
    expect(keys(sortConfigs(configs, { key: 'order', descending: true }))).toEqual(['d', 'c', 'b', 'a']);
    expect(keys(configs)).toEqual(['a', 'b', 'c', 'd']);
  });
  it('computes relative spread and progress', () => {
    expect(relativeSpread({ median: 4, min: 3.8, max: 4.4 })).toBeCloseTo(0.15);
    expect(relativeSpread(null)).toBeNull();
    expect(progressFraction({ done: 3, total: 12 })).toBe(0.25);
    expect(progressFraction({ done: 0, total: 0 })).toBe(0);
  });
  it('draws one bar per configuration without a varied value', () => {
    const series = speedupSeries({ spec, configs });
    expect(series.kind).toBe('bar');
    expect(series.labels).toEqual(['a', 'b', 'c', 'd']);
    expect(series.datasets[0]?.data).toEqual([1, 2.5, null, 0.8]);
  });
  it('draws a line per interpreter and mode over the varied values', () => {
    const varied = { ...spec, vary: { kind: 'arg' as const, name: 'threads', values: ['1', '2', '4'] } };
    const series = speedupSeries({
      spec: varied,
      configs: [
        config('on1', { varyValue: '1', speedup: 1 }),
        config('off1', { gilMode: 'off', varyValue: '1', speedup: 1 }),
        config('on4', { varyValue: '4', speedup: 0.9 }),
        config('off4', { gilMode: 'off', varyValue: '4', speedup: 3.2 }),
        config('g2', { interpreter: gil, gilMode: 'default', varyValue: '2', speedup: 1.1 }),
      ],
    });
    expect(series.kind).toBe('line');
    expect(series.labels).toEqual(['threads=1', 'threads=2', 'threads=4']);
    expect(series.datasets).toEqual([
      { label: '3.13.5 free-threaded · GIL on', data: [1, null, 0.9] },
      { label: '3.13.5 free-threaded · GIL off', data: [1, null, 3.2] },
      { label: '3.12.1', data: [null, 1.1, null] },
    ]);
  });
});
