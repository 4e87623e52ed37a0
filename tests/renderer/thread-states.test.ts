import { describe, expect, it } from 'vitest';
import { stackSegments, stateColors, stateOrder } from '../../renderer/src/logic/thread-states.ts';

describe('thread states', () => {
  it('has a distinct colour for every state', () => {
    expect(new Set(stateOrder.map((s) => stateColors[s])).size).toBe(stateOrder.length);
  });

  it('stacks fractions bottom-up and drops sub-pixel segments', () => {
    const segments = stackSegments(
      { running: 0.5, runnable: 0, gilWait: 0.25, lockWait: 0.001, idle: 0.25, unclassifiedWait: 0 },
      20,
    );
    expect(segments).toEqual(
      [
        { state: 'running', y: 10, h: 10 },
        { state: 'gilWait', y: 5, h: 5 },
        { state: 'idle', y: 0, h: 5 },
      ].map((s) => (s.state === 'idle' ? { ...s, y: 20 - 10 - 5 - 0.02 - 5 } : s)),
    );
  });
});
