// Reads a dict's entries (3.10 and 3.11+ key tables, combined or split) and looks up str keys.
import type { Address } from '../model.ts';
import { readInt64, readPointer } from '../proc/process-memory.ts';
import { isObjectAddress, readUpTo, tryRead } from './py-objects.ts';
import type { PyObjectReader } from './py-objects.ts';
import { pyStrEquals } from './py-str.ts';
import { isTypeOf, readType } from './py-type.ts';

/** Where a dict's data lives: its keys table and, for split dicts, its `PyDictValues`. */
export interface DictStorage {
  keys: Address;
  /** `PyDictValues*` (split dict or an object's inline values), else null (combined dict). */
  values: Address | null;
  /** 3.13+ inline values: check the `valid` byte before trusting them. */
  inline?: boolean;
}

/** One live entry: key and value object addresses. */
export interface DictItem {
  key: Address;
  value: Address;
}

/** Entries read from a dict at most (a bigger or garbage table is read up to this many). */
export const MAX_DICT_ENTRIES = 1 << 15;
/** Bytes read from the keys table in its first read: header, indices and entries of small dicts. */
const KEYS_PREFETCH = 512;

/** Reads the dict object at `dict` (checking its type is dict) and returns where its data lives. */
export function readDictStorage(r: PyObjectReader, dict: Address): DictStorage | null {
  if (!isObjectAddress(dict)) return null;
  const L = r.layout.dict;
  const buf = tryRead(r, dict, L.values + 8);
  if (!buf || !isTypeOf(readType(r, readPointer(buf, r.layout.obType)), 'dict')) return null;
  const keys = readPointer(buf, L.keys);
  const values = readPointer(buf, L.values);
  if (!isObjectAddress(keys)) return null;
  return { keys, values: values === 0 ? null : values };
}

interface TableShape {
  nentries: number;
  entriesOffset: number;
  entrySize: number;
  /** Offset of the key pointer inside an entry (after the hash in 24-byte entries). */
  keyOffset: number;
}

function tableShape(r: PyObjectReader, head: Buffer): TableShape | null {
  const K = r.layout.keys;
  const nentries = readInt64(head, K.nentries);
  if (K.form === 'v310') {
    const size = readInt64(head, 8);
    if (size < 8 || size > 2 ** 30 || (size & (size - 1)) !== 0) return null;
    if (nentries < 0 || nentries > size) return null;
    const width = size <= 0xff ? 1 : size <= 0xffff ? 2 : size <= 0xffffffff ? 4 : 8;
    return { nentries, entriesOffset: K.indices + size * width, entrySize: 24, keyOffset: 8 };
  }
  const log2Size = head.readUInt8(8);
  const log2IndexBytes = head.readUInt8(9);
  const kind = head.readUInt8(10);
  if (log2Size < 3 || log2Size > 30 || log2IndexBytes < log2Size || log2IndexBytes > log2Size + 3) return null;
  if (kind > 2 || nentries < 0 || nentries > 2 ** log2Size) return null;
  const general = kind === 0;
  return {
    nentries,
    entriesOffset: K.indices + 2 ** log2IndexBytes,
    entrySize: general ? 24 : 16,
    keyOffset: general ? 8 : 0,
  };
}

/** Reads the split values array for `count` entries; null if unreadable or (inline) not valid. */
function readValues(r: PyObjectReader, storage: DictStorage, count: number): Buffer | null {
  const values = storage.values;
  if (values === null || !isObjectAddress(values)) return null;
  const offset = r.layout.valuesArray;
  if (offset === 0) return count === 0 ? Buffer.alloc(0) : tryRead(r, values, count * 8);
  // 3.13+: a header { capacity, size, embedded, valid } precedes the array.
  const buf = tryRead(r, values, offset + count * 8);
  if (!buf) return null;
  if (storage.inline && buf.readUInt8(3) === 0) return null;
  const capacity = buf.readUInt8(0);
  return buf.subarray(offset, offset + Math.min(count, capacity) * 8);
}

