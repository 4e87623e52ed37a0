import { expect, it } from 'vitest';
import {
  SampleChunkBuilder,
  TickChunkBuilder,
  decodeSampleChunk,
  decodeTickChunk,
} from '../../main/engine/store/chunk-codec.ts';
import { ByteReader, ByteWriter } from '../../main/engine/store/varint.ts';

it('varints round-trip the whole safe-integer range, signed and unsigned', () => {
  const values = [0, 1, 127, 128, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1];
  const w = new ByteWriter(1);
  for (const v of values) w.uvarint(v);
  const signed = [0, 1, 63, 64, 2 ** 31, 2 ** 52 - 1]; // zigzag doubles magnitudes: exact below 2^52
  for (const v of signed) w.svarint(-v);
  const r = new ByteReader(w.bytes());
  expect(values.map(() => r.uvarint())).toEqual(values);
  expect(signed.map(() => r.svarint())).toEqual(signed.map((v) => -v || 0));
  expect(() => r.u8()).toThrow(RangeError);
});

it('chunks round-trip with gaps, big values and both encodings', () => {
  for (const compress of [false, true]) {
    const samples = new SampleChunkBuilder(3, 100);
    samples.add(300, 0, 9_999_999, 0, 0);
    samples.add(301, 4, 0, 12);
    samples.add(399, 2, 2 ** 40, 1.6, 70_000); // rounds to integer ns
    expect(decodeSampleChunk(samples.encode(compress), 300)).toEqual({
      tickIndex: new Uint32Array([300, 301, 399]),
      state: new Uint8Array([0, 4, 2]),
      cpuNs: new Float64Array([9_999_999, 0, 2 ** 40]),
      runQueueNs: new Float64Array([0, 12, 2]),
      stackId: new Int32Array([0, -1, 70_000]),
    });
    const ticks = new TickChunkBuilder(1, 100);
    ticks.add(100, 3.6e12, { held: true, holderTid: 4242, enabled: true });
    ticks.add(102, 3.6e12 + 10e6, null);
    ticks.add(103, 3.6e12 + 20e6, { held: false, holderTid: null, enabled: false });
    expect(decodeTickChunk(ticks.encode(compress), 100)).toEqual({
      index: new Uint32Array([100, 102, 103]),
      timeNs: new Float64Array([3.6e12, 3.6e12 + 10e6, 3.6e12 + 20e6]),
      gilKnown: new Uint8Array([1, 0, 1]),
      gilHeld: new Uint8Array([1, 0, 0]),
      gilEnabled: new Uint8Array([1, 0, 0]),
      gilHolderTid: new Int32Array([4242, -1, -1]),
    });
  }
  expect(() => decodeSampleChunk(new Uint8Array([9, 0]), 0)).toThrow(/format/);
});
