// `_Py_DebugOffsets` of 3.14 and 3.15 as captured from Debian's live interpreters (tests/fixtures/debug-offsets),
// and fabricated variants of them: a 3.16 that only changes the version (read unchanged), one whose table
// moved fields (refused, naming the version), and the free-threaded 3.14t/3.15t (no such build can be
// fetched here): their flag set and their GIL struct offsets as a free-threaded build lays them out.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryReadError } from '../../main/engine/proc/process-memory.ts';
import type { MemoryReader } from '../../main/engine/proc/process-memory.ts';
import { fieldPositions, TABLE_SHAPES } from '../../main/engine/python/debug-offsets-tables.ts';
import { parseDebugOffsets } from '../../main/engine/python/debug-offsets.ts';
import type { DebugOffsets } from '../../main/engine/python/debug-offsets.ts';
import { readGil } from '../../main/engine/python/gil-state.ts';
import { objectLayoutFor } from '../../main/engine/python/py-layout.ts';
import { layoutFromDebugOffsets } from '../../main/engine/python/python-layout.ts';
import { classifyThreadState } from '../../main/engine/sampler/classify-state.ts';
import { STATE_CODE } from '../../main/engine/model.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/debug-offsets');

/** The first bytes of `_PyRuntime` of Debian's python3.X, read from a live process. */
function captured(minor: 14 | 15): Buffer {
  const hex = fs.readFileSync(path.join(FIXTURES, `3.${minor}.hex`), 'utf8').replace(/\s+/g, '');
  return Buffer.from(hex, 'hex');
}

function ok(buffer: Buffer): DebugOffsets {
  const result = parseDebugOffsets(buffer);
  if (result.kind !== 'ok') throw new Error(result.message);
  return result.offsets;
}

/** Rewrites field `key` of a table of minor `shape`'s layout. */
function setField(buffer: Buffer, shape: number, key: string, value: number): void {
  const at = fieldPositions(TABLE_SHAPES.get(shape)!).get(key);
  if (at === undefined) throw new Error(`no ${key} in the 3.${shape} table`);
  buffer.writeBigUInt64LE(BigInt(value), at);
}

/** What offsetof() gives in a free-threaded build: `int enabled` opens the GIL struct, moving the rest by 8. */
function freeThreaded(minor: 14 | 15): Buffer {
  const buffer = Buffer.from(captured(minor));
  const d = ok(buffer);
  buffer.writeBigUInt64LE(1n, 16);
  setField(buffer, minor, 'interpreter_state.gil_runtime_state_enabled', 0);
  setField(buffer, minor, 'interpreter_state.gil_runtime_state_holder', d.interp.gilRuntimeStateHolder + 8);
  setField(buffer, minor, 'interpreter_state.gil_runtime_state_locked', d.interp.gilRuntimeStateLocked + 8);
  // The free-threaded object header is 32 bytes (ob_tid, flags, mutex, gc bits, ref_local, ref_shared).
  setField(buffer, minor, 'pyobject.size', 32);
  setField(buffer, minor, 'pyobject.ob_type', 24);
  setField(buffer, minor, 'interpreter_frame.tlbc_index', 72);
  setField(buffer, minor, 'code_object.co_tlbc', d.code.coCodeAdaptive - 8);
  return buffer;
}

describe('_Py_DebugOffsets of live Debian interpreters', () => {
  it('3.14.10: threads_main, stackpointer, tlbc fields; no holds_gil', () => {
    const d = ok(captured(14));
    expect(d.version).toBe(0x030e0af0);
    expect(d.shapeMinor).toBe(14);
    expect(d.freeThreaded).toBe(false);
    expect(d.interp.threadsMain).toBe(d.interp.threadsHead + 16);
    expect(d.tstate).toMatchObject({ prev: 0, next: 8, interp: 16, holdsGil: null, gilRequested: null });
    expect(d.frame).toMatchObject({ previous: 8, executable: 0, stackpointer: 64, owner: 74 });
    expect(d.heapType).toBeNull();
  });

  it('3.15.2: base_frame and the profiling fields moved thread_id; holds_gil, gil_requested and ht_cached_keys are in the table', () => {
    const d = ok(captured(15));
    expect(d.version).toBe(0x030f02f0);
    expect(d.shapeMinor).toBe(15);
    expect(d.tstate).toMatchObject({ currentFrame: 72, threadId: 176, nativeThreadId: 184, holdsGil: 36 });
    expect(d.tstate.gilRequested).toBe(40);
    expect(d.heapType?.cachedKeys).toBe(888);
    expect(d.typeObject).toMatchObject({ tpBasicsize: 32, tpDictoffset: 288 });
    expect(d.unicode.compactSize).toBe(56);
    // The object readers take what the table gives: 3.15 moved ht_cached_keys from 880 to 888.
    const objects = objectLayoutFor({ major: 3, minor: 15, freeThreaded: false, debugOffsets: d })!;
    expect(objects.type.cachedKeys).toBe(888);
    expect(objects.verified).toBe(true);
    const layout = layoutFromDebugOffsets(d);
    expect(layout.gil).toEqual({ size: 208, enabled: null, lastHolder: 8, locked: 16, switchNumber: 24 });
    expect(layout.tstate.threadId).toBe(176);
  });
});

