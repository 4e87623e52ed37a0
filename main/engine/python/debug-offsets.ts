// Parses `_Py_DebugOffsets`, the first member of `_PyRuntime` from CPython 3.13 on
// (Include/internal/pycore_debug_offsets.h). Every field is a uint64 read through the table shape of its
// version (debug-offsets-tables.ts), so no struct offset is hard-coded here. A version newer than the newest
// known shape is read with that shape and accepted only when every offset is plausible (inside its struct),
// so a release that only appends fields works unchanged and one that reorders them is refused, not misread.
// docs/python-versions.md says what each version's table holds.
import { NEWEST_KNOWN_MINOR, TABLE_SHAPES, fieldPositions, tableBytes } from './debug-offsets-tables.ts';
import type { TableShape } from './debug-offsets-tables.ts';

/** Bytes to read from `_PyRuntime` so that the newest known table is complete. */
export const DEBUG_OFFSETS_READ_SIZE = tableBytes(TABLE_SHAPES.get(NEWEST_KNOWN_MINOR)!);

const COOKIE = 'xdebugpy';

/** The subset of `_Py_DebugOffsets` GILscope uses; null where that version has no such field. */
export interface DebugOffsets {
  version: number;
  freeThreaded: boolean;
  /** Minor version whose table shape was used; differs from the version's own minor for a newer release. */
  shapeMinor: number;
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
    /** `holds_gil` int (3.15+). */
    holdsGil: number | null;
    /** `gil_requested` int (3.15+). */
    gilRequested: number | null;
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
  typeObject: {
    size: number;
    tpName: number;
    tpRepr: number;
    tpFlags: number;
    tpBasicsize: number | null;
    tpDictoffset: number | null;
  };
  heapType: { size: number; cachedKeys: number } | null;
  dict: { size: number; maKeys: number; maValues: number };
  unicode: { size: number; state: number; length: number; asciiobjectSize: number; compactSize: number | null };
  bytes: { size: number; obSize: number; obSval: number };
  long: { size: number; lvTag: number; obDigit: number };
}

/** Why a buffer is not a usable debug-offsets table. */
export type DebugOffsetsResult = { kind: 'ok'; offsets: DebugOffsets } | { kind: 'invalid'; message: string };

/** True when the buffer starts with the `xdebugpy` cookie. */
export function hasDebugCookie(buffer: Buffer): boolean {
  return buffer.length >= 8 && buffer.toString('latin1', 0, 8) === COOKIE;
}

/** Struct sections whose every field is an offset inside the struct its `size` describes. */
const STRUCT_SECTIONS = [
  'runtime_state',
  'interpreter_state',
  'thread_state',
  'interpreter_frame',
  'code_object',
  'pyobject',
  'type_object',
  'dict_object',
  'long_object',
  'bytes_object',
];
/** No struct GILscope reads is anywhere near this big (PyInterpreterState is a few hundred KiB). */
const MAX_STRUCT_SIZE = 1 << 24;

/** The first implausible field of a table read with `shape`, or null when all are inside their structs. */
function implausibleField(shape: TableShape, read: (key: string) => number | null): string | null {
  for (const [section, fields] of shape) {
    if (!STRUCT_SECTIONS.includes(section)) continue;
    const size = read(`${section}.size`)!;
    if (size <= 0 || size > MAX_STRUCT_SIZE) return `${section}.size = ${size}`;
    for (const field of fields) {
      if (field === 'size' || field === 'asciiobject_size' || field === 'compactunicodeobject_size') continue;
      if (field === 'gil_runtime_state_enabled') continue; // an offset inside the GIL struct, 0 on GIL builds
      const value = read(`${section}.${field}`)!;
      if (value >= size) return `${section}.${field} = ${value} (struct size ${size})`;
    }
  }
  return null;
}

function describeVersion(version: number): string {
  return `${version >>> 24}.${(version >>> 16) & 0xff} (0x${version.toString(16)})`;
}

