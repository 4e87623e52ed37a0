// One pass over one thread's frames, innermost first: 3.10 PyFrameObject `f_back` chains and 3.11+
// `_PyInterpreterFrame.previous` chains (frames from the copied data stack where possible). Skips shim and
// trampoline frames and non-code executables; validates owner, pointers and instruction ranges; detects
// cycles; reports whether the top frame moved meanwhile. Throws only MemoryReadError (the caller decides).
import type { Address } from '../model.ts';
import { readPointer } from '../proc/process-memory.ts';
import { lookupCode, tlbcBase } from './code-cache.ts';
import type { CodeEntry } from './code-cache.ts';
import {
  addFrameReadAhead,
  adoptLiveChunk,
  copyLiveChunk,
  frameAt,
  liveChunkSize,
  resetFrameMemory,
} from './frame-memory.ts';
import type { FrameMemory } from './frame-memory.ts';
import { lineInRanges } from './line-table.ts';
import type { StackCache } from './stack-cache.ts';
import type { DropReason, StackFrame } from './stack-types.ts';
import { memoFor, NON_CODE_FRAME, recall, remember, SHIM_FRAME } from './walk-memo.ts';
import type { FrameResult } from './walk-memo.ts';
import { readAhead, rememberWalk } from './walk-prefetch.ts';
import type { ReadAhead } from './walk-prefetch.ts';

/** Outcome of one pass: a stack, a reason to give up, or "try again" (top moved, a frame looked torn). */
export type WalkOutcome =
  | { kind: 'ok'; frames: StackFrame[]; truncated: boolean }
  | { kind: 'dropped'; reason: DropReason }
  | { kind: 'retry'; reason: DropReason };

/** What the walk needs besides the cache. */
export interface WalkParams {
  maxDepth: number;
  copyDataStack: boolean;
  verifyTop: boolean;
}

const UNREADABLE: WalkOutcome = { kind: 'retry', reason: 'unreadable' };

/** `& 7` keeps the low bits of any integer below 2^53; `% 8` on a pointer above 2^31 is a slow float modulo. */
function plausibleAddress(address: number): boolean {
  return address >= 0x1000 && address < 2 ** 47 && (address & 7) === 0;
}

/** 3.14 `_PyStackRef`: low two bits are tags; `11` is a tagged int (not an object). */
function untag(minor: number, bits: number): Address {
  if (minor < 14) return bits;
  const low = bits & 3;
  return low === 3 ? 0 : bits - low;
}

/** The code-unit index of the frame's current instruction, or null when it is out of range. */
function instructionIndex(cache: StackCache, buf: Buffer, at: number, code: Address, entry: CodeEntry): number | null {
  const f = cache.layout.frame;
  if (f.instrKind === 'f_lasti') return buf.readInt32LE(at + f.instr);
  const instr = readPointer(buf, at + f.instr);
  let base = code + (cache.layout.code.codeAdaptive ?? 0);
  if (f.tlbcIndex !== null && cache.layout.freeThreaded && cache.layout.code.coTlbc !== null) {
    const index = buf.readInt32LE(at + f.tlbcIndex);
    if (index !== 0) {
      const tlbc = tlbcBase(cache.bound!.codes, entry, index);
      if (tlbc === null) return null;
      base = tlbc;
    }
  }
  const delta = instr - base;
  // prev_instr starts one unit before the first instruction (index -1: the frame was just pushed).
  if (delta < -2 || delta % 2 !== 0) return null;
  return delta / 2;
}

function lineOf(entry: CodeEntry, index: number | null): number | null {
  if (index === null || index >= entry.codeUnits) return null;
  if (index < 0) return entry.firstLineNo;
  return lineInRanges(entry.ranges, index);
}

