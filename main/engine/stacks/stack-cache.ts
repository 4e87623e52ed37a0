// Everything the unwinder keeps between samples of one target: the code-object cache, pooled buffers,
// PyCode_Type and the run's counters. Bound to a MemoryReader on first use (and rebound if it changes).
import type { Address } from '../model.ts';
import type { MemoryReader } from '../proc/process-memory.ts';
import { createObjectReader, objectLayoutFor } from '../python/py-objects.ts';
import type { ObjectLayout } from '../python/py-objects.ts';
import { pythonBuildOf } from '../python/python-process.ts';
import type { PythonLayout, PythonProcessInfo, ThreadStateEntry } from '../python/python-process.ts';
import { createCodeCache } from './code-cache.ts';
import type { CodeCache } from './code-cache.ts';
import { findCodeTypeAddress } from './code-type.ts';
import { createFrameMemory } from './frame-memory.ts';
import type { FrameMemory } from './frame-memory.ts';
import { emptyUnwindStats } from './stack-types.ts';
import { createAheadState } from './walk-prefetch.ts';
import type { AheadShape, AheadState } from './walk-prefetch.ts';
import type { WalkMemo } from './walk-memo.ts';
import type { UnwindStats } from './stack-types.ts';

/** Per-target unwinder state; create with createStackCache and pass to every readThreadStack(s) call. */
export interface StackCache {
  pid: number;
  layout: PythonLayout;
  objects: ObjectLayout;
  mainInterpreter: Address;
  stats: UnwindStats;
  /** Null until the first read binds the cache to a MemoryReader. */
  bound: {
    mem: MemoryReader;
    codes: CodeCache;
    frames: FrameMemory;
    tstate: Buffer;
    word: Buffer;
    /** Null when `mem` cannot read several regions in one call (no native reader). */
    ahead: AheadState | null;
    /** Per thread state: what its last walk resolved, frame by frame (walk-memo.ts). */
    memos: Map<Address, WalkMemo>;
  } | null;
  codeType: Address | null;
  /** Bytes of a frame read per frame (every field the walk needs), and of a thread state. */
  frameSpan: number;
  tstateSpan: number;
  /** The same spans, and where the frame pointer is, for reading ahead (walk-prefetch.ts). */
  aheadShape: AheadShape;
  /** readThreadStacks' last listing of the thread states, read ahead by the next one. */
  lastListing: ThreadStateEntry[];
}

/** Thrown by createStackCache for a process without a frame layout (≤ 3.9) or object layout. */
export class UnsupportedStacksError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedStacksError';
  }
}

function spans(layout: PythonLayout): { frameSpan: number; tstateSpan: number; aheadShape: AheadShape } {
  const f = layout.frame;
  const frameSpan = Math.max(f.code, f.previous, f.globals, f.instr, f.owner ?? 0, f.tlbcIndex ?? 0) + 8;
  const t = layout.tstate;
  const access = t.frame.kind === 'direct' ? t.frame.offset : t.frame.cframe;
  const tstateSpan = Math.max(t.interp, access, t.datastackChunk === null ? 0 : t.datastackChunk + 8) + 8;
  const slotInThreadState = t.frame.kind === 'direct' ? t.frame.offset : null;
  return { frameSpan, tstateSpan, aheadShape: { frameSpan, tstateSpan, slotInThreadState } };
}

/** A new cache for the process `info` describes. Throws UnsupportedStacksError (≤ 3.9, unknown layout). */
export function createStackCache(info: PythonProcessInfo): StackCache {
  const { layout, mainInterpreter } = info;
  if (!layout || !mainInterpreter)
    throw new UnsupportedStacksError(`no frame layout for CPython ${info.version.major}.${info.version.minor}`);
  const objects = objectLayoutFor(pythonBuildOf(info));
  if (!objects)
    throw new UnsupportedStacksError(`no object layout for CPython ${info.version.major}.${info.version.minor}`);
  return {
    pid: info.pid,
    layout,
    objects,
    mainInterpreter,
    stats: emptyUnwindStats(),
    bound: null,
    lastListing: [],
    codeType: findCodeTypeAddress(info.pid, info.runtime.binaryPath, info.runtime.address),
    ...spans(layout),
  };
}

/** The cache's per-reader parts for `mem`, created on first use. */
export function bindStackCache(
  cache: StackCache,
  mem: MemoryReader,
  maxStringChars: number,
): NonNullable<StackCache['bound']> {
  const bound = cache.bound;
  if (bound && bound.mem === mem) {
    bound.codes.maxStringChars = maxStringChars;
    return bound;
  }
  const codes =
    bound?.codes ?? createCodeCache(mem, cache.layout, cache.objects, cache.codeType, cache.stats, maxStringChars);
  codes.mem = mem;
  codes.reader = createObjectReader(mem, cache.objects);
  codes.maxStringChars = maxStringChars;
  cache.bound = {
    mem,
    codes,
    frames: createFrameMemory(mem, cache.frameSpan),
    tstate: Buffer.alloc(cache.tstateSpan),
    word: Buffer.alloc(8),
    ahead: mem.readRegions ? createAheadState() : null,
    memos: bound?.memos ?? new Map(),
  };
  return cache.bound;
}
