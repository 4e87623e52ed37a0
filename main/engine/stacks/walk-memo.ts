// What the last walk of a thread resolved, frame by frame, for the next walk of it to reuse. A frame is
// resolved (code object looked up, instruction turned into a line, a StackFrame made) from its code
// pointer, globals, instruction word (and 3.14t's bytecode copy index) alone; when the next walk finds the
// same words at the same position, the answer is the same, and the lookup is skipped. A running thread's
// stack mostly changes at its top, so most of a deep stack is reused. The memo is dropped every
// REVALIDATE_MS, so that the code cache still re-checks its entries that often (code-cache.ts).
import type { Address } from '../model.ts';
import { REVALIDATE_MS } from './code-cache.ts';
import type { StackFrame } from './stack-types.ts';

/** A frame the stack does not show: an interpreter shim, or an executable that is not a code object. */
export const SHIM_FRAME = 1;
export const NON_CODE_FRAME = 2;
export type FrameResult = StackFrame | typeof SHIM_FRAME | typeof NON_CODE_FRAME;

/** Words per frame: code pointer, globals, instruction word, 3.14t bytecode-copy index. */
const WORDS = 4;

/**
 * Per thread: for each position in walk order, the words the frame there was last resolved from and the
 * result. Every position below `count` was written since `bornAt`, by whichever walk last missed there; a
 * hit leaves it as it is, so a settled stack costs compares only.
 */
export interface WalkMemo {
  bornAt: number;
  count: number;
  /** The current frame's words, set by the walk before recall/remember (one array, no argument lists). */
  key: Float64Array;
  words: number[];
  result: FrameResult[];
}

/** Threads remembered at most; a target that makes threads forever clears the map when it is full. */
const MAX_MEMOS = 4096;

/** The memo of the thread state at `tstate`, ready for a walk at time `now` (ms). */
export function memoFor(memos: Map<Address, WalkMemo>, tstate: Address, now: number): WalkMemo {
  let memo = memos.get(tstate);
  if (memo === undefined) {
    if (memos.size >= MAX_MEMOS) memos.clear();
    memo = { bornAt: now, count: 0, key: new Float64Array(WORDS), words: [], result: [] };
    memos.set(tstate, memo);
  }
  if (now - memo.bornAt >= REVALIDATE_MS) {
    memo.bornAt = now;
    memo.count = 0;
  }
  return memo;
}

/** The result remembered at position `k` if it was resolved from the words in `memo.key`, else null. */
export function recall(memo: WalkMemo, k: number): FrameResult | null {
  if (k >= memo.count) return null;
  const { key, words } = memo;
  const at = k * WORDS;
  for (let i = 0; i < WORDS; i++) if (words[at + i] !== key[i]) return null;
  return memo.result[k]!;
}

/** Remembers `result` at position `k` for the words in `memo.key` (k is at most `count`); returns it. */
export function remember(memo: WalkMemo, k: number, result: FrameResult): FrameResult {
  const at = k * WORDS;
  for (let i = 0; i < WORDS; i++) memo.words[at + i] = memo.key[i]!;
  memo.result[k] = result;
  if (k >= memo.count) memo.count = k + 1;
  return result;
}
