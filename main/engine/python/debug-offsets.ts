// Parses `_Py_DebugOffsets`, the first member of `_PyRuntime` from CPython 3.13 on
// (Include/internal/pycore_debug_offsets.h). Every field is a uint64; positions below are absolute
// from the start of `_PyRuntime`. 3.13 was checked against live 3.13.0 and 3.13.5t processes; the 3.14
// positions come from docs/gil-location.md §2 (py-spy's bindings) and could not be checked here.

/** Bytes to read from `_PyRuntime` so that either version's table is complete. */
export const DEBUG_OFFSETS_READ_SIZE = 760;

const COOKIE = 'xdebugpy';

/** The subset of `_Py_DebugOffsets` GILscope uses; null where that version has no such field. */
export interface DebugOffsets {
  version: number;
  freeThreaded: boolean;
  runtime: { size: number; finalizing: number; interpretersHead: number };
  interp: {
    size: number;
    id: number;
    next: number;
    threadsHead: number;
    threadsMain: number | null;
    gc: number;
    importsModules: number;
    sysdict: number;
    builtins: number;
    cevalGil: number;
    gilRuntimeState: number;
    /** offsetof(struct _gil_runtime_state, enabled): only meaningful on free-threaded builds. */
    gilRuntimeStateEnabled: number;
    gilRuntimeStateLocked: number;
    gilRuntimeStateHolder: number;
    codeObjectGeneration: number | null;
    tlbcGeneration: number | null;
  };
  tstate: {
    size: number;
    prev: number;
    next: number;
    interp: number;
    currentFrame: number;
    threadId: number;
    nativeThreadId: number;
    datastackChunk: number;
    status: number;
  };
  frame: {
    size: number;
    previous: number;
    executable: number;
    instrPtr: number;
    localsplus: number;
    owner: number;
    stackpointer: number | null;
    tlbcIndex: number | null;
  };
  code: {
    size: number;
    filename: number;
    name: number;
    qualname: number;
    linetable: number;
    firstlineno: number;
    argcount: number;
    localsplusnames: number;
    localspluskinds: number;
    coCodeAdaptive: number;
    coTlbc: number | null;
  };
  pyobject: { size: number; obType: number };
  typeObject: { size: number; tpName: number; tpRepr: number; tpFlags: number };
  dict: { size: number; maKeys: number; maValues: number };
  unicode: { size: number; state: number; length: number; asciiobjectSize: number };
  bytes: { size: number; obSize: number; obSval: number };
  long: { size: number; lvTag: number; obDigit: number };
}

/** Why a buffer is not a usable debug-offsets table. */
export type DebugOffsetsResult = { kind: 'ok'; offsets: DebugOffsets } | { kind: 'invalid'; message: string };

/** True when the buffer starts with the `xdebugpy` cookie. */
export function hasDebugCookie(buffer: Buffer): boolean {
  return buffer.length >= 8 && buffer.toString('latin1', 0, 8) === COOKIE;
}

/** Parses the table from the first bytes of `_PyRuntime` (at least DEBUG_OFFSETS_READ_SIZE for 3.14). */
export function parseDebugOffsets(buffer: Buffer): DebugOffsetsResult {
  if (!hasDebugCookie(buffer)) return { kind: 'invalid', message: 'no "xdebugpy" cookie at the start of _PyRuntime' };
  const version = buffer.readUInt32LE(8);
  const minor = (version >>> 16) & 0xff;
  if (version >>> 24 !== 3 || (minor !== 13 && minor !== 14)) {
    return { kind: 'invalid', message: `debug offsets of unsupported version 0x${version.toString(16)}` };
  }
  const is314 = minor === 14;
  const needed = is314 ? 760 : 584;
  if (buffer.length < needed)
    return { kind: 'invalid', message: `debug offsets need ${needed} bytes, got ${buffer.length}` };
  const at = (offset: number): number => Number(buffer.readBigUInt64LE(offset));
  // 3.14 inserts interp.threads_main after threads_head: later interp fields move by 8.
  const i = is314 ? 8 : 0;
  const ts = is314 ? 176 : 152;
  const fr = is314 ? 248 : 224;
  const co = is314 ? 312 : 272;
  const ob = is314 ? 400 : 352;
  const ty = is314 ? 416 : 368;
  const di = is314 ? 528 : 448;
  const lo = is314 ? 568 : 488;
  const by = is314 ? 592 : 512;
  const un = is314 ? 616 : 536;
  return {
    kind: 'ok',
    offsets: {
      version,
      freeThreaded: at(16) !== 0,
      runtime: { size: at(24), finalizing: at(32), interpretersHead: at(40) },
      interp: {
        size: at(48),
        id: at(56),
        next: at(64),
        threadsHead: at(72),
        threadsMain: is314 ? at(80) : null,
        gc: at(80 + i),
        importsModules: at(88 + i),
        sysdict: at(96 + i),
        builtins: at(104 + i),
        cevalGil: at(112 + i),
        gilRuntimeState: at(120 + i),
        gilRuntimeStateEnabled: at(128 + i),
        gilRuntimeStateLocked: at(136 + i),
        gilRuntimeStateHolder: at(144 + i),
        codeObjectGeneration: is314 ? at(160) : null,
        tlbcGeneration: is314 ? at(168) : null,
      },
      tstate: {
        size: at(ts),
        prev: at(ts + 8),
        next: at(ts + 16),
        interp: at(ts + 24),
        currentFrame: at(ts + 32),
        threadId: at(ts + 40),
        nativeThreadId: at(ts + 48),
        datastackChunk: at(ts + 56),
        status: at(ts + 64),
      },
      frame: {
        size: at(fr),
        previous: at(fr + 8),
        executable: at(fr + 16),
        instrPtr: at(fr + 24),
        localsplus: at(fr + 32),
        owner: at(fr + 40),
        stackpointer: is314 ? at(fr + 48) : null,
        tlbcIndex: is314 ? at(fr + 56) : null,
      },
      code: {
        size: at(co),
        filename: at(co + 8),
        name: at(co + 16),
        qualname: at(co + 24),
        linetable: at(co + 32),
        firstlineno: at(co + 40),
        argcount: at(co + 48),
        localsplusnames: at(co + 56),
        localspluskinds: at(co + 64),
        coCodeAdaptive: at(co + 72),
        coTlbc: is314 ? at(co + 80) : null,
      },
      pyobject: { size: at(ob), obType: at(ob + 8) },
      typeObject: { size: at(ty), tpName: at(ty + 8), tpRepr: at(ty + 16), tpFlags: at(ty + 24) },
      dict: { size: at(di), maKeys: at(di + 8), maValues: at(di + 16) },
      long: { size: at(lo), lvTag: at(lo + 8), obDigit: at(lo + 16) },
      bytes: { size: at(by), obSize: at(by + 8), obSval: at(by + 16) },
      unicode: { size: at(un), state: at(un + 8), length: at(un + 16), asciiobjectSize: at(un + 24) },
    },
  };
}
