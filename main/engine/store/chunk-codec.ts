// Columnar encoding of sample chunks: per thread, up to CHUNK_TICKS consecutive ticks as varint columns
// (tick-index delta, state, CPU ns, run-queue ns); per run, the same ticks' time and GIL columns.
// Blob layout: u8 format (low nibble version, 0x10 = body is deflate-raw), then the body:
// uvarint count, uvarint byte length of every column but the last, then the columns back to back.
// Version 2 appends a stack-id column (uvarint of stackId + 1, 0 = no stack); version 1 chunks decode
// with stackId -1 everywhere.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ByteReader, ByteWriter } from './varint.ts';
import type { GilSample, StateCode } from '../model.ts';

const VERSION = 2;
const COLUMNS_BY_VERSION: Record<number, number> = { 1: 4, 2: 5 };
const DEFLATED = 0x10;

/** Columns of one thread's samples, as decoded. tickIndex is absolute within the run. */
export interface SampleColumns {
  tickIndex: Uint32Array;
  state: Uint8Array;
  cpuNs: Float64Array;
  runQueueNs: Float64Array;
  /** Id in the run's stack table, -1 when no stack was read. */
  stackId: Int32Array;
}

/** Columns of a run's ticks, as decoded. gilHolderTid is -1 when unknown or not held. */
export interface TickColumns {
  index: Uint32Array;
  timeNs: Float64Array;
  gilHeld: Uint8Array;
  gilHolderTid: Int32Array;
  gilEnabled: Uint8Array;
  gilKnown: Uint8Array;
}

const GIL_KNOWN = 1;
const GIL_HELD = 2;
const GIL_ENABLED = 4;
const GIL_HOLDER = 8;

function seal(count: number, columns: ByteWriter[], compress: boolean): Uint8Array {
  const body = new ByteWriter(16 + columns.reduce((n, c) => n + c.length, 0));
  body.uvarint(count);
  for (let i = 0; i < columns.length - 1; i++) body.uvarint(columns[i]!.length);
  for (const column of columns) body.append(column.bytes());
  const payload = compress ? deflateRawSync(body.bytes()) : body.bytes();
  const out = new Uint8Array(payload.length + 1);
  out[0] = VERSION | (compress ? DEFLATED : 0);
  out.set(payload, 1);
  return out;
}

function open(blob: Uint8Array, columnCountOf: (version: number) => number): { count: number; readers: ByteReader[] } {
  const format = blob[0];
  const version = (format ?? 0) & 0x0f;
  if (format === undefined || COLUMNS_BY_VERSION[version] === undefined)
    throw new RangeError(`unknown chunk format ${format}`);
  const columnCount = columnCountOf(version);
  const body = format & DEFLATED ? inflateRawSync(blob.subarray(1)) : blob.subarray(1);
  const header = new ByteReader(body);
  const count = header.uvarint();
  const lengths: number[] = [];
  for (let i = 0; i < columnCount - 1; i++) lengths.push(header.uvarint());
  const readers: ByteReader[] = [];
  let start = header.pos;
  for (let i = 0; i < columnCount; i++) {
    const end = i < columnCount - 1 ? start + lengths[i]! : body.length;
    readers.push(new ByteReader(body, start, end));
    start = end;
  }
  return { count, readers };
}

/** Accumulates one thread's samples for one chunk; encoding is incremental, `encode()` only concatenates. */
export class SampleChunkBuilder {
  readonly chunkNo: number;
  count = 0;
  dirty = false;
  private lastIndex: number;
  private readonly columns = [new ByteWriter(), new ByteWriter(), new ByteWriter(), new ByteWriter(), new ByteWriter()];

  constructor(chunkNo: number, chunkTicks: number) {
    this.chunkNo = chunkNo;
    this.lastIndex = chunkNo * chunkTicks - 1;
  }

  add(tickIndex: number, state: StateCode, cpuNs: number, runQueueNs: number, stackId = -1): void {
    const [index, states, cpu, runQueue, stacks] = this.columns as [
      ByteWriter,
      ByteWriter,
      ByteWriter,
      ByteWriter,
      ByteWriter,
    ];
    stacks.uvarint(stackId + 1);
    index.uvarint(tickIndex - this.lastIndex - 1);
    states.u8(state);
    cpu.svarint(Math.round(cpuNs));
    runQueue.svarint(Math.round(runQueueNs));
    this.lastIndex = tickIndex;
    this.count++;
    this.dirty = true;
  }

