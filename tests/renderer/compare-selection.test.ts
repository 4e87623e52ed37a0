import { describe, expect, it } from 'vitest';
import {
  canCompareRun,
  compareReadiness,
  compareWith,
  parseRunIds,
  pruneSelection,
  toggleSelection,
} from '../../renderer/src/logic/compare-selection.ts';

describe('compare selection', () => {
  it('keeps the order of picking and refuses a fifth run', () => {
    let s: number[] = [];
    for (const id of [7, 3, 9, 1, 5]) s = toggleSelection(s, id);
    expect(s).toEqual([7, 3, 9, 1]);
    expect(toggleSelection(s, 3)).toEqual([7, 9, 1]);
  });
  it('needs 2 to 4 distinct runs', () => {
    expect(compareReadiness([])).toEqual({ ok: false, reason: 'Select 2 to 4 runs to compare.' });
    expect(compareReadiness([4]).ok).toBe(false);
    expect(compareReadiness([4, 4]).ok).toBe(false);
    expect(compareReadiness([4, 5]).ok).toBe(true);
    expect(compareReadiness([1, 2, 3, 4]).ok).toBe(true);
    expect(compareReadiness([1, 2, 3, 4, 5]).ok).toBe(false);
  });
  it('compare with: the run first, no repeats, at most 4', () => {
    expect(compareWith(5, [5, 2, 2, 8, 9, 10])).toEqual([5, 2, 8, 9]);
    expect(compareWith(5, [])).toEqual([5]);
  });
  it('only completed or stopped runs can be picked (not recording, failed or killed); deleted runs drop out', () => {
    expect(canCompareRun({ status: 'running' })).toBe(false);
    expect(canCompareRun({ status: 'failed' })).toBe(false);
    expect(canCompareRun({ status: 'killed' })).toBe(false);
    expect(canCompareRun({ status: 'completed' })).toBe(true);
    expect(canCompareRun({ status: 'stopped' })).toBe(true);
    expect(pruneSelection([3, 1, 2], [1, 2])).toEqual([1, 2]);
  });
  it('parses id lists', () => {
    expect(parseRunIds('3, 4')).toEqual([3, 4]);
    expect(parseRunIds('3')).toBeNull();
    expect(parseRunIds('3,x')).toBeNull();
    expect(parseRunIds('1,2,3,4,5')).toBeNull();
  });
});
