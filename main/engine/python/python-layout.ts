// Struct offsets of one CPython minor version (x86-64, glibc, release builds): hard-coded for
// 3.10–3.12 (docs/gil-location.md §3, §5, docs/unwinder.md §1; checked with offsetof against local
// headers), derived from `_Py_DebugOffsets` for 3.13 and later. A stack unwinder reads frames and code objects through it.
import type { DebugOffsets } from './debug-offsets.ts';

/** How to get from a thread state to its innermost frame. */
export type FrameAccess =
  /** 3.10 `tstate->frame` (PyFrameObject*), 3.13+ `tstate->current_frame` (_PyInterpreterFrame*). */
  | { kind: 'direct'; offset: number }
  /** 3.11/3.12: `tstate->cframe` then `cframe->current_frame`. */
  | { kind: 'via-cframe'; cframe: number; currentFrame: number };

/** Offsets inside `struct _gil_runtime_state`, and its size. `enabled` exists only on free-threaded builds. */
export interface GilFieldLayout {
  size: number;
  enabled: number | null;
  lastHolder: number;
  locked: number;
  /** `switch_number`: counts the times a thread other than the last holder took the GIL. */
  switchNumber: number;
}

/**
 * `switch_number` follows `int locked` in every version 3.10–3.15, aligned to 8 bytes (docs/gil-location.md
 * §5); the debug offsets do not list it, so it is placed from `locked`.
 */
export function switchNumberAfter(locked: number): number {
  return locked + 8;
}

/** Offsets (bytes) of the fields GILscope reads; null where the version lacks the field. */
export interface PythonLayout {
  minor: number;
  freeThreaded: boolean;
  runtime: {
    interpretersHead: number;
    interpretersMain: number;
    /** Embedded `_PyRuntime.ceval.gil` (3.10/3.11). */
    cevalGil: number | null;
    /** `_PyRuntime.gilstate.tstate_current` (3.10/3.11); NULL when no thread holds the GIL. */
    gilstateTstateCurrent: number | null;
  };
  interp: {
    size: number | null;
    next: number;
    threadsHead: number;
    /** `threads.main` (3.14). */
    threadsMain: number | null;
    /** `modules` (3.10/3.11), `imports.modules` (3.12+): the sys.modules dict pointer. */
    modules: number;
    /** `ceval.gil`, a pointer to the interpreter's GIL (3.12+). */
    cevalGilPointer: number | null;
    /** `_gil`, the interpreter's own embedded GIL struct (3.12+). */
    ownGil: number | null;
  };
  tstate: {
    size: number | null;
    prev: number;
    next: number;
    interp: number;
    frame: FrameAccess;
    /** pthread_t, = threading.get_ident(). */
    threadId: number;
    /** Kernel TID (3.11+). */
    nativeThreadId: number | null;
    /** `datastack_chunk` (3.11+): chunks hold `previous`, `size`, `top`, then frames. */
    datastackChunk: number | null;
    /** `_status` bit field (3.13+; bit 5 = holds_gil on 3.13). */
    status: number | null;
    /** `state` int (3.13+): 0 detached, 1 attached, 2 suspended. */
    state: number | null;
  };
  frame: {
    /** 'frame-object' = PyFrameObject (3.10); 'interpreter-frame' = _PyInterpreterFrame (3.11+). */
    kind: 'frame-object' | 'interpreter-frame';
    size: number | null;
    /** f_code / f_executable. */
    code: number;
    /** f_back (3.10) / previous. */
    previous: number;
    /** f_globals: the code cache checks it to notice a code object address reused by another module's code. */
    globals: number;
    /** f_lasti (int, code units, 3.10) / prev_instr (3.11, 3.12) / instr_ptr (3.13+). */
    instr: number;
    instrKind: 'f_lasti' | 'prev_instr' | 'instr_ptr';
    /** char owner (3.11+). */
    owner: number | null;
    /** char is_entry (3.11 only). */
    isEntry: number | null;
    localsplus: number | null;
    stackpointer: number | null;
    tlbcIndex: number | null;
  };
  code: {
    filename: number;
    name: number;
    qualname: number | null;
    linetable: number;
    /** int. */
    firstlineno: number;
    /** Inline bytecode (3.11+). */
    codeAdaptive: number | null;
    /** co_code bytes object (3.10). */
    coCode: number | null;
    /** co_tlbc (3.14t thread-local bytecode). */
    coTlbc: number | null;
  };
  object: { headerSize: number; obType: number };
  gil: GilFieldLayout;
}