/** What the frame at `at` in `buf` shows: its function, file and line, or that it is not shown. */
function resolveFrame(cache: StackCache, buf: Buffer, at: number, code: Address, globals: Address): FrameResult {
  const entry = code === 0 ? null : lookupCode(cache.bound!.codes, code, globals);
  if (!entry) return NON_CODE_FRAME;
  if (entry.shim) return SHIM_FRAME;
  return {
    function: entry.function,
    file: entry.file,
    line: lineOf(entry, instructionIndex(cache, buf, at, code, entry)),
  };
}

/**
 * The innermost frame pointer, from the thread state in `b.tstate`; `slot` gets where it lives (for the
 * re-check). The slot's word comes from the read-ahead when it read the same slot, else from one read.
 */
function topOf(cache: StackCache, slot: { at: Address }, tstate: Address, ahead: ReadAhead | null): Address | 'bad' {
  const b = cache.bound!;
  const t = cache.layout.tstate;
  if (readPointer(b.tstate, t.interp) !== cache.mainInterpreter) return 'bad';
  if (t.frame.kind === 'direct') {
    slot.at = tstate + t.frame.offset;
    return readPointer(b.tstate, t.frame.offset);
  }
  const cframe = readPointer(b.tstate, t.frame.cframe);
  if (cframe === 0) return 0;
  if (!plausibleAddress(cframe)) return 'bad';
  slot.at = cframe + t.frame.currentFrame;
  if (ahead !== null && ahead.guess.slot === slot.at && ahead.batch.ok(ahead.slot))
    return readPointer(ahead.batch.arena, ahead.batch.offsetOf(ahead.slot));
  b.frames.reads++;
  b.mem.readInto(slot.at, b.word);
  return readPointer(b.word, 0);
}

/** Reads the thread state into `b.tstate`: from the read-ahead (one call for the walk's likely reads) or alone. */
function readThreadState(cache: StackCache, tstate: Address): ReadAhead | null {
  const b = cache.bound!;
  b.frames.reads++;
  if (b.ahead !== null && b.mem.readRegions) {
    const ahead = readAhead(b.ahead, b.mem.readRegions, tstate, cache.aheadShape);
    if (ahead !== null) {
      const at = ahead.batch.offsetOf(ahead.tstate);
      ahead.batch.arena.copy(b.tstate, 0, at, at + cache.tstateSpan);
      return ahead;
    }
  }
  b.mem.readInto(tstate, b.tstate);
  return null;
}

/** The live chunk from the read-ahead when it read enough of the same chunk, else copied with one read. */
function loadLiveChunk(fm: FrameMemory, chunk: Address, top: Address, ahead: ReadAhead | null): void {
  if (ahead !== null && ahead.guess.chunk === chunk && top - chunk <= ahead.guess.chunkBytes) {
    const batch = ahead.batch;
    if (batch.ok(ahead.chunk) && adoptLiveChunk(fm, chunk, top, batch.arena, batch.offsetOf(ahead.chunk))) return;
  }
  copyLiveChunk(fm, chunk, top);
}

/** Frames the read-ahead got (the last walk's one-by-one reads) become available to this walk. */
function offerFramesReadAhead(fm: FrameMemory, ahead: ReadAhead): void {
  const { batch, guess } = ahead;
  for (let k = 0; k < guess.frames.length; k++) {
    const i = ahead.firstFrame + k;
    if (batch.ok(i)) addFrameReadAhead(fm, batch.arena, guess.frames[k]!, batch.offsetOf(i));
  }
}

/**
 * The top re-check: whether the innermost frame pointer is no longer `top`. When every frame came from the
 * read-ahead (`onlyAhead`), the slot it read last answers; otherwise the slot is read again now.
 */
function topMoved(
  b: NonNullable<StackCache['bound']>,
  slotAt: Address,
  top: Address,
  ahead: ReadAhead | null,
  onlyAhead: boolean,
): boolean {
  if (onlyAhead && ahead !== null && ahead.slotAgainAddress === slotAt && ahead.batch.ok(ahead.slotAgain))
    return readPointer(ahead.batch.arena, ahead.batch.offsetOf(ahead.slotAgain)) !== top;
  b.frames.reads++;
  b.mem.readInto(slotAt, b.word);
  return readPointer(b.word, 0) !== top;
}