describe('a version GILscope does not know', () => {
  it('3.16 with the 3.15 table (fields only appended or none changed) is read unchanged', () => {
    const buffer = Buffer.from(captured(15));
    buffer.writeUInt32LE(0x031000a0, 8);
    const d = ok(buffer);
    expect(d.shapeMinor).toBe(15);
    expect(layoutFromDebugOffsets(d).minor).toBe(16);
    expect(d.tstate.threadId).toBe(176);
  });

  it('3.16 whose table inserted a field is refused, with one line naming the version and why', () => {
    // Insert one uint64 after thread_state.current_frame: every later field moves by 8.
    const source = captured(15);
    const at = fieldPositions(TABLE_SHAPES.get(15)!).get('thread_state.base_frame')!;
    const buffer = Buffer.concat([source.subarray(0, at), Buffer.alloc(8), source.subarray(at)]);
    buffer.writeUInt32LE(0x031000a0, 8);
    const result = parseDebugOffsets(buffer);
    expect(result.kind).toBe('invalid');
    const message = result.kind === 'invalid' ? result.message : '';
    expect(message).toMatch(
      /^debug offsets of CPython 3\.16 \(0x31000a0\) do not fit the newest known layout \(3\.15\): /,
    );
    expect(message.split('\n')).toHaveLength(1);
  });

  it('a table from before 3.13 or of another major version is refused', () => {
    const buffer = Buffer.from(captured(15));
    buffer.writeUInt32LE(0x030c00f0, 8);
    expect(parseDebugOffsets(buffer)).toEqual({
      kind: 'invalid',
      message: 'debug offsets of unsupported version 3.12 (0x30c00f0)',
    });
  });

  it('while the GIL is not located, a futex wait is unclassified, never a lock wait', () => {
    const futex = { kind: 'futex', address: 0x1234 } as const;
    const gil = { address: 0x1000, size: 0x100 };
    expect(classifyThreadState(futex, null, 0, 0, 'debug offsets of CPython 3.16 …')).toBe(STATE_CODE.unclassifiedWait);
    expect(classifyThreadState(futex, gil, 0, 0, null)).toBe(STATE_CODE.lockWait);
    expect(classifyThreadState({ kind: 'futex', address: 0x1010 }, gil, 0, 0, null)).toBe(STATE_CODE.gilWait);
  });
});

/** One fabricated GIL struct at a fixed address. */
class GilMemory implements MemoryReader {
  readonly address: number;
  readonly buf: Buffer;
  constructor(address: number, buf: Buffer) {
    this.address = address;
    this.buf = buf;
  }
  readInto(address: number, target: Buffer, length = target.length): number {
    const at = address - this.address;
    if (at < 0 || at + length > this.buf.length) throw new MemoryReadError(address, length, { code: 'EIO' });
    this.buf.copy(target, 0, at, at + length);
    return length;
  }
  read(address: number, length: number): Buffer {
    const buf = Buffer.alloc(length);
    this.readInto(address, buf, length);
    return buf;
  }
  close(): void {}
}

describe.each([14, 15] as const)('3.%st (free-threaded, fabricated from the 3.%s table)', (minor) => {
  it('is recognised as free-threaded with the free-threaded GIL struct and object header', () => {
    const d = ok(freeThreaded(minor));
    expect(d.freeThreaded).toBe(true);
    const layout = layoutFromDebugOffsets(d);
    expect(layout.freeThreaded).toBe(true);
    expect(layout.gil).toEqual({ size: 216, enabled: 0, lastHolder: 16, locked: 24, switchNumber: 32 });
    expect(layout.object).toEqual({ headerSize: 32, obType: 24 });
    expect(layout.frame.tlbcIndex).toBe(72);
    expect(layout.code.coTlbc).toBe(d.code.coCodeAdaptive - 8);
    const objects = objectLayoutFor({ major: 3, minor, freeThreaded: true, debugOffsets: d })!;
    expect(objects.label).toBe(`3.${minor}t`);
    expect(objects.verified).toBe(false);
    expect(objects.obType).toBe(24);
    // 3.14t widened the interned bit field: the kind bits start at bit 8.
    expect(objects.str.kindShift).toBe(8);
  });

  it('reads the GIL as enabled for good or for an extension load, held by a thread, or disabled', () => {
    const layout = layoutFromDebugOffsets(ok(freeThreaded(minor)));
    const struct = Buffer.alloc(layout.gil.size);
    const mem = new GilMemory(0x40000, struct);
    const { size, ...fields } = layout.gil;
    const gil = { address: 0x40000, size, exact: true, fields };
    struct.writeInt32LE(0x7fffffff, 0); // enabled for good (INT_MAX)
    struct.writeBigUInt64LE(0x7000n, 16); // last_holder
    struct.writeInt32LE(1, 24); // locked
    struct.writeBigUInt64LE(41n, 32); // switch_number
    const held = { locked: true, lastHolder: 0x7000, switches: 41 };
    expect(readGil(mem, gil)).toEqual({ ...held, enabled: true, transient: false });
    struct.writeInt32LE(2, 0); // two extension modules loading
    expect(readGil(mem, gil)).toEqual({ ...held, enabled: true, transient: true });
    struct.writeInt32LE(0, 0);
    struct.writeInt32LE(0, 24);
    expect(readGil(mem, gil)).toEqual({ ...held, locked: false, enabled: false, transient: false });
  });
});
