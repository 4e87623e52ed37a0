// Reading a stack in fewer syscalls. A walk's reads depend on each other (the thread state names the frame
// slot and the chunk, the chunk names the frames outside it), but from one walk of a thread to the next the
// addresses rarely change. So, when the native reader is built, a walk first reads in one call what the
// last walk of that thread read (the thread state, the frame slot, the live chunk with some room to grow,
// the frames it had to read one by one) and then uses each region only if the thread state it just read
// still points there; anything else is read as before. docs/unwinder.md §2 and docs/profiler-cost.md §7.
import type { Address } from '../model.ts';
import { RegionBatch } from '../proc/process-memory.ts';
import { MAX_DIRECT_FRAMES } from './frame-memory.ts';
import type { FrameMemory } from './frame-memory.ts';

/** What one walk of a thread read, by address: the next walk reads it ahead. */
export interface WalkGuess {
  /** Where the innermost frame pointer lives (3.11–3.12: `cframe->current_frame`; 0: in the thread state). */
  slot: Address;
  /** The live data-stack chunk and how many of its bytes to read (0: none). */
  chunk: Address;
  chunkBytes: number;
  /** Frames read one by one (entry frames on the C stack, generator frames, 3.10 frame objects). */
  frames: Address[];
}

/** The regions of one read-ahead, as indexes into the batch (-1: not read). */
export interface ReadAhead {
  batch: RegionBatch;
  guess: WalkGuess;
  tstate: number;
  slot: number;
  chunk: number;
  /** Index of the first frame region; frame k is `firstFrame + k`. */
  firstFrame: number;
  /**
   * The frame-pointer slot read once more, last: the call copies regions in order, so when the walk needed
   * no other read, comparing it with the top the walk started from is the top re-check, without a read.
   */
  slotAgain: number;
  slotAgainAddress: Address;
}

/** Room left above the last walk's top of chunk, for a stack a few frames deeper than last time. */
const CHUNK_SLACK_BYTES = 2048;
/** Threads remembered at most; a target that makes threads forever clears the map when it is full. */
const MAX_GUESSES = 4096;
const ARENA_BYTES = 64 * 1024;

/** Read-ahead state of one target (only when the reader can read several regions at once). */
export interface AheadState {
  /** For one walk at a time. */
  batch: RegionBatch;
  /** For every walk of a tick at once (readAheadMany); its read-aheads wait in `pending` until walked. */
  tickBatch: RegionBatch;
  pending: Map<Address, ReadAhead>;
  guesses: Map<Address, WalkGuess>;
}

export function createAheadState(): AheadState {
  return {
    batch: new RegionBatch(ARENA_BYTES),
    tickBatch: new RegionBatch(ARENA_BYTES),
    pending: new Map(),
    guesses: new Map(),
  };
}

/** Where the thread's regions go: sizes of a thread state and a frame, and where the frame pointer is. */
export interface AheadShape {
  tstateSpan: number;
  frameSpan: number;
  /** Offset of the innermost frame pointer in the thread state (3.11, 3.13+), or null (3.12's cframe). */
  slotInThreadState: number | null;
}

const NO_GUESS: WalkGuess = { slot: 0, chunk: 0, chunkBytes: 0, frames: [] };

function bytesFor(guess: WalkGuess, shape: AheadShape): number {
  return (
    shape.tstateSpan + 16 + guess.chunkBytes + guess.frames.length * shape.frameSpan + 8 * (guess.frames.length + 4)
  );
}

function ensureArena(batch: RegionBatch, bytes: number): void {
  if (bytes > batch.arena.length) batch.arena = Buffer.alloc(Math.max(bytes, 2 * batch.arena.length));
}