  encode(compress: boolean): Uint8Array {
    return seal(this.count, this.columns, compress);
  }
}

/** Decodes a thread's sample chunk; `firstIndex` is the chunk's first tick index (chunkNo × chunkTicks). */
export function decodeSampleChunk(blob: Uint8Array, firstIndex: number): SampleColumns {
  const { count, readers } = open(blob, (version) => COLUMNS_BY_VERSION[version] ?? 4);
  const [index, states, cpu, runQueue, stacks] = readers as [
    ByteReader,
    ByteReader,
    ByteReader,
    ByteReader,
    ByteReader | undefined,
  ];
  const out: SampleColumns = {
    tickIndex: new Uint32Array(count),
    state: new Uint8Array(count),
    cpuNs: new Float64Array(count),
    runQueueNs: new Float64Array(count),
    stackId: new Int32Array(count).fill(-1),
  };
  let last = firstIndex - 1;
  for (let i = 0; i < count; i++) {
    last += index.uvarint() + 1;
    out.tickIndex[i] = last;
    out.state[i] = states.u8();
    out.cpuNs[i] = cpu.svarint();
    out.runQueueNs[i] = runQueue.svarint();
    if (stacks) out.stackId[i] = stacks.uvarint() - 1;
  }
  return out;
}

/** Accumulates one chunk of a run's ticks: index delta, time delta, GIL flags, GIL holder (sparse). */
export class TickChunkBuilder {
  readonly chunkNo: number;
  count = 0;
  firstTimeNs = 0;
  lastTimeNs = 0;
  dirty = false;
  private lastIndex: number;
  private readonly columns = [new ByteWriter(), new ByteWriter(), new ByteWriter(), new ByteWriter()];

  constructor(chunkNo: number, chunkTicks: number) {
    this.chunkNo = chunkNo;
    this.lastIndex = chunkNo * chunkTicks - 1;
  }

  add(tickIndex: number, timeNs: number, gil: GilSample | null): void {
    const [index, time, flags, holder] = this.columns as [ByteWriter, ByteWriter, ByteWriter, ByteWriter];
    const t = Math.round(timeNs);
    index.uvarint(tickIndex - this.lastIndex - 1);
    time.svarint(this.count === 0 ? t : t - this.lastTimeNs);
    let f = 0;
    if (gil) {
      f = GIL_KNOWN | (gil.held ? GIL_HELD : 0) | (gil.enabled ? GIL_ENABLED : 0);
      if (gil.holderTid !== null) {
        f |= GIL_HOLDER;
        holder.uvarint(gil.holderTid);
      }
    }
    flags.u8(f);
    if (this.count === 0) this.firstTimeNs = t;
    this.lastTimeNs = t;
    this.lastIndex = tickIndex;
    this.count++;
    this.dirty = true;
  }

  encode(compress: boolean): Uint8Array {
    return seal(this.count, this.columns, compress);
  }
}

/** Decodes a run's tick chunk; `firstIndex` is the chunk's first tick index (chunkNo × chunkTicks). */
export function decodeTickChunk(blob: Uint8Array, firstIndex: number): TickColumns {
  const { count, readers } = open(blob, () => 4);
  const [index, time, flags, holder] = readers as [ByteReader, ByteReader, ByteReader, ByteReader];
  const out: TickColumns = {
    index: new Uint32Array(count),
    timeNs: new Float64Array(count),
    gilHeld: new Uint8Array(count),
    gilHolderTid: new Int32Array(count),
    gilEnabled: new Uint8Array(count),
    gilKnown: new Uint8Array(count),
  };
  let last = firstIndex - 1;
  let t = 0;
  for (let i = 0; i < count; i++) {
    last += index.uvarint() + 1;
    out.index[i] = last;
    t = i === 0 ? time.svarint() : t + time.svarint();
    out.timeNs[i] = t;
    const f = flags.u8();
    out.gilKnown[i] = f & GIL_KNOWN ? 1 : 0;
    out.gilHeld[i] = f & GIL_HELD ? 1 : 0;
    out.gilEnabled[i] = f & GIL_ENABLED ? 1 : 0;
    out.gilHolderTid[i] = f & GIL_HOLDER ? holder.uvarint() : -1;
  }
  return out;
}
