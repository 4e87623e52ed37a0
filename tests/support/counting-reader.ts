// A MemoryReader that counts its syscalls: `reads` one region each (pread), `batches` many regions in one
// call (the native reader). Tests use it to assert how many reads a walk or a listing makes.
import type { MemoryReader } from '../../main/engine/proc/process-memory.ts';

export interface SyscallCounts {
  reads: number;
  batches: number;
}

/** Wraps `mem` (offering readRegions only when `mem` does); closing the wrapper leaves `mem` open. */
export function countingReader(mem: MemoryReader, counts: SyscallCounts): MemoryReader {
  return {
    read: (address, length) => (counts.reads++, mem.read(address, length)),
    readInto: (address, target, length) => (counts.reads++, mem.readInto(address, target, length)),
    ...(mem.readRegions && { readRegions: (batch) => (counts.batches++, mem.readRegions!(batch)) }),
    close: () => {},
  };
}