/** The GIL struct as in GIL builds 3.10–3.14: interval, last_holder, locked, … */
export const GIL_BUILD_GIL_FIELDS: GilFieldLayout = {
  size: 208,
  enabled: null,
  lastHolder: 8,
  locked: 16,
  switchNumber: switchNumberAfter(16),
};
/** 3.13t: `int enabled` first, everything else 8 bytes later. */
export const FREE_THREADED_GIL_FIELDS: GilFieldLayout = {
  size: 216,
  enabled: 0,
  lastHolder: 16,
  locked: 24,
  switchNumber: switchNumberAfter(24),
};

const GIL_OBJECT = { headerSize: 16, obType: 8 };

const LAYOUT_3_10: PythonLayout = {
  minor: 10,
  freeThreaded: false,
  runtime: { interpretersHead: 32, interpretersMain: 40, cevalGil: 352, gilstateTstateCurrent: 568 },
  interp: { size: null, next: 0, threadsHead: 8, threadsMain: null, modules: 856, cevalGilPointer: null, ownGil: null },
  tstate: {
    size: null,
    prev: 0,
    next: 8,
    interp: 16,
    frame: { kind: 'direct', offset: 24 },
    threadId: 176,
    nativeThreadId: null,
    datastackChunk: null,
    status: null,
    state: null,
  },
  frame: {
    kind: 'frame-object',
    size: null,
    code: 32,
    previous: 24,
    globals: 48,
    instr: 96,
    instrKind: 'f_lasti',
    owner: null,
    isEntry: null,
    localsplus: null,
    stackpointer: null,
    tlbcIndex: null,
  },
  code: {
    filename: 104,
    name: 112,
    qualname: null,
    linetable: 120,
    firstlineno: 40,
    codeAdaptive: null,
    coCode: 48,
    coTlbc: null,
  },
  object: GIL_OBJECT,
  gil: GIL_BUILD_GIL_FIELDS,
};

// tstate size and datastack_chunk, frame size and localsplus: offsetof against local 3.11.7 / 3.12.1 headers.
const LAYOUT_3_11: PythonLayout = {
  minor: 11,
  freeThreaded: false,
  runtime: { interpretersHead: 40, interpretersMain: 48, cevalGil: 360, gilstateTstateCurrent: 576 },
  interp: {
    size: 107752,
    next: 0,
    threadsHead: 16,
    threadsMain: null,
    modules: 888,
    cevalGilPointer: null,
    ownGil: null,
  },
  tstate: {
    size: 360,
    prev: 0,
    next: 8,
    interp: 16,
    frame: { kind: 'via-cframe', cframe: 56, currentFrame: 8 },
    threadId: 152,
    nativeThreadId: 160,
    datastackChunk: 296,
    status: null,
    state: null,
  },
  frame: {
    kind: 'interpreter-frame',
    size: 80,
    code: 32,
    previous: 48,
    globals: 8,
    instr: 56,
    instrKind: 'prev_instr',
    owner: 69,
    isEntry: 68,
    localsplus: 72,
    stackpointer: null,
    tlbcIndex: null,
  },
  code: {
    filename: 112,
    name: 120,
    qualname: 128,
    linetable: 136,
    firstlineno: 72,
    codeAdaptive: 184,
    coCode: null,
    coTlbc: null,
  },
  object: GIL_OBJECT,
  gil: GIL_BUILD_GIL_FIELDS,
};

