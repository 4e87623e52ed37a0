import { describe, expect, it } from 'vitest';
import type { FunctionDiffRow } from '../../main/shared/compare-types.ts';
import {
  changesAgainstBaseline,
  deltaTone,
  formatMetricDelta,
  formatMetricRatio,
  formatMetricValue,
  maxShare,
  sortFunctionDiff,
  totalChange,
} from '../../renderer/src/logic/compare-format.ts';

const row = (fn: string, self: number[], total: number[]): FunctionDiffRow => ({
  function: fn,
  file: '/w/t.py',
  self,
  total,
  selfChange: (self[self.length - 1] ?? 0) - (self[0] ?? 0),
});

describe('compare formatting', () => {
  it('formats values and signed deltas by unit', () => {
    expect(formatMetricValue(1.5, 'seconds')).toBe('1.50 s');
    expect(formatMetricValue(2, 'ratio')).toBe('2.00×');
    expect(formatMetricValue(0.42, 'fraction')).toBe('42%');
    expect(formatMetricDelta(-0.35, 'seconds')).toBe('−350 ms');
    expect(formatMetricDelta(0.4, 'ratio')).toBe('+0.40×');
    expect(formatMetricDelta(-0.12, 'fraction')).toBe('−12.0 pp');
    expect(formatMetricDelta(null, 'fraction')).toBe('—');
    expect(formatMetricRatio(1.41, 2.2, 'seconds')).toBe('1.41×');
    expect(formatMetricRatio(78.9, 0.002, 'fraction')).toBe('—');
    expect(formatMetricRatio(0.5, 0.4, 'fraction')).toBe('0.50×');
  });
  it('judges deltas by direction', () => {
    expect(deltaTone('wallSeconds', -1, 4)).toBe('good');
    expect(deltaTone('speedup', -1, 2)).toBe('bad');
    expect(deltaTone('gilContention', 0.001, 0.5)).toBe('same');
    expect(deltaTone('cpuSeconds', 5, 1)).toBe('same');
  });
  it('sorts the function diff by the chosen change', () => {
    const rows = [
      row('a', [0.1, 0.15], [0.5, 0.2]),
      row('b', [0.4, 0.1], [0.4, 0.4]),
      row('c', [0.2, 0.2], [0.6, 0.6]),
    ];
    expect(sortFunctionDiff(rows, 'self-change').map((r) => r.function)).toEqual(['b', 'a', 'c']);
    expect(sortFunctionDiff(rows, 'total-change').map((r) => r.function)).toEqual(['a', 'b', 'c']);
    expect(sortFunctionDiff(rows, 'self-baseline').map((r) => r.function)).toEqual(['b', 'c', 'a']);
    expect(maxShare(rows)).toBe(0.6);
    expect(maxShare([])).toBe(1);
  });
});

describe('function diff over N runs', () => {
  it('gives every run its change against A, and the largest of them as the total change', () => {
    expect(changesAgainstBaseline([0.2, 0.5, 0.1])).toEqual([0, 0.3, -0.1].map((v) => expect.closeTo(v, 9)));
    // B moved most, C least: the total change is B's, not the last run's.
    expect(totalChange(row('f', [0, 0, 0], [0.2, 0.9, 0.25]))).toBeCloseTo(0.7, 9);
  });
});
