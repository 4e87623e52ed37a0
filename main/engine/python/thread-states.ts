// Walks an interpreter's list of PyThreadState (newest first via `next`), one read per thread,
// bounded and cycle-safe because a running target may be linking or freeing states meanwhile.
import type { Address, Tid } from '../model.ts';
import { MemoryReadError, readPointer } from '../proc/process-memory.ts';
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

/**
 * Lists the thread states of `interp`. Throws MemoryReadError only when the interpreter's head pointer
 * cannot be read; a thread state that cannot be read, or that belongs to another interpreter, ends the walk.
 */
export function walkThreadStates(mem: MemoryReader, layout: PythonLayout, interp: Address): ThreadStateEntry[] {
  const t = layout.tstate;
  const span = Math.max(t.next, t.interp, t.threadId, t.nativeThreadId ?? 0) + 8;
  const buffer = Buffer.alloc(span);
  const seen = new Set<Address>();
  const result: ThreadStateEntry[] = [];
  let address = readPointer(mem.read(interp + layout.interp.threadsHead, 8), 0);
  while (address !== 0 && result.length < MAX_THREAD_STATES && !seen.has(address)) {
    seen.add(address);
    try {
      mem.readInto(address, buffer);
    } catch (error) {
      if (error instanceof MemoryReadError) break;
      throw error;
    }
    if (readPointer(buffer, t.interp) !== interp) break;
    const threadId = readPointer(buffer, t.threadId);
    const tid =
      t.nativeThreadId === null ? tidFromPthread(mem, threadId) : plausibleTid(buffer.readInt32LE(t.nativeThreadId));
    result.push({ address, threadId, tid });
    address = readPointer(buffer, t.next);
  }
  return result;
}
