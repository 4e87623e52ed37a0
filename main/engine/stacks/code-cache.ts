// Code objects by address: names, file, first line, line table and size, read once and then revalidated
// now and then by re-reading the code object's immutable header fields (a freed code object whose address
// was reused fails that check). Reads go through a budgeted object reader, so a garbage pointer costs a
// bounded number of syscalls and never throws.
import type { Address } from '../model.ts';
import { readInt64, readPointer } from '../proc/process-memory.ts';
import type { MemoryReader } from '../proc/process-memory.ts';
import { bytesAt, createObjectReader, isObjectAddress, readUpTo, tryRead } from '../python/py-objects.ts';
import type { ObjectLayout, PyObjectReader } from '../python/py-objects.ts';
import { readPyStr } from '../python/py-str.ts';
import { readType } from '../python/py-type.ts';
import type { PythonLayout } from '../python/python-layout.ts';
import { decodeLineTable, lineTableFormat } from './line-table.ts';
import type { LineRanges } from './line-table.ts';
import type { UnwindStats } from './stack-types.ts';

/** What a frame needs from its code object. */
export interface CodeEntry {
  function: string;
  file: string;
  firstLineNo: number;
  /** Bytecode length in 2-byte code units: an instruction index must be below it. */
  codeUnits: number;
  ranges: LineRanges;
  /** An interpreter shim (3.13's `_Py_InitCleanup`): not shown in stacks. */
  shim: boolean;
  /** The immutable header fields read at fill time, compared on revalidation. */
  fingerprint: number[];
  /** performance.now() of the last header check. */
  checkedAt: number;
  /** f_globals of the frame it was last checked for: another module's frame at this address means a check now. */
  globals: Address;
  /** 3.14t: `co_tlbc` and the bytecode copies already looked up, by tlbc index. */
  tlbc: Address;
  tlbcBases: Map<number, Address> | null;
}

/** The code cache and what reading code objects needs; one per target process. */
export interface CodeCache {
  mem: MemoryReader;
  layout: PythonLayout;
  reader: PyObjectReader;
  /** PyCode_Type (from the ELF, else learnt from the first object whose type is named "code"). */
  codeType: Address | null;
  entries: Map<Address, CodeEntry>;
  /** performance.now() of the current walk, set by the caller; entries older than REVALIDATE_MS are re-checked. */
  now: number;
  maxStringChars: number;
  stats: UnwindStats;
}

/** Milliseconds between two header checks of a cached code object. */
export const REVALIDATE_MS = 1000;
/** Entries kept at most; the cache is cleared when it grows past this (a target that makes code forever). */
const MAX_ENTRIES = 50_000;
const MAX_LINETABLE_BYTES = 64 * 1024;
const MAX_CODE_UNITS = 1 << 24;
const FILL_READ_BUDGET = 24;

/** A new, empty cache. */
export function createCodeCache(
  mem: MemoryReader,
  layout: PythonLayout,
  objects: ObjectLayout,
  codeType: Address | null,
  stats: UnwindStats,
  maxStringChars: number,
): CodeCache {
  return {
    mem,
    layout,
    reader: createObjectReader(mem, objects),
    codeType,
    entries: new Map(),
    now: 0,
    maxStringChars,
    stats,
  };
}

function headerSpan(layout: PythonLayout): number {
  const c = layout.code;
  const offsets = [
    c.filename,
    c.name,
    c.qualname ?? 0,
    c.linetable,
    c.firstlineno,
    c.coCode ?? 0,
    c.coTlbc ?? 0,
    layout.object.headerSize,
    layout.object.obType,
  ];
  return Math.max(...offsets) + 8;
}

function fingerprintOf(layout: PythonLayout, head: Buffer): number[] {
  const c = layout.code;
  const sizeField = c.coCode !== null ? readPointer(head, c.coCode) : readInt64(head, layout.object.headerSize);
  return [
    readPointer(head, layout.object.obType),
    readPointer(head, c.filename),
    readPointer(head, c.name),
    c.qualname === null ? 0 : readPointer(head, c.qualname),
    readPointer(head, c.linetable),
    head.readInt32LE(c.firstlineno),
    sizeField,
  ];
}

