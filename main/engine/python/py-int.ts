// Reads a small `int` (at most two 30-bit digits, i.e. |value| < 2^53) from the target.
import type { Address } from '../model.ts';
import { readInt64, readPointer } from '../proc/process-memory.ts';
import { isObjectAddress, readUpTo } from './py-objects.ts';
import type { PyObjectReader } from './py-objects.ts';
import { isTypeOf, readType } from './py-type.ts';

const DIGIT_BASE = 2 ** 30;

/** Reads the int at `int` as a Number, or null when it is not an int or does not fit in 2^53. */
export function readPyInt(r: PyObjectReader, int: Address): number | null {
  if (!isObjectAddress(int)) return null;
  const L = r.layout.long;
  const head = readUpTo(r, int, L.digits + 8, L.digits);
  if (!head || !isTypeOf(readType(r, readPointer(head, r.layout.obType)), 'int')) return null;
  let digits: number;
  let negative: boolean;
  if (L.form === 'size') {
    const size = readInt64(head, L.sizeOrTag);
    digits = Math.abs(size);
    negative = size < 0;
  } else {
    // lv_tag: digit count << 3 | sign (0 positive, 1 zero, 2 negative).
    const tag = readInt64(head, L.sizeOrTag);
    if (tag < 0) return null;
    const sign = tag % 4;
    if (sign === 1) return 0;
    if (sign === 3) return null;
    digits = Math.floor(tag / 8);
    negative = sign === 2;
  }
  if (digits === 0) return 0;
  if (digits > 2 || L.digits + digits * 4 > head.length) return null;
  let value = 0;
  for (let i = digits - 1; i >= 0; i--) {
    const digit = head.readUInt32LE(L.digits + i * 4);
    if (digit >= DIGIT_BASE) return null;
    value = value * DIGIT_BASE + digit;
  }
  if (value > Number.MAX_SAFE_INTEGER) return null;
  return negative ? -value : value;
}