/** Queues one thread's regions; null when the batch has no room for all of them. */
function queueThread(batch: RegionBatch, tstate: Address, guess: WalkGuess, shape: AheadShape): ReadAhead | null {
  if (batch.regionsLeft < guess.frames.length + 4) return null;
  const ahead: ReadAhead = {
    batch,
    guess,
    tstate: batch.add(tstate, shape.tstateSpan),
    slot: guess.slot === 0 ? -1 : batch.add(guess.slot, 8),
    chunk: guess.chunkBytes === 0 ? -1 : batch.add(guess.chunk, guess.chunkBytes),
    firstFrame: batch.count,
    slotAgain: -1,
    slotAgainAddress: shape.slotInThreadState === null ? guess.slot : tstate + shape.slotInThreadState,
  };
  for (const frame of guess.frames) batch.add(frame, shape.frameSpan);
  if (ahead.slotAgainAddress !== 0) ahead.slotAgain = batch.add(ahead.slotAgainAddress, 8);
  return ahead;
}

/**
 * Reads ahead for the thread state at `tstate`. A read-ahead waiting from readAheadMany is used first.
 * Null when there is no guess yet or the thread state itself could not be read this way (then the walk
 * reads it as usual and reports the error).
 */
export function readAhead(
  state: AheadState,
  readRegions: (batch: RegionBatch) => number,
  tstate: Address,
  shape: AheadShape,
): ReadAhead | null {
  const waiting = state.pending.get(tstate);
  if (waiting !== undefined) {
    state.pending.delete(tstate);
    if (waiting.batch.ok(waiting.tstate)) return waiting;
  }
  const guess = state.guesses.get(tstate);
  if (guess === undefined) return null;
  const batch = state.batch;
  ensureArena(batch, bytesFor(guess, shape));
  batch.reset();
  const ahead = queueThread(batch, tstate, guess, shape);
  if (ahead === null) return null;
  readRegions(batch);
  return batch.ok(ahead.tstate) ? ahead : null;
}

/**
 * Reads ahead for every thread state in `tstates` with one call (threads walked before with their guess,
 * new ones just their thread state); each one's next walk starts from it. Call forgetReadAheads when the
 * walks are done, so no later walk starts from these bytes.
 */
export function readAheadMany(
  state: AheadState,
  readRegions: (batch: RegionBatch) => number,
  tstates: readonly Address[],
  shape: AheadShape,
): void {
  state.pending.clear();
  const batch = state.tickBatch;
  let bytes = 0;
  for (const tstate of tstates) bytes += bytesFor(state.guesses.get(tstate) ?? NO_GUESS, shape);
  ensureArena(batch, bytes);
  batch.reset();
  for (const tstate of tstates) {
    const ahead = queueThread(batch, tstate, state.guesses.get(tstate) ?? NO_GUESS, shape);
    if (ahead !== null) state.pending.set(tstate, ahead);
  }
  if (batch.count > 0) readRegions(batch);
}

/** Drops read-aheads not walked (their bytes are from this tick only). */
export function forgetReadAheads(state: AheadState): void {
  state.pending.clear();
}

/**
 * The guess for the next walk of `tstate`, from what this walk found. Updated in place: call it once the
 * walk no longer needs its read-ahead's guess (the same object).
 */
export function rememberWalk(
  state: AheadState,
  tstate: Address,
  slot: Address,
  chunk: Address,
  chunkTop: Address,
  chunkSize: number,
  fm: FrameMemory,
): void {
  let guess = state.guesses.get(tstate);
  if (guess === undefined) {
    if (state.guesses.size >= MAX_GUESSES) state.guesses.clear();
    guess = { slot: 0, chunk: 0, chunkBytes: 0, frames: [] };
    state.guesses.set(tstate, guess);
  }
  guess.slot = slot;
  const used = chunkTop - chunk;
  const plausible = chunk !== 0 && used > 0 && chunkSize >= used;
  guess.chunk = plausible ? chunk : 0;
  guess.chunkBytes = plausible ? Math.min(chunkSize, used + CHUNK_SLACK_BYTES) : 0;
  guess.frames.length = 0;
  for (let i = 0; i < fm.directAddresses.length && i < MAX_DIRECT_FRAMES; i++)
    guess.frames.push(fm.directAddresses[i]!);
}