const LAYOUT_3_12: PythonLayout = {
  minor: 12,
  freeThreaded: false,
  runtime: { interpretersHead: 40, interpretersMain: 48, cevalGil: null, gilstateTstateCurrent: null },
  interp: {
    size: 383552,
    next: 0,
    threadsHead: 72,
    threadsMain: null,
    modules: 944,
    cevalGilPointer: 384,
    ownGil: 1040,
  },
  tstate: {
    size: 288,
    prev: 0,
    next: 8,
    interp: 16,
    frame: { kind: 'via-cframe', cframe: 56, currentFrame: 0 },
    threadId: 136,
    nativeThreadId: 144,
    datastackChunk: 232,
    status: null,
    state: null,
  },
  frame: {
    kind: 'interpreter-frame',
    size: 80,
    code: 0,
    previous: 8,
    globals: 24,
    instr: 56,
    instrKind: 'prev_instr',
    owner: 70,
    isEntry: null,
    localsplus: 72,
    stackpointer: null,
    tlbcIndex: null,
  },
  code: {
    filename: 112,
    name: 120,
    qualname: 128,
    linetable: 136,
    firstlineno: 68,
    codeAdaptive: 192,
    coCode: null,
    coTlbc: null,
  },
  object: GIL_OBJECT,
  gil: GIL_BUILD_GIL_FIELDS,
};

/** The hard-coded layout of 3.10, 3.11 or 3.12, else null (3.13+ need debug offsets; ≤3.9 unsupported). */
export function builtinLayout(minor: number): PythonLayout | null {
  if (minor === 10) return LAYOUT_3_10;
  if (minor === 11) return LAYOUT_3_11;
  if (minor === 12) return LAYOUT_3_12;
  return null;
}

/** Builds the layout of 3.13 or later (GIL or free-threaded) from its debug offsets. */
export function layoutFromDebugOffsets(d: DebugOffsets): PythonLayout {
  const minor = (d.version >>> 16) & 0xff;
  const gilBase = d.interp.gilRuntimeState;
  return {
    minor,
    freeThreaded: d.freeThreaded,
    // interpreters.main sits right after interpreters.head (struct pyinterpreters: mutex, head, main, …).
    runtime: {
      interpretersHead: d.runtime.interpretersHead,
      interpretersMain: d.runtime.interpretersHead + 8,
      cevalGil: null,
      gilstateTstateCurrent: null,
    },
    interp: {
      size: d.interp.size,
      next: d.interp.next,
      threadsHead: d.interp.threadsHead,
      threadsMain: d.interp.threadsMain,
      modules: d.interp.importsModules,
      cevalGilPointer: d.interp.cevalGil,
      ownGil: gilBase,
    },
    tstate: {
      size: d.tstate.size,
      prev: d.tstate.prev,
      next: d.tstate.next,
      interp: d.tstate.interp,
      frame: { kind: 'direct', offset: d.tstate.currentFrame },
      threadId: d.tstate.threadId,
      nativeThreadId: d.tstate.nativeThreadId,
      datastackChunk: d.tstate.datastackChunk,
      status: d.tstate.status,
      // Not in the debug offsets and read by nothing yet: 3.13 and 3.14 from their headers; 3.15 moved it.
      state: minor === 13 ? 40 : minor === 14 ? 44 : null,
    },
    frame: {
      kind: 'interpreter-frame',
      size: d.frame.size,
      code: d.frame.executable,
      previous: d.frame.previous,
      // Not in the debug offsets: f_executable, previous, f_funcobj, then f_globals (pycore_frame.h 3.13,
      // pycore_interpframe_structs.h 3.14 and 3.15).
      globals: 24,
      instr: d.frame.instrPtr,
      instrKind: 'instr_ptr',
      owner: d.frame.owner,
      isEntry: null,
      localsplus: d.frame.localsplus,
      stackpointer: d.frame.stackpointer,
      tlbcIndex: d.frame.tlbcIndex,
    },
    code: {
      filename: d.code.filename,
      name: d.code.name,
      qualname: d.code.qualname,
      linetable: d.code.linetable,
      firstlineno: d.code.firstlineno,
      codeAdaptive: d.code.coCodeAdaptive,
      coCode: null,
      coTlbc: d.code.coTlbc,
    },
    object: { headerSize: d.pyobject.size, obType: d.pyobject.obType },
    // locked/holder are given from the interpreter; subtract `_gil` to get offsets inside the struct.
    gil: {
      size: d.freeThreaded ? FREE_THREADED_GIL_FIELDS.size : GIL_BUILD_GIL_FIELDS.size,
      enabled: d.freeThreaded ? d.interp.gilRuntimeStateEnabled : null,
      lastHolder: d.interp.gilRuntimeStateHolder - gilBase,
      locked: d.interp.gilRuntimeStateLocked - gilBase,
      switchNumber: switchNumberAfter(d.interp.gilRuntimeStateLocked - gilBase),
    },
  };
}