function sameFingerprint(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A bytes object's contents (≤ `max` bytes), or null. */
function readBytesObject(r: PyObjectReader, layout: PythonLayout, address: Address, max: number): Buffer | null {
  if (!isObjectAddress(address)) return null;
  const sizeAt = layout.object.headerSize;
  const dataAt = sizeAt + 16; // ob_size, ob_shash
  const head = readUpTo(r, address, dataAt + 256, dataAt);
  if (!head) return null;
  const size = readInt64(head, sizeAt);
  if (size < 0 || size > max) return null;
  return bytesAt(r, address, head, dataAt, size);
}

function bytesObjectSize(r: PyObjectReader, layout: PythonLayout, address: Address): number | null {
  if (!isObjectAddress(address)) return null;
  const buf = tryRead(r, address + layout.object.headerSize, 8);
  return buf ? readInt64(buf, 0) : null;
}

function isCodeType(cache: CodeCache, type: Address): boolean {
  if (cache.codeType !== null) return type === cache.codeType;
  if (readType(cache.reader, type)?.name !== 'code') return false;
  cache.codeType = type;
  return true;
}

function fill(cache: CodeCache, address: Address, head: Buffer, globals: Address): CodeEntry | null {
  const { layout, reader: r } = cache;
  const c = layout.code;
  if (!isCodeType(cache, readPointer(head, layout.object.obType))) return null;
  const file = readPyStr(r, readPointer(head, c.filename), cache.maxStringChars);
  const nameField = c.qualname ?? c.name;
  const name = readPyStr(r, readPointer(head, nameField), cache.maxStringChars);
  const table = readBytesObject(r, layout, readPointer(head, c.linetable), MAX_LINETABLE_BYTES);
  const firstLineNo = head.readInt32LE(c.firstlineno);
  const sizeField =
    c.coCode !== null
      ? bytesObjectSize(r, layout, readPointer(head, c.coCode))
      : readInt64(head, layout.object.headerSize);
  if (file === null || name === null || table === null || sizeField === null) return null;
  const codeUnits = c.coCode !== null ? Math.floor(sizeField / 2) : sizeField;
  if (codeUnits < 0 || codeUnits > MAX_CODE_UNITS || firstLineNo < 0) return null;
  cache.stats.codeReads++;
  return {
    function: name,
    file,
    firstLineNo,
    codeUnits,
    ranges: decodeLineTable(lineTableFormat(layout.minor), table, firstLineNo),
    // 3.13+ run __init__ through a shim code object (_Py_InitCleanup) named __init__ in a file named __init__.
    shim: layout.minor >= 13 && file === '__init__' && name === '__init__',
    fingerprint: fingerprintOf(layout, head),
    checkedAt: cache.now,
    globals,
    tlbc: c.coTlbc === null ? 0 : readPointer(head, c.coTlbc),
    tlbcBases: null,
  };
}

/**
 * The code object at `address` run by a frame whose f_globals is `globals` (cached), or null when it is
 * not a readable code object. A warm hit costs no read, except one header check per entry every
 * REVALIDATE_MS, and at once when the frame's globals differ from the entry's: a freed code object's
 * address is soon reused (pymalloc), e.g. a `.pth` line exec'd at start-up by the next module's
 * functions, and the cache must not name those frames after the dead code. Never throws.
 */
export function lookupCode(cache: CodeCache, address: Address, globals: Address): CodeEntry | null {
  const cached = cache.entries.get(address);
  if (cached && cached.globals === globals && cache.now - cached.checkedAt < REVALIDATE_MS) return cached;
  if (!isObjectAddress(address)) return null;
  cache.reader.readsLeft = FILL_READ_BUDGET;
  const head = tryRead(cache.reader, address, headerSpan(cache.layout));
  if (!head) return null;
  if (cached) {
    if (sameFingerprint(cached.fingerprint, fingerprintOf(cache.layout, head))) {
      cached.checkedAt = cache.now;
      cached.globals = globals; // the same code run with other globals (exec with a new namespace)
      return cached;
    }
    cache.entries.delete(address);
    cache.stats.codeInvalidated++;
  }
  const entry = fill(cache, address, head, globals);
  if (entry) {
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
    cache.entries.set(address, entry);
  }
  return entry;
}

/** 3.14t: the bytecode copy `co_tlbc->entries[index]` (entries start at +8), cached per entry; null if unreadable. */
export function tlbcBase(cache: CodeCache, entry: CodeEntry, index: number): Address | null {
  const known = entry.tlbcBases?.get(index);
  if (known !== undefined) return known;
  if (!isObjectAddress(entry.tlbc) || index < 0 || index > 4096) return null;
  cache.reader.readsLeft = 2;
  const buf = tryRead(cache.reader, entry.tlbc, 8);
  if (!buf || index >= readInt64(buf, 0)) return null;
  const slot = tryRead(cache.reader, entry.tlbc + 8 + 8 * index, 8);
  const base = slot ? readPointer(slot, 0) : 0;
  if (base === 0) return null;
  (entry.tlbcBases ??= new Map()).set(index, base);
  return base;
}
