// The differential flame graph's colours and words: share deltas against each run's own total.
import { describe, expect, it } from 'vitest';
import type { DiffFlameNode } from '../../main/shared/run-views.ts';
import { deltaScale, diffColor, formatDelta, shareDelta } from '../../renderer/src/logic/diff-flame.ts';

const node = (name: string, value: number, baseline: number, children: DiffFlameNode[] = []): DiffFlameNode => ({
  name,
  file: 'x.py',
  line: 1,
  value,
  baseline,
  children,
});

describe('differential flame graph logic', () => {
  // B: 100 samples, 80 in render; A: 50 samples, 10 in render.
  const render = node('render', 80, 10);
  const parse = node('parse', 20, 40);
  const root = node('all', 100, 50, [render, parse]);

  it('compares shares, not sample counts', () => {
    expect(shareDelta(render, root)).toBeCloseTo(0.8 - 0.2);
    expect(shareDelta(parse, root)).toBeCloseTo(0.2 - 0.8);
    expect(shareDelta(node('gone', 0, 5), root)).toBeCloseTo(-0.1);
    expect(deltaScale(root)).toBeCloseTo(0.6);
    expect(deltaScale(node('all', 10, 10, [node('same', 5, 5)]))).toBe(0.05);
  });

  it('colours more red, less blue, about the same grey', () => {
    expect(diffColor(0.6, 0.6, false)).toMatch(/^hsl\(4 /);
    expect(diffColor(-0.6, 0.6, false)).toMatch(/^hsl\(215 /);
    expect(diffColor(0.001, 0.6, false)).toBe('#d5d8dc');
    // A stronger change is darker on a light background.
    const light = (color: string) => Number(/(\d+)%\)$/.exec(color)?.[1]);
    expect(light(diffColor(0.6, 0.6, false))).toBeLessThan(light(diffColor(0.1, 0.6, false)));
  });

  it('writes changes in percentage points', () => {
    expect(formatDelta(0.123)).toBe('+12.3 pp');
    expect(formatDelta(-0.04)).toBe('−4.0 pp');
    expect(formatDelta(0)).toBe('±0.0 pp');
  });
});