/** Parses the table from the first bytes of `_PyRuntime` (DEBUG_OFFSETS_READ_SIZE is always enough). */
export function parseDebugOffsets(buffer: Buffer): DebugOffsetsResult {
  if (!hasDebugCookie(buffer)) return { kind: 'invalid', message: 'no "xdebugpy" cookie at the start of _PyRuntime' };
  if (buffer.length < 24) return { kind: 'invalid', message: `debug offsets need 24 bytes, got ${buffer.length}` };
  const version = buffer.readUInt32LE(8);
  const minor = (version >>> 16) & 0xff;
  if (version >>> 24 !== 3 || minor < 13)
    return { kind: 'invalid', message: `debug offsets of unsupported version ${describeVersion(version)}` };
  const shapeMinor = Math.min(minor, NEWEST_KNOWN_MINOR);
  const shape = TABLE_SHAPES.get(shapeMinor)!;
  const needed = tableBytes(shape);
  if (buffer.length < needed)
    return { kind: 'invalid', message: `debug offsets need ${needed} bytes, got ${buffer.length}` };
  const positions = fieldPositions(shape);
  const read = (key: string): number | null => {
    const at = positions.get(key);
    return at === undefined ? null : Number(buffer.readBigUInt64LE(at));
  };
  const at = (key: string): number => {
    const value = read(key);
    if (value === null) throw new Error(`table shape of 3.${shapeMinor} lacks ${key}`);
    return value;
  };
  // The table is the first member of _PyRuntime, so it must fit inside the runtime struct.
  const runtimeSize = at('runtime_state.size');
  const implausible =
    runtimeSize < needed ? `runtime_state.size = ${runtimeSize} < table size ${needed}` : implausibleField(shape, read);
  if (implausible !== null) {
    const known = shapeMinor === minor ? `its own 3.${minor} layout` : `the newest known layout (3.${shapeMinor})`;
    return {
      kind: 'invalid',
      message: `debug offsets of CPython ${describeVersion(version)} do not fit ${known}: ${implausible}`,
    };
  }
  const heapTypeSize = read('heap_type_object.size');
  return {
    kind: 'ok',
    offsets: {
      version,
      freeThreaded: buffer.readBigUInt64LE(16) !== 0n,
      shapeMinor,
      runtime: {
        size: runtimeSize,
        finalizing: at('runtime_state.finalizing'),
        interpretersHead: at('runtime_state.interpreters_head'),
      },
      interp: {
        size: at('interpreter_state.size'),
        id: at('interpreter_state.id'),
        next: at('interpreter_state.next'),
        threadsHead: at('interpreter_state.threads_head'),
        threadsMain: read('interpreter_state.threads_main'),
        gc: at('interpreter_state.gc'),
        importsModules: at('interpreter_state.imports_modules'),
        sysdict: at('interpreter_state.sysdict'),
        builtins: at('interpreter_state.builtins'),
        cevalGil: at('interpreter_state.ceval_gil'),
        gilRuntimeState: at('interpreter_state.gil_runtime_state'),
        gilRuntimeStateEnabled: at('interpreter_state.gil_runtime_state_enabled'),
        gilRuntimeStateLocked: at('interpreter_state.gil_runtime_state_locked'),
        gilRuntimeStateHolder: at('interpreter_state.gil_runtime_state_holder'),
        codeObjectGeneration: read('interpreter_state.code_object_generation'),
        tlbcGeneration: read('interpreter_state.tlbc_generation'),
      },
      tstate: {
        size: at('thread_state.size'),
        prev: at('thread_state.prev'),
        next: at('thread_state.next'),
        interp: at('thread_state.interp'),
        currentFrame: at('thread_state.current_frame'),
        threadId: at('thread_state.thread_id'),
        nativeThreadId: at('thread_state.native_thread_id'),
        datastackChunk: at('thread_state.datastack_chunk'),
        status: at('thread_state.status'),
        holdsGil: read('thread_state.holds_gil'),
        gilRequested: read('thread_state.gil_requested'),
      },
      frame: {
        size: at('interpreter_frame.size'),
        previous: at('interpreter_frame.previous'),
        executable: at('interpreter_frame.executable'),
        instrPtr: at('interpreter_frame.instr_ptr'),
        localsplus: at('interpreter_frame.localsplus'),
        owner: at('interpreter_frame.owner'),
        stackpointer: read('interpreter_frame.stackpointer'),
        tlbcIndex: read('interpreter_frame.tlbc_index'),
      },
      code: {
        size: at('code_object.size'),
        filename: at('code_object.filename'),
        name: at('code_object.name'),
        qualname: at('code_object.qualname'),
        linetable: at('code_object.linetable'),
        firstlineno: at('code_object.firstlineno'),
        argcount: at('code_object.argcount'),
        localsplusnames: at('code_object.localsplusnames'),
        localspluskinds: at('code_object.localspluskinds'),
        coCodeAdaptive: at('code_object.co_code_adaptive'),
        coTlbc: read('code_object.co_tlbc'),
      },
      pyobject: { size: at('pyobject.size'), obType: at('pyobject.ob_type') },
      typeObject: {
        size: at('type_object.size'),
        tpName: at('type_object.tp_name'),
        tpRepr: at('type_object.tp_repr'),
        tpFlags: at('type_object.tp_flags'),
        tpBasicsize: read('type_object.tp_basicsize'),
        tpDictoffset: read('type_object.tp_dictoffset'),
      },
      heapType:
        heapTypeSize === null ? null : { size: heapTypeSize, cachedKeys: at('heap_type_object.ht_cached_keys') },
      dict: { size: at('dict_object.size'), maKeys: at('dict_object.ma_keys'), maValues: at('dict_object.ma_values') },
      long: { size: at('long_object.size'), lvTag: at('long_object.lv_tag'), obDigit: at('long_object.ob_digit') },
      bytes: { size: at('bytes_object.size'), obSize: at('bytes_object.ob_size'), obSval: at('bytes_object.ob_sval') },
      unicode: {
        size: at('unicode_object.size'),
        state: at('unicode_object.state'),
        length: at('unicode_object.length'),
        asciiobjectSize: at('unicode_object.asciiobject_size'),
        compactSize: read('unicode_object.compactunicodeobject_size'),
      },
    },
  };
}
