import { describe, expect, it } from 'vitest';
import {
  binsForRange,
  binsForWidth,
  clampRange,
  liveWindowNs,
  panBy,
  sameRange,
  tickStepNs,
  wheelZoomFactor,
  zoomAround,
} from '../../renderer/src/logic/zoom-range.ts';

const bounds = { from: 0, to: 1000 };

describe('zoom range', () => {
  it('clamps into bounds, keeping width', () => {
    expect(clampRange({ from: -50, to: 150 }, bounds, 10)).toEqual({ from: 0, to: 200 });
    expect(clampRange({ from: 900, to: 1100 }, bounds, 10)).toEqual({ from: 800, to: 1000 });
    expect(clampRange({ from: -10, to: 2000 }, bounds, 10)).toEqual({ from: 0, to: 1000 });
    expect(clampRange({ from: 500, to: 501 }, bounds, 10)).toEqual({ from: 500, to: 510 });
  });

  it('zooms around the anchor', () => {
    const zoomed = zoomAround(bounds, 0.25, 0.5, bounds, 1);
    expect(zoomed).toEqual({ from: 125, to: 625 });
    // The time under the cursor stays under the cursor.
    expect(zoomed.from + 0.25 * (zoomed.to - zoomed.from)).toBe(250);
    expect(zoomAround(zoomed, 0.25, 2, bounds, 1)).toEqual(bounds);
  });

  it('does not zoom in past the minimum span', () => {
    expect(zoomAround({ from: 100, to: 120 }, 0.5, 0.1, bounds, 10)).toEqual({ from: 105, to: 115 });
  });

  it('pans and stops at the edges', () => {
    expect(panBy({ from: 100, to: 200 }, 0.5, bounds, 1)).toEqual({ from: 150, to: 250 });
    expect(panBy({ from: 100, to: 200 }, -5, bounds, 1)).toEqual({ from: 0, to: 100 });
  });

  it('wheel factors are symmetric', () => {
    expect(wheelZoomFactor(100) * wheelZoomFactor(-100)).toBeCloseTo(1);
    expect(wheelZoomFactor(-100)).toBeLessThan(1);
  });

  it('bins follow the width', () => {
    expect(binsForWidth(800)).toBe(800);
    expect(binsForWidth(800, 2)).toBe(1600);
    expect(binsForWidth(2)).toBe(16);
    expect(sameRange({ from: 0, to: 1000 }, { from: 0, to: 1000 })).toBe(true);
    expect(sameRange({ from: 0, to: 1000 }, { from: 10, to: 1000 })).toBe(false);
  });
});

describe('timeline ticks', () => {
  it('steps are 1/2/5 × 10^k', () => {
    expect(tickStepNs(3600e9, 10)).toBe(500e9);
    expect(tickStepNs(10e9, 10)).toBe(1e9);
    expect(tickStepNs(3e9, 10)).toBe(5e8);
  });
});

describe('bins for a range', () => {
  it('caps bins at 1.5 sampling periods', () => {
    expect(binsForRange(2.5e9, 800, 1, 100)).toBe(166);
    expect(binsForRange(3600e9, 800, 1, 100)).toBe(800);
    expect(binsForRange(2.5e9, 800, 1, null)).toBe(800);
    expect(binsForRange(0.01e9, 800, 1, 100)).toBe(1);
  });
  it('live window grows in 10 s steps up to the max', () => {
    expect([0, 5e9, 9e9, 30e9, 500e9].map((ns) => liveWindowNs(ns, 60e9) / 1e9)).toEqual([10, 10, 20, 40, 60]);
  });
});