/** Walks the frames of the thread whose PyThreadState is at `tstate`. Throws MemoryReadError. */
export function walkStack(cache: StackCache, tstate: Address, params: WalkParams): WalkOutcome {
  const b = cache.bound!;
  const { layout, stats } = cache;
  const f = layout.frame;
  const slot = { at: 0 };
  const ahead = readThreadState(cache, tstate);
  const readsAfterBatch = b.frames.reads;
  const top = topOf(cache, slot, tstate, ahead);
  if (top === 'bad') return UNREADABLE;
  if (top === 0) return { kind: 'ok', frames: [], truncated: false };
  const fm = b.frames;
  resetFrameMemory(fm);
  if (ahead !== null) offerFramesReadAhead(fm, ahead);
  const dsc = layout.tstate.datastackChunk;
  const chunk = dsc === null ? 0 : readPointer(b.tstate, dsc);
  const chunkTop = dsc === null ? 0 : readPointer(b.tstate, dsc + 8);
  if (params.copyDataStack && dsc !== null) loadLiveChunk(fm, chunk, chunkTop, ahead);
  b.codes.now = performance.now();

  const frames: StackFrame[] = [];
  const maxOwner = layout.minor >= 14 ? 4 : layout.minor >= 12 ? 3 : 2;
  const visitLimit = params.maxDepth * 2 + 64;
  let truncated = false;
  let visited = 0;
  // Cycle detection without a set of every address (Brent): compare each frame with a checkpoint frame
  // that moves to the current one after 1, 2, 4, … steps; a loop of any length meets it within twice its
  // length plus the frames before it.
  let checkpoint = 0;
  let sinceCheckpoint = 0;
  let checkpointPower = 1;
  const memo = memoFor(b.memos, tstate, b.codes.now);
  let resolved = 0;
  for (let frame = top; frame !== 0;) {
    if (frames.length >= params.maxDepth) {
      truncated = true;
      break;
    }
    if (!plausibleAddress(frame) || visited++ >= visitLimit) return UNREADABLE;
    if (frame === checkpoint) return { kind: 'retry', reason: 'cycle' };
    if (++sinceCheckpoint === checkpointPower) {
      checkpoint = frame;
      checkpointPower *= 2;
      sinceCheckpoint = 0;
    }
    frameAt(fm, frame, cache.frameSpan);
    const buf = fm.buf;
    const at = fm.offset;
    const previous = readPointer(buf, at + f.previous);
    const owner = f.owner === null ? 0 : buf.readUInt8(at + f.owner);
    if (owner > maxOwner) return UNREADABLE;
    frame = previous;
    if (layout.minor >= 12 && owner >= 3) {
      stats.shimFrames++;
      continue;
    }
    const key = memo.key;
    key[0] = readPointer(buf, at + f.code);
    key[1] = readPointer(buf, at + f.globals);
    key[2] = readPointer(buf, at + f.instr);
    key[3] = f.tlbcIndex === null ? 0 : buf.readInt32LE(at + f.tlbcIndex);
    const k = resolved++;
    const result =
      recall(memo, k) ?? remember(memo, k, resolveFrame(cache, buf, at, untag(layout.minor, key[0]), key[1]));
    if (result === SHIM_FRAME) stats.shimFrames++;
    else if (result === NON_CODE_FRAME) stats.nonCodeFrames++;
    else frames.push(result);
  }
  if (b.ahead !== null && params.copyDataStack)
    rememberWalk(
      b.ahead,
      tstate,
      layout.tstate.frame.kind === 'direct' ? 0 : slot.at,
      chunk,
      chunkTop,
      liveChunkSize(fm),
      fm,
    );
  if (params.verifyTop && topMoved(b, slot.at, top, ahead, fm.reads === readsAfterBatch))
    return { kind: 'retry', reason: 'torn' };
  return { kind: 'ok', frames, truncated };
}
