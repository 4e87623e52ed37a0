import fs from 'node:fs';
import type { Address } from '../model.ts';

/** A read of the target's memory failed: unmapped address (EIO), process gone, or no permission. */
export class MemoryReadError extends Error {
  readonly address: Address;
  readonly code: string | undefined;
  constructor(address: Address, length: number, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`cannot read ${length} bytes at 0x${address.toString(16)}${code ? ` (${code})` : ''}`);
    this.name = 'MemoryReadError';
    this.address = address;
    this.code = code;
  }
}

/** Reads another process's memory. Every call is one syscall: read whole structs, not fields. */
export interface MemoryReader {
  /** Reads exactly `length` bytes at `address` into a new Buffer, or throws MemoryReadError. */
  read(address: Address, length: number): Buffer;
  /** Reads into `target` (its whole length unless `length` is given); returns bytes read. Throws MemoryReadError. */
  readInto(address: Address, target: Buffer, length?: number): number;
  close(): void;
}

/** Opens /proc/PID/mem. Throws the fs error (EACCES, EPERM, ENOENT) when it cannot be opened. */
export function openProcessMemory(pid: number): MemoryReader {
  const fd = fs.openSync(`/proc/${pid}/mem`, 'r');
  let closed = false;
  const readInto = (address: Address, target: Buffer, length = target.length): number => {
    let n: number;
    try {
      n = fs.readSync(fd, target, 0, length, address);
    } catch (error) {
      throw new MemoryReadError(address, length, error);
    }
    if (n !== length) throw new MemoryReadError(address, length, { code: 'SHORT_READ' });
    return n;
  };
  return {
    read(address, length) {
      const buffer = Buffer.allocUnsafe(length);
      readInto(address, buffer, length);
      return buffer;
    },
    readInto,
    close() {
      if (!closed) fs.closeSync(fd);
      closed = true;
    },
  };
}

const TWO_POW_32 = 2 ** 32;

/** Reads a little-endian 64-bit pointer as a Number (exact below 2^53). */
export function readPointer(buffer: Buffer, offset: number): Address {
  return buffer.readUInt32LE(offset + 4) * TWO_POW_32 + buffer.readUInt32LE(offset);
}

/** Reads a little-endian signed 64-bit integer as a Number (exact within ±2^53). */
export function readInt64(buffer: Buffer, offset: number): number {
  return buffer.readInt32LE(offset + 4) * TWO_POW_32 + buffer.readUInt32LE(offset);
}
