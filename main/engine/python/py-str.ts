// Reads a `str` object from the target: compact ASCII, compact kind 1/2/4, or non-compact (data pointer).
import type { Address } from '../model.ts';
import { readInt64, readPointer } from '../proc/process-memory.ts';
import { bytesAt, isObjectAddress, readUpTo } from './py-objects.ts';
import type { PyObjectReader } from './py-objects.ts';
import { isTypeOf, readType } from './py-type.ts';

/** Strings longer than this are cut to their first MAX_STR_CHARS characters. */
export const MAX_STR_CHARS = 4096;

/** Bytes read past the header in the first read, so short strings cost one syscall. */
const PREFETCH = 64;

/** A str's full length and its (possibly cut) text. */
interface RawStr {
  length: number;
  text: string;
}

function decode(bytes: Buffer, kind: number): string | null {
  if (kind === 1) return bytes.toString('latin1');
  if (kind === 2) return bytes.toString('utf16le');
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const cp = bytes.readUInt32LE(i);
    if (cp > 0x10ffff) return null;
    parts.push(String.fromCodePoint(cp));
  }
  return parts.join('');
}

function readRawStr(r: PyObjectReader, str: Address, maxChars: number, prefetch: number): RawStr | null {
  if (!isObjectAddress(str)) return null;
  const L = r.layout.str;
  const head = readUpTo(r, str, L.compactSize + prefetch, L.asciiSize);
  if (!head || !isTypeOf(readType(r, readPointer(head, r.layout.obType)), 'str')) return null;
  const state = head.readUInt32LE(L.state);
  const kind = (state >>> L.kindShift) & 7;
  const compact = (state >>> (L.kindShift + 3)) & 1;
  const ascii = (state >>> (L.kindShift + 4)) & 1;
  const length = readInt64(head, L.length);
  if ((kind !== 1 && kind !== 2 && kind !== 4) || (ascii && kind !== 1)) return null;
  if (length < 0 || length > 2 ** 31) return null;
  const count = Math.min(length, maxChars);
  let bytes: Buffer | null;
  if (compact) {
    bytes = bytesAt(r, str, head, ascii ? L.asciiSize : L.compactSize, count * kind);
  } else {
    const ptrBytes = bytesAt(r, str, head, L.data, 8);
    const data = ptrBytes ? readPointer(ptrBytes, 0) : 0;
    if (!isObjectAddress(data) && !(count === 0 && data === 0)) return null;
    bytes = count === 0 ? Buffer.alloc(0) : bytesAt(r, data, Buffer.alloc(0), 0, count * kind);
  }
  if (!bytes) return null;
  const text = decode(bytes, kind);
  return text === null ? null : { length, text };
}

/** Reads the str at `str` as a JS string (cut to `maxChars`), or null if it is not a readable str. */
export function readPyStr(r: PyObjectReader, str: Address, maxChars = MAX_STR_CHARS): string | null {
  return readRawStr(r, str, maxChars, PREFETCH)?.text ?? null;
}

/** Whether the object at `str` is a str equal to `expected` (usually one read for short keys). */
export function pyStrEquals(r: PyObjectReader, str: Address, expected: string): boolean {
  // Python lengths count code points; JS lengths count UTF-16 units.
  let codePoints = 0;
  for (const _ of expected) codePoints++;
  const raw = readRawStr(r, str, codePoints, Math.max(PREFETCH, codePoints));
  return raw !== null && raw.length === codePoints && raw.text === expected;
}
