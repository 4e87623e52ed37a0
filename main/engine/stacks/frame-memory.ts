// Frame bytes for one stack walk: from local copies of the thread's data-stack chunks (3.11+: one read
// copies every frame of the live chunk, docs/unwinder.md §2), from frames read ahead at the addresses the
// last walk read directly (walk-prefetch.ts), else one read per frame (3.10 frame objects,
// generator/coroutine frames, C-stack entry frames). Buffers are pooled across walks.
import type { Address } from '../model.ts';
import { readPointer } from '../proc/process-memory.ts';
import type { MemoryReader } from '../proc/process-memory.ts';

/** Largest chunk copied in one read (CPython's chunks start at 16 KiB and double for huge frames). */
const MAX_CHUNK_COPY = 1 << 20;
/** Older chunks loaded at most per walk. */
const MAX_OLDER_CHUNKS = 16;
const CHUNK_HEADER = 24; // previous, size, top (in words, saved when a newer chunk is pushed)

interface Span {
  start: Address;
  end: Address;
  buf: Buffer;
  /** Where `start` lies in `buf`. */
  base: number;
}

/** Frames read directly in one walk, remembered at most (the next walk reads them ahead). */
export const MAX_DIRECT_FRAMES = 64;

/** The state of one walk's frame reads; create once per cache and `reset` per walk. */
export interface FrameMemory {
  mem: MemoryReader;
  spans: Span[];
  pool: Buffer[];
  /** Next older chunk not yet copied (0: none), and how many were loaded. */
  olderChunk: Address;
  /** Bytes in use of `olderChunk` once its header was read (0: not read yet). */
  olderUsed: number;
  olderLoaded: number;
  header: Buffer;
  direct: Buffer;
  /** Frames read ahead: addresses, and where each lies in `aheadBuf` (cursor: where the next is likely). */
  aheadAddresses: Address[];
  aheadOffsets: number[];
  aheadBuf: Buffer;
  aheadCursor: number;
  /** Addresses of the frames this walk had to read directly (up to MAX_DIRECT_FRAMES). */
  directAddresses: Address[];
  /** Set by frameAt: the buffer and offset holding the frame. */
  buf: Buffer;
  offset: number;
  /** Syscalls made through this FrameMemory (for the benchmark). */
  reads: number;
}

/** A FrameMemory reading through `mem`, able to hand out frames of `frameSpan` bytes. */
export function createFrameMemory(mem: MemoryReader, frameSpan: number): FrameMemory {
  const direct = Buffer.alloc(frameSpan);
  return {
    mem,
    spans: [],
    pool: [],
    olderChunk: 0,
    olderUsed: 0,
    olderLoaded: 0,
    header: Buffer.alloc(CHUNK_HEADER),
    aheadAddresses: [],
    aheadOffsets: [],
    aheadBuf: direct,
    aheadCursor: 0,
    directAddresses: [],
    direct,
    buf: direct,
    offset: 0,
    reads: 0,
  };
}

/** Forgets the copies of the previous walk. */
export function resetFrameMemory(fm: FrameMemory): void {
  fm.spans.length = 0;
  fm.olderChunk = 0;
  fm.olderUsed = 0;
  fm.olderLoaded = 0;
  fm.aheadAddresses.length = 0;
  fm.aheadOffsets.length = 0;
  fm.aheadCursor = 0;
  fm.directAddresses.length = 0;
}

/** Makes frame bytes read ahead available to this walk: `address` lies at `offset` in `buf`. */
export function addFrameReadAhead(fm: FrameMemory, buf: Buffer, address: Address, offset: number): void {
  fm.aheadBuf = buf;
  fm.aheadAddresses.push(address);
  fm.aheadOffsets.push(offset);
}

function pooled(fm: FrameMemory, index: number, length: number): Buffer {
  let buf = fm.pool[index];
  if (!buf || buf.length < length) {
    buf = Buffer.alloc(Math.max(length, 16 * 1024));
    fm.pool[index] = buf;
  }
  return buf;
}

function copyRange(fm: FrameMemory, start: Address, length: number): boolean {
  if (length < CHUNK_HEADER || length > MAX_CHUNK_COPY || fm.spans.length >= MAX_OLDER_CHUNKS + 1) return false;
  const buf = pooled(fm, fm.spans.length, length);
  fm.reads++;
  fm.mem.readInto(start, buf, length);
  fm.spans.push({ start, end: start + length, buf, base: 0 });
  return true;
}

