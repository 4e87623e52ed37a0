// The shape of `_Py_DebugOffsets` per CPython minor version (Include/internal/pycore_debug_offsets.h of
// 3.13, 3.14 and 3.15, read from the headers Debian ships in libpython3.X-dev). The table is an 8-byte
// cookie followed by uint64 fields only, so a field's position is 8 × its index in this list. Each
// version lists every field in order, including the ones GILscope ignores, because they move the rest.

/** Sections in table order, each with its fields in order ("size" is sizeof the described struct). */
export type TableShape = ReadonlyArray<readonly [section: string, fields: readonly string[]]>;

const RUNTIME = ['runtime_state', ['size', 'finalizing', 'interpreters_head']] as const;
const INTERP_313 = [
  'size',
  'id',
  'next',
  'threads_head',
  'gc',
  'imports_modules',
  'sysdict',
  'builtins',
  'ceval_gil',
  'gil_runtime_state',
  'gil_runtime_state_enabled',
  'gil_runtime_state_locked',
  'gil_runtime_state_holder',
];
// 3.14 added threads_main after threads_head, and the two generation counters at the end.
const INTERP_314 = [
  ...INTERP_313.slice(0, 4),
  'threads_main',
  ...INTERP_313.slice(4),
  'code_object_generation',
  'tlbc_generation',
];
const TSTATE_313 = [
  'size',
  'prev',
  'next',
  'interp',
  'current_frame',
  'thread_id',
  'native_thread_id',
  'datastack_chunk',
  'status',
];
// 3.15 inserted base_frame and the last-profiled pair after current_frame, and appended holds_gil,
// gil_requested and the exception fields.
const TSTATE_315 = [
  ...TSTATE_313.slice(0, 5),
  'base_frame',
  'last_profiled_frame',
  'last_profiled_frame_seq',
  ...TSTATE_313.slice(5),
  'holds_gil',
  'gil_requested',
  'current_exception',
  'exc_state',
];
const FRAME_313 = ['size', 'previous', 'executable', 'instr_ptr', 'localsplus', 'owner'];
const FRAME_314 = [...FRAME_313, 'stackpointer', 'tlbc_index'];
const CODE_313 = [
  'size',
  'filename',
  'name',
  'qualname',
  'linetable',
  'firstlineno',
  'argcount',
  'localsplusnames',
  'localspluskinds',
  'co_code_adaptive',
];
const CODE_314 = [...CODE_313, 'co_tlbc'];
const PYOBJECT = ['pyobject', ['size', 'ob_type']] as const;
const TYPE_313 = ['size', 'tp_name', 'tp_repr', 'tp_flags'];
const TUPLE = ['tuple_object', ['size', 'ob_item', 'ob_size']] as const;
const LIST = ['list_object', ['size', 'ob_item', 'ob_size']] as const;
const SET = ['set_object', ['size', 'used', 'table', 'mask']] as const;
const DICT = ['dict_object', ['size', 'ma_keys', 'ma_values']] as const;
const FLOAT = ['float_object', ['size', 'ob_fval']] as const;
const LONG = ['long_object', ['size', 'lv_tag', 'ob_digit']] as const;
const BYTES = ['bytes_object', ['size', 'ob_size', 'ob_sval']] as const;
const UNICODE_313 = ['size', 'state', 'length', 'asciiobject_size'];
const GEN = ['gen_object', ['size', 'gi_name', 'gi_iframe', 'gi_frame_state']] as const;
const LLIST = ['llist_node', ['next', 'prev']] as const;
const DEBUGGER = [
  'debugger_support',
  [
    'eval_breaker',
    'remote_debugger_support',
    'remote_debugging_enabled',
    'debugger_pending_call',
    'debugger_script_path',
    'debugger_script_path_size',
  ],
] as const;

const TABLE_3_13: TableShape = [
  RUNTIME,
  ['interpreter_state', INTERP_313],
  ['thread_state', TSTATE_313],
  ['interpreter_frame', FRAME_313],
  ['code_object', CODE_313],
  PYOBJECT,
  ['type_object', TYPE_313],
  TUPLE,
  LIST,
  DICT,
  FLOAT,
  LONG,
  BYTES,
  ['unicode_object', UNICODE_313],
  ['gc', ['size', 'collecting']],
];

const TABLE_3_14: TableShape = [
  RUNTIME,
  ['interpreter_state', INTERP_314],
  ['thread_state', TSTATE_313],
  ['interpreter_frame', FRAME_314],
  ['code_object', CODE_314],
  PYOBJECT,
  ['type_object', TYPE_313],
  TUPLE,
  LIST,
  SET,
  DICT,
  FLOAT,
  LONG,
  BYTES,
  ['unicode_object', UNICODE_313],
  ['gc', ['size', 'collecting']],
  GEN,
  LLIST,
  DEBUGGER,
];

const TABLE_3_15: TableShape = [
  RUNTIME,
  ['interpreter_state', INTERP_314],
  ['thread_state', TSTATE_315],
  ['err_stackitem', ['exc_value']],
  ['interpreter_frame', FRAME_314],
  ['code_object', CODE_314],
  PYOBJECT,
  ['type_object', [...TYPE_313, 'tp_basicsize', 'tp_dictoffset']],
  ['heap_type_object', ['size', 'ht_cached_keys']],
  TUPLE,
  LIST,
  SET,
  DICT,
  FLOAT,
  LONG,
  BYTES,
  ['unicode_object', [...UNICODE_313, 'compactunicodeobject_size']],
  ['gc', ['size', 'collecting', 'frame', 'generation_stats_size', 'generation_stats']],
  GEN,
  LLIST,
  DEBUGGER,
];

/** Known table shapes by minor version; the last one is the newest. */
export const TABLE_SHAPES: ReadonlyMap<number, TableShape> = new Map([
  [13, TABLE_3_13],
  [14, TABLE_3_14],
  [15, TABLE_3_15],
]);

/** The newest minor version whose table shape GILscope knows. */
export const NEWEST_KNOWN_MINOR = Math.max(...TABLE_SHAPES.keys());

/** Bytes of the header before the first section: cookie, version, free_threaded. */
export const TABLE_HEADER_BYTES = 24;

/** Total bytes a table of this shape occupies. */
export function tableBytes(shape: TableShape): number {
  return TABLE_HEADER_BYTES + 8 * shape.reduce((sum, [, fields]) => sum + fields.length, 0);
}

/** Byte position of every `section.field` from the start of the table. */
export function fieldPositions(shape: TableShape): Map<string, number> {
  const positions = new Map<string, number>();
  let at = TABLE_HEADER_BYTES;
  for (const [section, fields] of shape) {
    for (const field of fields) {
      positions.set(`${section}.${field}`, at);
      at += 8;
    }
  }
  return positions;
}
