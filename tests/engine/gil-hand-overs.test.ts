// The proof behind carrying GIL waiters unread, replayed on the sequences of (switch_number, last_holder)
// that CPython's take_gil can produce. The sampler's use of it is tested on live interpreters in
// ground-truth.test.ts (exact CPU and GIL wait at 1 kHz with waiters carried).
import { describe, expect, it } from 'vitest';
import { GilHandOvers } from '../../main/engine/sampler/gil-hand-overs.ts';

const W = 101; // the waiter
const A = 102;
const B = 103;

function readAt(count: number, holder: number | null): { handOvers: GilHandOvers; since: number } {
  const handOvers = new GilHandOvers();
  handOvers.observe(count, holder);
  const since = handOvers.countForRead(W);
  if (since === null) throw new Error('expected a count');
  return { handOvers, since };
}

describe('GilHandOvers', () => {
  it('a waiter stays untaken while the count stands still or each hand-over went to another thread', () => {
    const { handOvers, since } = readAt(10, A);
    expect(handOvers.untakenSince(W, since)).toBe(true);
    handOvers.observe(11, B);
    expect(handOvers.untakenSince(W, since)).toBe(true);
    handOvers.observe(11, B);
    handOvers.observe(12, A);
    expect(handOvers.untakenSince(W, since)).toBe(true);
  });

  it('a hand-over to the waiter, seen one at a time, ends it even after the GIL moved on', () => {
    const { handOvers, since } = readAt(10, A);
    handOvers.observe(11, W);
    expect(handOvers.untakenSince(W, since)).toBe(false);
    handOvers.observe(12, A);
    expect(handOvers.untakenSince(W, since)).toBe(false);
  });

  it('two hand-overs between ticks hide their takers: the waiter may have been one', () => {
    const { handOvers, since } = readAt(10, A);
    handOvers.observe(12, A); // W took it (11), then A took it back (12)
    expect(handOvers.untakenSince(W, since)).toBe(false);
    const later = handOvers.countForRead(W)!;
    handOvers.observe(13, B);
    expect(handOvers.untakenSince(W, later)).toBe(true);
  });

  it('a thread read while it was the last holder can take the GIL back uncounted: it is never carried', () => {
    const handOvers = new GilHandOvers();
    handOvers.observe(10, W);
    expect(handOvers.countForRead(W)).toBeNull();
    expect(handOvers.untakenSince(W, 10)).toBe(false);
  });

  it('an unknown taker, a lost reading or a count that went back make every earlier read unsure', () => {
    for (const spoil of [
      (h: GilHandOvers) => h.observe(11, null),
      (h: GilHandOvers) => {
        h.lost();
        h.observe(11, B);
      },
      (h: GilHandOvers) => h.observe(3, B),
    ]) {
      const { handOvers, since } = readAt(10, A);
      spoil(handOvers);
      expect(handOvers.untakenSince(W, since)).toBe(false);
    }
  });
});