/** The live chunk's size field is plausible for `[chunk, top)`; then older chunks are followed from it. */
function acceptLiveChunk(fm: FrameMemory, chunk: Address, top: Address): boolean {
  const span = fm.spans[fm.spans.length - 1]!;
  const size = readPointer(span.buf, span.base + 8);
  if (top - chunk > size) {
    fm.spans.pop();
    return false;
  }
  fm.olderChunk = readPointer(span.buf, span.base);
  fm.olderUsed = 0;
  return true;
}

/**
 * Copies the live chunk `[chunk, top)` (tstate->datastack_chunk / datastack_top) with one read.
 * False when the pointers are implausible (then frames are read one by one). Throws MemoryReadError.
 */
export function copyLiveChunk(fm: FrameMemory, chunk: Address, top: Address): boolean {
  if (chunk === 0 || chunk % 8 !== 0 || top <= chunk) return false;
  if (!copyRange(fm, chunk, top - chunk)) return false;
  return acceptLiveChunk(fm, chunk, top);
}

/**
 * Like copyLiveChunk, with the chunk already read (ahead, with other regions): its bytes from `chunk` on
 * lie at `base` in `buf`. False when the pointers are implausible.
 */
export function adoptLiveChunk(fm: FrameMemory, chunk: Address, top: Address, buf: Buffer, base: number): boolean {
  if (chunk === 0 || chunk % 8 !== 0 || top - chunk < CHUNK_HEADER || top - chunk > MAX_CHUNK_COPY) return false;
  fm.spans.push({ start: chunk, end: top, buf, base });
  return acceptLiveChunk(fm, chunk, top);
}

/** The size field of the live chunk adopted or copied in this walk (0: none). */
export function liveChunkSize(fm: FrameMemory): number {
  const span = fm.spans[0];
  return span ? readPointer(span.buf, span.base + 8) : 0;
}

function findSpan(fm: FrameMemory, address: Address, length: number): boolean {
  for (const span of fm.spans) {
    if (address >= span.start + CHUNK_HEADER && address + length <= span.end) {
      fm.buf = span.buf;
      fm.offset = span.base + address - span.start;
      return true;
    }
  }
  return false;
}

/** Loads the next older chunk if `address` lies inside it (header once, then the used part). Throws MemoryReadError. */
function loadOlderChunk(fm: FrameMemory, address: Address): boolean {
  const chunk = fm.olderChunk;
  if (chunk === 0 || chunk % 8 !== 0 || fm.olderLoaded >= MAX_OLDER_CHUNKS) return false;
  if (fm.olderUsed === 0) {
    fm.reads++;
    fm.mem.readInto(chunk, fm.header);
    const size = readPointer(fm.header, 8);
    const used = CHUNK_HEADER + readPointer(fm.header, 16) * 8;
    if (size > MAX_CHUNK_COPY || used > size) {
      fm.olderChunk = 0;
      return false;
    }
    fm.olderUsed = used;
  }
  if (address < chunk || address >= chunk + fm.olderUsed) return false;
  if (!copyRange(fm, chunk, fm.olderUsed)) return false;
  fm.olderChunk = readPointer(fm.header, 0);
  fm.olderUsed = 0;
  fm.olderLoaded++;
  return true;
}

/**
 * Makes `length` bytes at `address` available in `fm.buf` at `fm.offset`: from a copied chunk, a newly
 * copied older chunk, or one direct read. Throws MemoryReadError when the direct read fails.
 */
export function frameAt(fm: FrameMemory, address: Address, length: number): void {
  if (findSpan(fm, address, length)) return;
  if (fm.olderChunk !== 0 && loadOlderChunk(fm, address) && findSpan(fm, address, length)) return;
  if (fm.directAddresses.length < MAX_DIRECT_FRAMES) fm.directAddresses.push(address);
  if (findAhead(fm, address)) return;
  fm.reads++;
  fm.mem.readInto(address, fm.direct, length);
  fm.buf = fm.direct;
  fm.offset = 0;
}

/** A frame read ahead at `address`; frames come in the last walk's order, so the cursor's is tried first. */
function findAhead(fm: FrameMemory, address: Address): boolean {
  const addresses = fm.aheadAddresses;
  const n = addresses.length;
  for (let k = 0; k < n; k++) {
    const i = (fm.aheadCursor + k) % n;
    if (addresses[i] !== address) continue;
    fm.aheadCursor = i + 1;
    fm.buf = fm.aheadBuf;
    fm.offset = fm.aheadOffsets[i]!;
    return true;
  }
  return false;
}