/** Key and value pointers of a keys table's first `maxEntries` entries (values are NULL in split tables). */
interface KeyTable {
  keys: Address[];
  values: Address[];
}

function readKeyTable(r: PyObjectReader, keysAddress: Address, maxEntries: number): KeyTable | null {
  const head = readUpTo(r, keysAddress, KEYS_PREFETCH, r.layout.keys.indices);
  const shape = head && tableShape(r, head);
  if (!head || !shape) return null;
  const count = Math.min(shape.nentries, maxEntries);
  const start = shape.entriesOffset;
  const bytes = count * shape.entrySize;
  let table: Buffer | null;
  if (count === 0) table = Buffer.alloc(0);
  else if (start + bytes <= head.length) table = head.subarray(start, start + bytes);
  else table = tryRead(r, keysAddress + start, bytes);
  if (!table) return null;
  const keys: Address[] = [];
  const values: Address[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * shape.entrySize + shape.keyOffset;
    keys.push(readPointer(table, at));
    values.push(readPointer(table, at + 8));
  }
  return { keys, values };
}

function pairs(keys: Address[], values: Address[]): DictItem[] {
  const items: DictItem[] = [];
  const n = Math.min(keys.length, values.length);
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    const value = values[i]!;
    if (isObjectAddress(key) && isObjectAddress(value)) items.push({ key, value });
  }
  return items;
}

/**
 * Reads up to `maxEntries` live (key, value) pairs in insertion order (for split dicts: key-table order).
 * Shared key tables are read once per pass. Null when unreadable or implausible.
 */
export function readDictItems(
  r: PyObjectReader,
  storage: DictStorage,
  maxEntries = MAX_DICT_ENTRIES,
): DictItem[] | null {
  if (storage.values === null) {
    const table = readKeyTable(r, storage.keys, maxEntries);
    return table && pairs(table.keys, table.values);
  }
  let keys = r.sharedKeyTables.get(storage.keys);
  if (!keys) {
    keys = readKeyTable(r, storage.keys, maxEntries)?.keys;
    if (!keys) return null;
    r.sharedKeyTables.set(storage.keys, keys);
  }
  const values = readValues(r, storage, Math.min(keys.length, maxEntries));
  if (!values) return null;
  const valuePointers: Address[] = [];
  for (let i = 0; i + 8 <= values.length; i += 8) valuePointers.push(readPointer(values, i));
  return pairs(keys, valuePointers);
}

/** Whether `key` holds `expected`, remembering verified addresses for this pass and across passes. */
function keyMatches(r: PyObjectReader, key: Address, expected: string): boolean {
  const known = r.verifiedKeys.get(key);
  if (known !== undefined) return known === expected;
  if (!pyStrEquals(r, key, expected)) return false;
  r.verifiedKeys.set(key, expected);
  r.keyAddresses.set(expected, key);
  return true;
}

/** Finds the value for str key `key` among `items`: tries the remembered key address, then compares each key. */
export function findStrKey(r: PyObjectReader, items: DictItem[], key: string): Address | null {
  const hint = r.keyAddresses.get(key);
  if (hint !== undefined) {
    const item = items.find((it) => it.key === hint);
    if (item && keyMatches(r, item.key, key)) return item.value;
  }
  for (const item of items) {
    if (item.key === hint || r.verifiedKeys.has(item.key)) {
      if (r.verifiedKeys.get(item.key) === key) return item.value;
      continue;
    }
    if (keyMatches(r, item.key, key)) return item.value;
  }
  return null;
}

/** Looks up str key `key` in a dict's storage; the value's address or null (absent or unreadable). */
export function dictGetStr(r: PyObjectReader, storage: DictStorage, key: string): Address | null {
  const items = readDictItems(r, storage);
  return items ? findStrKey(r, items, key) : null;
}
