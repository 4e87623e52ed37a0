import fs from 'node:fs';
import type { Address } from '../model.ts';
import { nativeReadRegions } from './native-reader.ts';

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
  /**
   * Reads every region queued in `batch` with one syscall (a failed region does not stop the others; see
   * RegionBatch.ok). Present only with the native reader: without it, callers read region by region.
   */
  readRegions?(batch: RegionBatch): number;
  close(): void;
}

/** Regions held per batch at most (the addon's limit is 1024). */
const MAX_BATCH_REGIONS = 1024;

/**
 * Regions of the target to read together, copied into one arena buffer. Reused: `reset`, `add` each
 * region, pass to MemoryReader.readRegions, then find region i at `arena` + `offsetOf(i)` if `ok(i)`.
 */
export class RegionBatch {
  arena: Buffer;
  count = 0;
  private used = 0;
  private readonly spec: Float64Array;
  readonly status: Int32Array;
  private readonly maxRegions: number;

  constructor(arenaBytes: number, maxRegions = MAX_BATCH_REGIONS) {
    this.arena = Buffer.alloc(arenaBytes);
    this.maxRegions = Math.min(maxRegions, MAX_BATCH_REGIONS);
    this.spec = new Float64Array(3 * this.maxRegions);
    this.status = new Int32Array(this.maxRegions);
  }

  reset(): void {
    this.count = 0;
    this.used = 0;
  }

  /** Queues `length` bytes at `address`; returns the region's index, or -1 when the batch is full. */
  add(address: Address, length: number): number {
    if (this.count >= this.maxRegions || this.used + length > this.arena.length) return -1;
    const i = this.count++;
    this.spec[3 * i] = address;
    this.spec[3 * i + 1] = length;
    this.spec[3 * i + 2] = this.used;
    this.status[i] = -1;
    this.used += (length + 7) & ~7;
    return i;
  }

  /** Regions that can still be added. */
  get regionsLeft(): number {
    return this.maxRegions - this.count;
  }

  /** Where region `i` starts in `arena`. */
  offsetOf(i: number): number {
    return this.spec[3 * i + 2]!;
  }

  /** Whether region `i` was read whole by the last readRegions. */
  ok(i: number): boolean {
    return i >= 0 && i < this.count && this.status[i] === 0;
  }

  /** For the reader: the spec array the addon takes. */
  get specArray(): Float64Array {
    return this.spec;
  }
}

/**
 * Opens /proc/PID/mem. Throws the fs error (EACCES, EPERM, ENOENT) when it cannot be opened. `native`
 * (default true): offer readRegions when the native reader is built (main/engine/proc/native-reader.ts).
 */
export function openProcessMemory(pid: number, options: { native?: boolean } = {}): MemoryReader {
  const fd = fs.openSync(`/proc/${pid}/mem`, 'r');
  const readRegionsFn = options.native === false ? null : nativeReadRegions();
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
    ...(readRegionsFn && {
      readRegions: (batch: RegionBatch) => readRegionsFn(pid, batch.arena, batch.specArray, batch.count, batch.status),
    }),
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
