// LEB128 varints over growable byte buffers: the only primitive of the sample chunk encoding.
// Values are JS numbers: unsigned ones integers in [0, 2^53), signed ones (zigzag) in (-2^52, 2^52).

const TWO_POW_31 = 2 ** 31;

/** An append-only byte buffer that doubles when full; `bytes()` views what was written so far. */
export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(initialCapacity = 64) {
    this.buf = new Uint8Array(initialCapacity);
  }

  get length(): number {
    return this.len;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
  }

  u8(value: number): void {
    this.reserve(1);
    this.buf[this.len++] = value;
  }

  uvarint(value: number): void {
    this.reserve(8);
    const buf = this.buf;
    if (value < TWO_POW_31) {
      while (value > 0x7f) {
        buf[this.len++] = (value & 0x7f) | 0x80;
        value >>>= 7;
      }
    } else {
      while (value > 0x7f) {
        buf[this.len++] = (value % 128) | 0x80;
        value = Math.floor(value / 128);
      }
    }
    buf[this.len++] = value;
  }

  /** Zigzag: 0, -1, 1, -2 … → 0, 1, 2, 3 …, so small negative numbers stay small. */
  svarint(value: number): void {
    this.uvarint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

/** Reads what a ByteWriter wrote; throws RangeError when it runs past the end (a corrupt chunk). */
export class ByteReader {
  readonly buf: Uint8Array;
  pos: number;
  readonly end: number;

  constructor(buf: Uint8Array, start = 0, end = buf.length) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  u8(): number {
    if (this.pos >= this.end) throw new RangeError('chunk ends early');
    return this.buf[this.pos++]!;
  }

  uvarint(): number {
    const buf = this.buf;
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.end) throw new RangeError('chunk ends early');
      const b = buf[this.pos++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
  }

  svarint(): number {
    const z = this.uvarint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }
}
