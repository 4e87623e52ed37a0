// Walks an interpreter's list of PyThreadState (newest first via `next`), one read per thread,
// bounded and cycle-safe because a running target may be linking or freeing states meanwhile. Given the
// last listing and the native reader, the head and every thread state listed last time are read in one
// call first, and each is used only if the walk reaches its address.
import type { Address, Tid } from '../model.ts';
import { MemoryReadError, readPointer, RegionBatch } from '../proc/process-memory.ts';
import type { MemoryReader } from '../proc/process-memory.ts';
import type { PythonLayout } from './python-layout.ts';

/** One Python thread: its PyThreadState address, pthread_t (threading.get_ident()) and kernel TID. */
export interface ThreadStateEntry {
  address: Address;
  threadId: number;
  tid: Tid | null;
}

/** Upper bound on the threads walked (a garbage `next` chain must not loop for long). */
export const MAX_THREAD_STATES = 4096;

/** glibc 2.36 x86-64: `struct pthread`'s `tid` field (not an ABI; only used for 3.10, which lacks native_thread_id). */
const GLIBC_PTHREAD_TID_OFFSET = 0x2d0;
const MAX_TID = 1 << 22; // pid_max limit on 64-bit Linux

function plausibleTid(value: number): Tid | null {
  return value > 0 && value <= MAX_TID ? value : null;
}

function tidFromPthread(mem: MemoryReader, pthread: number): Tid | null {
  if (pthread === 0) return null;
  try {
    return plausibleTid(mem.read(pthread + GLIBC_PTHREAD_TID_OFFSET, 4).readInt32LE(0));
  } catch (error) {
    if (error instanceof MemoryReadError) return null;
    throw error;
  }
}

/** Thread states read ahead at most (a longer list is read one by one). */
const MAX_AHEAD = 256;

/** Regions of the last listing read ahead: by thread state address, where its bytes and 3.10's TID are. */
interface ListingAhead {
  batch: RegionBatch;
  head: number;
  states: Map<Address, { region: number; threadId: number; tidRegion: number }>;
}

function readListingAhead(
  mem: MemoryReader,
  headAt: Address,
  span: number,
  pthreadTids: boolean,
  last: readonly ThreadStateEntry[],
): ListingAhead | null {
  if (!mem.readRegions || last.length === 0 || last.length > MAX_AHEAD) return null;
  const batch = new RegionBatch(8 + last.length * (span + 16), 1 + 2 * last.length);
  const ahead: ListingAhead = { batch, head: batch.add(headAt, 8), states: new Map() };
  for (const entry of last) {
    const region = batch.add(entry.address, span);
    const tidRegion =
      pthreadTids && entry.threadId !== 0 ? batch.add(entry.threadId + GLIBC_PTHREAD_TID_OFFSET, 4) : -1;
    ahead.states.set(entry.address, { region, threadId: entry.threadId, tidRegion });
  }
  mem.readRegions(batch);
  return batch.ok(ahead.head) ? ahead : null;
}

/**
 * Lists the thread states of `interp`. Throws MemoryReadError only when the interpreter's head pointer
 * cannot be read; a thread state that cannot be read, or that belongs to another interpreter, ends the walk.
 * `last`: the previous listing of the same interpreter, read ahead when the reader can batch.
 */
export function walkThreadStates(
  mem: MemoryReader,
  layout: PythonLayout,
  interp: Address,
  last: readonly ThreadStateEntry[] = [],
): ThreadStateEntry[] {
  const t = layout.tstate;
  const span = Math.max(t.next, t.interp, t.threadId, t.nativeThreadId ?? 0) + 8;
  const headAt = interp + layout.interp.threadsHead;
  const ahead = readListingAhead(mem, headAt, span, t.nativeThreadId === null, last);
  const buffer = Buffer.alloc(span);
  const seen = new Set<Address>();
  const result: ThreadStateEntry[] = [];
  let address = ahead
    ? readPointer(ahead.batch.arena, ahead.batch.offsetOf(ahead.head))
    : readPointer(mem.read(headAt, 8), 0);
  while (address !== 0 && result.length < MAX_THREAD_STATES && !seen.has(address)) {
    seen.add(address);
    const known = ahead?.states.get(address);
    let bytes: Buffer = buffer;
    let at = 0;
    if (known !== undefined && ahead!.batch.ok(known.region)) {
      bytes = ahead!.batch.arena;
      at = ahead!.batch.offsetOf(known.region);
    } else {
      try {
        mem.readInto(address, buffer);
      } catch (error) {
        if (error instanceof MemoryReadError) break;
        throw error;
      }
    }
    if (readPointer(bytes, at + t.interp) !== interp) break;
    const threadId = readPointer(bytes, at + t.threadId);
    let tid: Tid | null;
    if (t.nativeThreadId !== null) tid = plausibleTid(bytes.readInt32LE(at + t.nativeThreadId));
    else if (known !== undefined && known.threadId === threadId && ahead!.batch.ok(known.tidRegion))
      tid = plausibleTid(ahead!.batch.arena.readInt32LE(ahead!.batch.offsetOf(known.tidRegion)));
    else tid = tidFromPthread(mem, threadId);
    result.push({ address, threadId, tid });
    address = readPointer(bytes, at + t.next);
  }
  return result;
}
