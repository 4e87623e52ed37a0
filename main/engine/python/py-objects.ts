// The context every object reader takes: the target's memory, the object layout, a read budget and
// per-pass caches. The readers never throw: a failed or implausible read gives null.
import type { Address } from '../model.ts';
import type { MemoryReader } from '../proc/process-memory.ts';
import type { ObjectLayout } from './py-layout.ts';
import type { PyTypeInfo } from './py-type.ts';

export type { ObjectLayout, PythonBuild } from './py-layout.ts';
export { objectLayoutFor } from './py-layout.ts';

/** Key string addresses found by earlier lookups, by content; reused across passes and always re-verified. */
export type KeyAddressCache = Map<string, Address>;

/** Memory, layout and caches for one pass of reads over a target (e.g. one readThreadingNames call). */
export interface PyObjectReader {
  readonly mem: MemoryReader;
  readonly layout: ObjectLayout;
  /** Types read in this pass, by address. */
  readonly types: Map<Address, PyTypeInfo | null>;
  /** Addresses of key strings already matched; shared across passes when the caller keeps it. */
  readonly keyAddresses: KeyAddressCache;
  /** Key pointers of split (shared) key tables read in this pass, by table address. */
  readonly sharedKeyTables: Map<Address, Address[]>;
  /** Key strings whose content was verified in this pass: address → content. */
  readonly verifiedKeys: Map<Address, string>;
  /** Reads left in this pass; at 0 every read fails, which bounds the work on a garbage target. */
  readsLeft: number;
}

/** Starts a pass of reads. `maxReads` bounds the syscalls the pass may make. */
export function createObjectReader(
  mem: MemoryReader,
  layout: ObjectLayout,
  options: { maxReads?: number; keyAddresses?: KeyAddressCache } = {},
): PyObjectReader {
  return {
    mem,
    layout,
    types: new Map(),
    keyAddresses: options.keyAddresses ?? new Map(),
    sharedKeyTables: new Map(),
    verifiedKeys: new Map(),
    readsLeft: options.maxReads ?? 10_000,
  };
}

const MIN_ADDRESS = 0x1000;
const MAX_ADDRESS = 2 ** 47;
/** The largest single read the readers make (a dict's entry table of 2^15 general entries). */
export const MAX_READ_BYTES = 1 << 20;

/** Whether `address` could be a user-space object address on x86-64 (non-null, 8-aligned, below 2^47). */
export function isObjectAddress(address: number): boolean {
  return Number.isInteger(address) && address >= MIN_ADDRESS && address < MAX_ADDRESS && address % 8 === 0;
}

/** Reads `length` bytes, or null when the address is implausible, the budget is spent or the read fails. */
export function tryRead(r: PyObjectReader, address: Address, length: number): Buffer | null {
  if (!Number.isInteger(address) || address < MIN_ADDRESS || address + length > MAX_ADDRESS) return null;
  if (!Number.isInteger(length) || length <= 0 || length > MAX_READ_BYTES || r.readsLeft <= 0) return null;
  r.readsLeft--;
  try {
    return r.mem.read(address, length);
  } catch {
    return null;
  }
}

/**
 * Reads `want` bytes (to get what follows an object in the same syscall), falling back to exactly
 * `need` bytes when the longer read fails (e.g. runs off the end of a mapping). Null if both fail.
 */
export function readUpTo(r: PyObjectReader, address: Address, want: number, need: number): Buffer | null {
  if (want > need) {
    const long = tryRead(r, address, want);
    if (long) return long;
  }
  return tryRead(r, address, need);
}

/** `length` bytes at `offset` of an object whose first bytes are in `head`: sliced when present, else read. */
export function bytesAt(
  r: PyObjectReader,
  object: Address,
  head: Buffer,
  offset: number,
  length: number,
): Buffer | null {
  if (length === 0) return Buffer.alloc(0);
  if (offset + length <= head.length) return head.subarray(offset, offset + length);
  return tryRead(r, object + offset, length);
}
