import { describe, expect, it } from 'vitest';
import { createRingBuffer } from '../../renderer/src/logic/ring-buffer.ts';

describe('ring buffer', () => {
  it('keeps the last items, oldest first', () => {
    const ring = createRingBuffer<number>(3);
    expect(ring.last()).toBeUndefined();
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.at(0)).toBe(3);
    expect(ring.at(3)).toBeUndefined();
    expect(ring.last()).toBe(5);
    ring.clear();
    expect(ring.toArray()).toEqual([]);
    ring.push(9);
    expect(ring.toArray()).toEqual([9]);
  });

  it('rejects a bad capacity', () => {
    expect(() => createRingBuffer(0)).toThrow(/positive integer, got 0/);
  });
});
