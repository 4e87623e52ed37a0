// The unwinder against a fabricated address space: what a live target only does by accident (frame cycles,
// unmapped pointers, absurd depths) and what no local interpreter has (3.14 tagged `_PyStackRef`
// executables and owner values). Offsets are the 3.12 ones relabelled as 3.14: the logic is under test,
// not the 3.14 layout (which comes from _Py_DebugOffsets at run time).
import { describe, expect, it } from 'vitest';
import { MemoryReadError } from '../../main/engine/proc/process-memory.ts';
import type { MemoryReader } from '../../main/engine/proc/process-memory.ts';
import { builtinLayout } from '../../main/engine/python/python-layout.ts';
import type { PythonProcessInfo } from '../../main/engine/python/python-process.ts';
import { createStackCache, readThreadStack } from '../../main/engine/stacks/read-stacks.ts';

const BASE = 0x10000;

/** A sparse fake address space: regions allocated upward, reads outside them fail like EIO. */
class FakeMemory implements MemoryReader {
  regions: Array<{ start: number; buf: Buffer }> = [];
  next = BASE;
  alloc(size: number): { address: number; buf: Buffer } {
    const buf = Buffer.alloc(size);
    const address = this.next;
    this.regions.push({ start: address, buf });
    this.next += Math.ceil((size + 64) / 64) * 64;
    return { address, buf };
  }
  readInto(address: number, target: Buffer, length = target.length): number {
    for (const r of this.regions) {
      if (address >= r.start && address + length <= r.start + r.buf.length) {
        r.buf.copy(target, 0, address - r.start, address - r.start + length);
        return length;
      }
    }
    throw new MemoryReadError(address, length, { code: 'EIO' });
  }
  read(address: number, length: number): Buffer {
    const buf = Buffer.alloc(length);
    this.readInto(address, buf, length);
    return buf;
  }
  close(): void {}
}

const L312 = builtinLayout(12)!;
const LAYOUT = { ...L312, minor: 14, tstate: { ...L312.tstate, frame: { kind: 'direct' as const, offset: 72 } } };

function put64(buf: Buffer, offset: number, value: number): void {
  buf.writeBigUInt64LE(BigInt(value), offset);
}

function world() {
  const mem = new FakeMemory();
  const interp = mem.alloc(64).address;
  const type = (name: string): number => {
    const text = mem.alloc(256); // tp_name is read 256 bytes at a time
    text.buf.write(`${name}\0`, 'latin1');
    const t = mem.alloc(400);
    put64(t.buf, 24, text.address); // tp_name
    put64(t.buf, 32, 64); // tp_basicsize
    return t.address;
  };
  const strType = type('str');
  const codeType = type('code');
  const str = (text: string): number => {
    const s = mem.alloc(40 + text.length + 1);
    put64(s.buf, 8, strType);
    put64(s.buf, 16, text.length);
    s.buf.writeUInt32LE((1 << 2) | (1 << 5) | (1 << 6), 32); // kind 1, compact, ascii
    s.buf.write(text, 40, 'latin1');
    return s.address;
  };
  // One location-table entry: code 13 (no columns), 8 code units, line delta +2.
  const table = mem.alloc(34);
  put64(table.buf, 16, 2);
  table.buf.set([0x80 | (13 << 3) | 7, 4], 32);
  const code = (name: string): number => {
    const c = mem.alloc(192 + 16);
    put64(c.buf, 8, codeType);
    put64(c.buf, 16, 8); // ob_size: 8 code units
    c.buf.writeInt32LE(10, 68); // co_firstlineno
    put64(c.buf, 112, str('/app/x.py'));
    put64(c.buf, 120, str(name));
    put64(c.buf, 128, str(`Q.${name}`));
    put64(c.buf, 136, table.address);
    return c.address;
  };
  const frame = (
    executableBits: number,
    owner: number,
    codeAddress: number,
    unit: number,
    globals = 0,
  ): { address: number; buf: Buffer } => {
    const f = mem.alloc(80);
    put64(f.buf, 0, executableBits);
    put64(f.buf, 24, globals); // f_globals
    put64(f.buf, 56, codeAddress + 192 + 2 * unit);
    f.buf.writeUInt8(owner, 70);
    return f;
  };
  const link = (frames: Array<{ address: number; buf: Buffer }>): void => {
    for (let i = 0; i + 1 < frames.length; i++) put64(frames[i]!.buf, 8, frames[i + 1]!.address);
  };
  const tstate = (top: number): number => {
    const t = mem.alloc(300);
    put64(t.buf, 16, interp);
    put64(t.buf, 72, top);
    return t.address;
  };
  const info = {
    pid: process.pid,
    version: { major: 3, minor: 14, micro: 0, hex: 0x030e00f0, source: 'debug-offsets' },
    freeThreaded: false,
    runtime: { address: 0, size: 0, binaryPath: '/nonexistent/libpython3.14.so' },
    mainInterpreter: interp,
    layout: LAYOUT,
    gil: null,
  } as PythonProcessInfo;
  /** The bytes of the allocation at `address` (to rewrite an object in place, as a reused address would). */
  const bytesAt = (address: number): Buffer => mem.regions.find((r) => r.start === address)!.buf;
  return { mem, code, frame, link, tstate, info, str, bytesAt };
}

