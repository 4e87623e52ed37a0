// Line-number decoders for CPython code objects (docs/unwinder.md §4), pure and bounds-checked:
// 3.10's `co_linetable` byte pairs and the 3.11+ location table. A table is decoded once into sorted
// ranges (cached with the code object); a lookup is then a binary search.

/** Which `co_linetable` encoding: 'pairs' = 3.10 (sdelta, ldelta) bytes; 'locations' = 3.11+ location table. */
export type LineTableFormat = 'pairs' | 'locations';

/** A decoded table: range i covers code units [ends[i-1] (or 0), ends[i]) and has line lines[i] (-1 = none). */
export interface LineRanges {
  ends: Int32Array;
  lines: Int32Array;
}

/** The encoding used by a CPython minor version. */
export function lineTableFormat(minor: number): LineTableFormat {
  return minor <= 10 ? 'pairs' : 'locations';
}

/** Ranges of at most this many entries are decoded; a longer (garbage) table is cut there. */
const MAX_RANGES = 1 << 20;

class RangeBuilder {
  ends: number[] = [];
  lines: number[] = [];
  push(end: number, line: number): void {
    const n = this.ends.length;
    if (n > 0 && this.lines[n - 1] === line) this.ends[n - 1] = end;
    else {
      this.ends.push(end);
      this.lines.push(line);
    }
  }
  done(): LineRanges {
    return { ends: Int32Array.from(this.ends), lines: Int32Array.from(this.lines) };
  }
}

/** 3.10: pairs (sdelta bytes u8, ldelta i8); ldelta -128 = no line. Ends are converted to code units. */
function decodePairs(table: Uint8Array, firstLineNo: number): LineRanges {
  const out = new RangeBuilder();
  let line = firstLineNo;
  let start = 0;
  for (let i = 0; i + 1 < table.length && out.ends.length < MAX_RANGES; i += 2) {
    const sdelta = table[i]!;
    const raw = table[i + 1]!;
    const ldelta = raw >= 128 ? raw - 256 : raw;
    let rangeLine = -1;
    if (ldelta !== -128) {
      line += ldelta;
      rangeLine = line;
    }
    if (sdelta === 0) continue;
    start += sdelta;
    // Byte offsets are even in 3.10; a range ending on an odd byte still covers its last whole unit.
    out.push(Math.ceil(start / 2), rangeLine);
  }
  return out.done();
}

/** 3.11+: entries start with a byte with bit 7 set; bits 3–6 = code, bits 0–2 = length−1 (code units). */
function decodeLocations(table: Uint8Array, firstLineNo: number): LineRanges {
  const out = new RangeBuilder();
  let line = firstLineNo;
  let start = 0;
  let p = 0;
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (p >= table.length || shift > 30) return value;
      const b = table[p++]!;
      value += (b & 63) * 2 ** shift;
      shift += 6;
      if ((b & 64) === 0) return value;
    }
  };
  const svarint = (): number => {
    const v = varint();
    const magnitude = Math.floor(v / 2);
    return v % 2 === 1 ? -magnitude : magnitude;
  };
  while (p < table.length && out.ends.length < MAX_RANGES) {
    const first = table[p++]!;
    if ((first & 0x80) === 0) break; // not at an entry start: a torn or garbage table
    const code = (first >> 3) & 15;
    const length = (first & 7) + 1;
    let rangeLine: number;
    if (code === 15) rangeLine = -1;
    else if (code === 14) {
      line += svarint();
      varint();
      varint();
      varint();
      rangeLine = line;
    } else if (code === 13) {
      line += svarint();
      rangeLine = line;
    } else if (code >= 10) {
      line += code - 10;
      p += 2;
      rangeLine = line;
    } else {
      p += 1;
      rangeLine = line;
    }
    start += length;
    out.push(start, rangeLine);
  }
  return out.done();
}

/** Decodes a whole `co_linetable` into ranges over code units. Never throws; garbage gives fewer ranges. */
export function decodeLineTable(format: LineTableFormat, table: Uint8Array, firstLineNo: number): LineRanges {
  return format === 'pairs' ? decodePairs(table, firstLineNo) : decodeLocations(table, firstLineNo);
}

/** The line of code unit `index` in decoded ranges: null when it has none or lies past the table. */
export function lineInRanges(ranges: LineRanges, index: number): number | null {
  const { ends, lines } = ranges;
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid]! > index) hi = mid;
    else lo = mid + 1;
  }
  if (lo >= ends.length) return null;
  const line = lines[lo]!;
  return line < 0 ? null : line;
}

/**
 * The line of the instruction at code unit `index` (3.10: `f_lasti`; 3.11+: (instr − bytecode base) / 2).
 * A negative index (a frame just pushed) gives `firstLineNo`; no line gives null.
 */
export function lineForInstruction(
  format: LineTableFormat,
  table: Uint8Array,
  firstLineNo: number,
  index: number,
): number | null {
  if (index < 0) return firstLineNo;
  return lineInRanges(decodeLineTable(format, table, firstLineNo), index);
}
