import { describe, expect, it } from 'vitest';
import { STATE_ORDER, THREAD_STATE_STYLE, stateColor } from '../../main/shared/thread-state-style.ts';
import { bandSegmentsByState, stackSegments } from '../../main/shared/timeline-geometry.ts';
import { THREAD_STATES } from '../../main/shared/vocabulary.ts';

describe('thread states', () => {
  it('has a distinct colour and label for every state, in stored-code order', () => {
    expect(STATE_ORDER).toEqual(THREAD_STATES);
    expect(new Set(STATE_ORDER.map(stateColor)).size).toBe(STATE_ORDER.length);
    expect(new Set(STATE_ORDER.map((s) => THREAD_STATE_STYLE[s].label)).size).toBe(STATE_ORDER.length);
  });

  it('stacks fractions bottom-up and drops sub-pixel segments', () => {
    const shares = { running: 0.5, runnable: 0, gilWait: 0.25, lockWait: 0.001, idle: 0.25, unclassifiedWait: 0 };
    const segments = stackSegments((state) => shares[state], 20);
    expect(segments).toEqual([
      { state: 'running', y: 10, h: 10 },
      { state: 'gilWait', y: 5, h: 5 },
      { state: 'idle', y: 20 - 10 - 5 - 0.02 - 5, h: 5 },
    ]);
  });

  it('groups a band of bins by state, each segment keeping its bin', () => {
    const states = {
      running: [1, 0.5],
      runnable: [0, 0],
      gilWait: [0, 0.5],
      lockWait: [0, 0],
      idle: [0, 0],
      unclassifiedWait: [0, 0],
    };
    const bands = bandSegmentsByState(states, 0, 1, 10);
    expect(bands.running).toEqual([
      { state: 'running', bin: 0, y: 0, h: 10 },
      { state: 'running', bin: 1, y: 5, h: 5 },
    ]);
    expect(bands.gilWait).toEqual([{ state: 'gilWait', bin: 1, y: 0, h: 5 }]);
    expect(bands.idle).toEqual([]);
  });
});
