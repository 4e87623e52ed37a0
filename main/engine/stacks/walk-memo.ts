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

/** One walk's frames in walk order: the words each was resolved from, and the result. */
interface MemoFrames {
  bornAt: number;
  count: number;
  code: number[];
  globals: number[];
  instr: number[];
  tlbc: number[];
  result: FrameResult[];
}

/** The last walk's frames and the ones being written by this walk (swapped when it ends). */
export interface WalkMemo {
  last: MemoFrames;
  next: MemoFrames;
}

/** Threads remembered at most; a target that makes threads forever clears the map when it is full. */
const MAX_MEMOS = 4096;

function emptyFrames(): MemoFrames {
  return { bornAt: 0, count: 0, code: [], globals: [], instr: [], tlbc: [], result: [] };
}

/** The memo of the thread state at `tstate`, ready for a walk at time `now` (ms). */
export function memoFor(memos: Map<Address, WalkMemo>, tstate: Address, now: number): WalkMemo {
  let memo = memos.get(tstate);
  if (memo === undefined) {
    if (memos.size >= MAX_MEMOS) memos.clear();
    memo = { last: emptyFrames(), next: emptyFrames() };
    memos.set(tstate, memo);
  }
  if (now - memo.last.bornAt >= REVALIDATE_MS) {
    memo.last.count = 0;
    memo.next.bornAt = now;
  } else memo.next.bornAt = memo.last.bornAt;
  memo.next.count = 0;
  return memo;
}

/** The result the last walk found for frame `k` if it was resolved from the same words, else null. */
export function recall(
  memo: WalkMemo,
  k: number,
  code: number,
  globals: number,
  instr: number,
  tlbc: number,
): FrameResult | null {
  const last = memo.last;
  if (
    k >= last.count ||
    last.code[k] !== code ||
    last.instr[k] !== instr ||
    last.globals[k] !== globals ||
    last.tlbc[k] !== tlbc
  )
    return null;
  return last.result[k]!;
}

/** Records frame `k` of this walk (frames are recorded in walk order). */
export function record(
  memo: WalkMemo,
  k: number,
  code: number,
  globals: number,
  instr: number,
  tlbc: number,
  result: FrameResult,
): void {
  const next = memo.next;
  next.code[k] = code;
  next.globals[k] = globals;
  next.instr[k] = instr;
  next.tlbc[k] = tlbc;
  next.result[k] = result;
  next.count = k + 1;
}

/** The walk ended: its frames become the ones the next walk recalls. */
export function finishWalk(memo: WalkMemo): void {
  const last = memo.last;
  memo.last = memo.next;
  memo.next = last;
}
