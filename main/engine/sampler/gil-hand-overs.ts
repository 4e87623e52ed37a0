import type { Tid } from '../model.ts';

/**
 * Who took the GIL, tick by tick, so that a thread found waiting for it can be proven to have waited since.
 *
 * CPython's `take_gil` (3.9–3.15) adds one to the GIL's `switch_number` and sets `last_holder` whenever the
 * thread taking the GIL is not `last_holder` already; `drop_gil` leaves the count alone. So when the count
 * rose by exactly one between two ticks, the one thread that took the GIL from another in between is the
 * `last_holder` seen at the second tick. When it rose by more, some takers went unseen.
 *
 * A thread W read at count S while another thread was `last_holder` cannot have held the GIL since if every
 * hand-over after S was seen and none was W's: W's first take would have counted (W was not `last_holder`)
 * and been seen. W's still being where it was read costs no /proc read and no stack walk.
 */
export class GilHandOvers {
  /** Counts as this class keeps them: the GIL's, plus an offset that keeps them rising if the GIL's ever goes back. */
  private lastCount: number | null = null;
  private lastRaw = 0;
  private offset = 0;
  private lastHolder: Tid | null = null;
  /** Hand-overs up to this count were not seen one at a time: their takers are unknown. */
  private unseenUpTo = Infinity;
  /** The count at which each thread last took the GIL, of the hand-overs seen one at a time. */
  private readonly takenAt = new Map<Tid, number>();

  /** One tick's reading: `switch_number`, and the TID of `last_holder` (null when it is not a known thread). */
  observe(raw: number, holder: Tid | null): void {
    const previous = this.lastCount;
    if (raw < this.lastRaw) this.offset = (previous ?? this.lastRaw + this.offset) + 2 - raw;
    this.lastRaw = raw;
    const count = raw + this.offset;
    if (previous === null || count - previous > 1) this.unseenUpTo = count;
    else if (count === previous + 1) {
      if (holder === null) this.unseenUpTo = count;
      else this.takenAt.set(holder, count);
    }
    this.lastCount = count;
    this.lastHolder = holder;
  }

  /** The GIL could not be read this tick: the hand-overs until the next reading go unseen. */
  lost(): void {
    this.lastCount = null;
    this.lastHolder = null;
  }

  /**
   * The count to remember with a thread read now, for `untakenSince` later; null when that thread is
   * `last_holder` now (it could take the GIL back without the count moving) or nothing was read this tick.
   */
  countForRead(tid: Tid): number | null {
    if (this.lastCount === null || this.lastHolder === null || this.lastHolder === tid) return null;
    return this.lastCount;
  }

  /** True when thread `tid`, read at count `since` (from countForRead), has surely not taken the GIL since. */
  untakenSince(tid: Tid, since: number): boolean {
    if (this.lastCount === null || since < this.unseenUpTo || this.lastHolder === tid) return false;
    return (this.takenAt.get(tid) ?? -1) <= since;
  }
}