describe('unwinder on a fabricated 3.14 address space', () => {
  it('untags _PyStackRef executables, skips owner 3/4 frames and tagged ints, reads lines', () => {
    const w = world();
    const inner = w.code('inner');
    const outer = w.code('outer');
    const frames = [
      w.frame(inner | 1, 0, inner, 3), // borrowed/immortal tag bit
      w.frame(0x1234 * 4 + 3, 0, 0, 0), // a tagged int, not an object
      w.frame(1, 3, 0, 0), // INTERPRETER-owned entry frame (NULL executable)
      w.frame(outer, 1, outer, -1), // generator-owned; just pushed: first line
      w.frame(outer, 4, outer, 0), // CSTACK
    ];
    w.link(frames);
    const cache = createStackCache(w.info);
    const stack = readThreadStack(w.mem, w.info, cache, { address: w.tstate(frames[0]!.address) });
    expect(stack).toEqual({
      kind: 'ok',
      truncated: false,
      frames: [
        { function: 'Q.inner', file: '/app/x.py', line: 12 },
        { function: 'Q.outer', file: '/app/x.py', line: 10 },
      ],
    });
    expect(cache.stats.shimFrames).toBe(2);
    expect(cache.stats.nonCodeFrames).toBe(1);
  });

  it('drops a frame cycle, an unmapped previous pointer and a bad owner, counting each, without throwing', () => {
    const w = world();
    const c = w.code('f');
    const cycle = [w.frame(c, 0, c, 0), w.frame(c, 0, c, 1)];
    w.link(cycle);
    put64(cycle[1]!.buf, 8, cycle[0]!.address);
    const dangling = w.frame(c, 0, c, 0);
    put64(dangling.buf, 8, 0x7fff_0000_0000);
    const badOwner = w.frame(c, 9, c, 0);
    const cache = createStackCache(w.info);
    expect(readThreadStack(w.mem, w.info, cache, { address: w.tstate(cycle[0]!.address) })).toEqual({
      kind: 'dropped',
      reason: 'cycle',
    });
    expect(readThreadStack(w.mem, w.info, cache, { address: w.tstate(dangling.address) })).toEqual({
      kind: 'dropped',
      reason: 'unreadable',
    });
    expect(readThreadStack(w.mem, w.info, cache, { address: w.tstate(badOwner.address) })).toEqual({
      kind: 'dropped',
      reason: 'unreadable',
    });
    expect(readThreadStack(w.mem, w.info, cache, { address: 0x7fff_0000_0000 })).toEqual({
      kind: 'dropped',
      reason: 'unreadable',
    });
    expect(cache.stats).toMatchObject({ stacks: 4, droppedCycle: 1, droppedUnreadable: 3, retried: 4 });
  });

  it('re-reads a cached code object at once when a frame of another module (other f_globals) runs code at its address', () => {
    const w = world();
    const reused = w.code('dead');
    const cache = createStackCache(w.info);
    const read = (globals: number) =>
      readThreadStack(w.mem, w.info, cache, { address: w.tstate(w.frame(reused, 0, reused, 0, globals).address) });
    expect(read(0x5000)).toMatchObject({ frames: [{ function: 'Q.dead' }] });
    // The code object dies and the next module's function is allocated at the same address.
    put64(w.bytesAt(reused), 120, w.str('live'));
    put64(w.bytesAt(reused), 128, w.str('Q.live'));
    expect(read(0x6000)).toMatchObject({ frames: [{ function: 'Q.live' }] });
    expect(cache.stats.codeInvalidated).toBe(1);
    // Frames of that module keep hitting the cache without reads.
    const reads = cache.stats.codeReads;
    expect(read(0x6000)).toMatchObject({ frames: [{ function: 'Q.live' }] });
    expect(cache.stats.codeReads).toBe(reads);
  });

  it('walks a thread again reusing what did not change, and sees every change at once', () => {
    const w = world();
    const a = w.code('a');
    const b = w.code('b');
    const frames = [w.frame(a, 0, a, 0), w.frame(b, 0, b, 0), w.frame(b, 0, b, 0), w.frame(1, 3, 0, 0)];
    w.link(frames);
    const tstate = w.tstate(frames[0]!.address);
    const cache = createStackCache(w.info);
    const names = () => {
      const stack = readThreadStack(w.mem, w.info, cache, { address: tstate });
      return stack.kind === 'ok' ? stack.frames.map((f) => `${f.function}:${f.line}`) : stack.reason;
    };
    expect(names()).toEqual(['Q.a:12', 'Q.b:12', 'Q.b:12']);
    expect(names()).toEqual(['Q.a:12', 'Q.b:12', 'Q.b:12']);
    // The top frame moves to another instruction (one before the first: its first line), then runs
    // another code object.
    put64(frames[0]!.buf, 56, a + 192 - 2);
    expect(names()).toEqual(['Q.a:10', 'Q.b:12', 'Q.b:12']);
    put64(frames[0]!.buf, 0, b);
    put64(frames[0]!.buf, 56, b + 192);
    expect(names()).toEqual(['Q.b:12', 'Q.b:12', 'Q.b:12']);
    // The top frame's code pointer alone changes: the instruction word no longer lies in it (no line).
    put64(frames[0]!.buf, 0, a);
    expect(names()).toEqual(['Q.a:null', 'Q.b:12', 'Q.b:12']);
    // A frame deeper down moves to its first line; the shim stays a shim.
    put64(frames[2]!.buf, 56, b + 192 - 2);
    expect(names()).toEqual(['Q.a:null', 'Q.b:12', 'Q.b:10']);
    // b's code object dies and another module's function takes its address: frames with that module's
    // globals name the new function, the frame with the old globals stays as it was (cached for 1 s).
    put64(w.bytesAt(b), 128, w.str('Q.live'));
    put64(frames[1]!.buf, 24, 0x7000);
    expect(names()).toEqual(['Q.a:null', 'Q.live:12', 'Q.b:10']);
    expect(cache.stats).toMatchObject({ ok: 7, shimFrames: 7, nonCodeFrames: 0 });
  });

  it('cuts a 5000-frame chain at maxDepth with truncated: true', () => {
    const w = world();
    const c = w.code('r');
    const frames = Array.from({ length: 5000 }, () => w.frame(c, 0, c, 2));
    w.link(frames);
    const cache = createStackCache(w.info);
    const stack = readThreadStack(w.mem, w.info, cache, { address: w.tstate(frames[0]!.address) });
    expect(stack.kind === 'ok' && stack.truncated && stack.frames.length).toBe(512);
  });
});
