import { describe, expect, it } from 'vitest';
import {
  baseName,
  formatBytes,
  formatClock,
  plural,
  formatPercent,
  formatRatio,
  formatSeconds,
} from '../../renderer/src/logic/format.ts';

describe('format', () => {
  it('durations', () => {
    expect([null, 0.0004, 0.85, 1.234, 12.34, 65, 245, 3725].map(formatSeconds)).toEqual([
      '—',
      '0 ms',
      '850 ms',
      '1.23 s',
      '12.3 s',
      '1 m 05 s',
      '4 m 05 s',
      '1 h 02 m',
    ]);
  });
  it('clock', () => {
    expect([0, 1.5e9, 65.3e9, 3723e9].map(formatClock)).toEqual(['0:00.0', '0:01.5', '1:05.3', '1:02:03']);
  });
  it('percentages', () => {
    expect([null, 0, 0.0004, 0.035, 0.42, 1].map((f) => formatPercent(f))).toEqual([
      '—',
      '0%',
      '<0.1%',
      '3.5%',
      '42%',
      '100%',
    ]);
    expect(formatPercent(0.4256, 1)).toBe('42.6%');
  });
  it('bytes, ratios, names', () => {
    expect([512, 1536, 12 * 1024 * 1024].map(formatBytes)).toEqual(['512 B', '1.5 KiB', '12 MiB']);
    expect(formatRatio(1.849)).toBe('1.85×');
    expect(formatRatio(null)).toBe('—');
    expect(baseName('/a/b/run.py')).toBe('run.py');
    expect(baseName('run.py')).toBe('run.py');
  });
});

describe('plural', () => {
  it('puts the noun in the number of the count', () => {
    expect(plural(1, 'sample')).toBe('1 sample');
    expect(plural(0, 'sample')).toBe('0 samples');
    expect(plural(2, 'run')).toBe('2 runs');
    expect(plural(1204, 'tick')).toBe('1,204 ticks');
    expect(plural(3, 'repetition', 'repetitions')).toBe('3 repetitions');
  });
});
