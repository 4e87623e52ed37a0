// Byte offsets of the CPython object structs the object readers need, per minor version and build.
// Values for 3.10–3.13 and 3.13t were checked with offsetof() against the local headers and against
// live processes (see docs/gil-location.md §2–§3, docs/unwinder.md §7); 3.14 and 3.15 were checked against live
// Debian builds and their `_Py_DebugOffsets` (docs/python-versions.md). 3.14t and 3.15t, and any minor
// after 3.15 (read with the 3.15 rules), are UNVERIFIED: no such interpreter was available.

import type { DebugOffsets } from './debug-offsets.ts';

/** Which Python a target runs: enough to pick an ObjectLayout. */
export interface PythonBuild {
  major: number;
  minor: number;
  freeThreaded: boolean;
  /** The target's own `_Py_DebugOffsets` (3.13+): every object offset it describes wins over the built-in one. */
  debugOffsets?: DebugOffsets | null;
}

/** Offsets (bytes) into CPython objects for one minor version and build (GIL or free-threaded). */
export interface ObjectLayout {
  /** e.g. "3.12" or "3.13t". */
  label: string;
  /** False when the offsets were never checked against a real interpreter (3.14t, 3.15t, after 3.15). */
  verified: boolean;
  /** `PyObject.ob_type`. */
  obType: number;
  type: {
    name: number;
    basicsize: number;
    flags: number;
    dictoffset: number;
    /** `PyHeapTypeObject.ht_cached_keys`; null before 3.11 (managed dicts did not exist). */
    cachedKeys: number | null;
  };
  str: {
    length: number;
    state: number;
    /** sizeof(PyASCIIObject): where compact ASCII characters start. */
    asciiSize: number;
    /** sizeof(PyCompactUnicodeObject): where compact non-ASCII characters start. */
    compactSize: number;
    /** `PyUnicodeObject.data` pointer, for non-compact strings. */
    data: number;
    /** Bit position of the 3-bit kind field in `state`; compact and ascii are the next two bits. */
    kindShift: number;
  };
  long: {
    /** 'size': signed ob_size is the digit count (≤3.11); 'tag': lv_tag (3.12+). */
    form: 'size' | 'tag';
    sizeOrTag: number;
    digits: number;
  };
  dict: { keys: number; values: number };
  keys: {
    /** 'v310': dk_size + 24-byte entries with hash; 'v311': dk_log2_index_bytes + dk_kind (3.11+). */
    form: 'v310' | 'v311';
    nentries: number;
    indices: number;
  };
  /** Offset of the `values[]` array inside `PyDictValues` (3.13 added a 4-byte header, padded). */
  valuesArray: number;
  /** How an instance's managed dict is found (Py_TPFLAGS_MANAGED_DICT); 'none' on 3.10. */
  managedDict: 'none' | 'v311' | 'v312' | 'v313';
  /** Offset from the object of the managed dict pointer (3.11/3.13) or tagged word (3.12). */
  managedDictOffset: number;
  /** `PyModuleObject.md_dict`. */
  moduleDict: number;
}

/** tp_flags bits used by the readers. */
export const TPFLAGS = { inlineValues: 1 << 2, managedDict: 1 << 4, heapType: 1 << 9 } as const;

const gilHeader = { obType: 8, tpBase: 24, str: 16, long: 16, dict: 32, moduleDict: 16 };
const ftHeader = { obType: 24, tpBase: 40, str: 32, long: 32, dict: 48, moduleDict: 32 };

function build(
  label: string,
  verified: boolean,
  freeThreaded: boolean,
  minor: number,
  kindShift: number,
): ObjectLayout {
  const h = freeThreaded ? ftHeader : gilHeader;
  // PyASCIIObject lost `wstr` (8 bytes) and PyCompactUnicodeObject `wstr_length` (8 bytes) in 3.12.
  const asciiSize = (minor >= 12 ? 40 : 48) + (h.str - 16);
  const compactSize = asciiSize + (minor >= 12 ? 16 : 24);
  // 3.15 grew PyHeapTypeObject before ht_cached_keys (its debug offsets say 888).
  const cachedKeys = minor === 11 ? 872 : minor >= 15 ? 888 : minor >= 12 ? 880 : null;
  return {
    label,
    verified,
    obType: h.obType,
    type: {
      name: h.tpBase,
      basicsize: h.tpBase + 8,
      flags: h.tpBase + 144,
      dictoffset: h.tpBase + 264,
      cachedKeys: cachedKeys === null ? null : cachedKeys + (freeThreaded ? 16 : 0),
    },
    str: {
      length: h.str,
      state: h.str + 16,
      asciiSize,
      compactSize,
      data: compactSize,
      kindShift,
    },
    long: { form: minor >= 12 ? 'tag' : 'size', sizeOrTag: h.long, digits: h.long + 8 },
    dict: { keys: h.dict, values: h.dict + 8 },
    keys: minor >= 11 ? { form: 'v311', nentries: 24, indices: 32 } : { form: 'v310', nentries: 32, indices: 40 },
    valuesArray: minor >= 13 ? 8 : 0,
    managedDict: minor >= 13 ? 'v313' : minor === 12 ? 'v312' : minor === 11 ? 'v311' : 'none',
    managedDictOffset: freeThreaded ? -8 : -24,
    moduleDict: h.moduleDict,
  };
}

/** Newest minor version whose object layout was checked against a live GIL build. */
const NEWEST_VERIFIED_MINOR = 15;

/**
 * The object layout for a Python build, or null when unsupported (before 3.10, 3.10–3.12 free-threaded).
 * A minor after 3.15 gets the 3.15 rules marked unverified: the readers check every pointer and string, so
 * a wrong guess yields no thread names rather than wrong ones.
 */
export function objectLayoutFor(python: PythonBuild): ObjectLayout | null {
  if (python.major !== 3) return null;
  const { minor, freeThreaded } = python;
  if (freeThreaded && minor < 13) return null;
  if (minor < 10) return null;
  const label = `3.${minor}${freeThreaded ? 't' : ''}`;
  // 3.14t widened the `interned` bit field to a byte, moving kind from bit 2 to bit 8.
  const kindShift = minor >= 14 && freeThreaded ? 8 : 2;
  const verified = freeThreaded ? minor === 13 : minor <= NEWEST_VERIFIED_MINOR;
  const layout = build(label, verified, freeThreaded, minor, kindShift);
  return python.debugOffsets ? withTableOffsets(layout, python.debugOffsets) : layout;
}

/** Replaces every offset the debug-offsets table describes with the table's value (3.15 moved ht_cached_keys). */
function withTableOffsets(layout: ObjectLayout, d: DebugOffsets): ObjectLayout {
  return {
    ...layout,
    obType: d.pyobject.obType,
    type: {
      name: d.typeObject.tpName,
      basicsize: d.typeObject.tpBasicsize ?? layout.type.basicsize,
      flags: d.typeObject.tpFlags,
      dictoffset: d.typeObject.tpDictoffset ?? layout.type.dictoffset,
      cachedKeys: d.heapType?.cachedKeys ?? layout.type.cachedKeys,
    },
    str: {
      ...layout.str,
      length: d.unicode.length,
      state: d.unicode.state,
      asciiSize: d.unicode.asciiobjectSize,
      compactSize: d.unicode.compactSize ?? layout.str.compactSize,
      data: d.unicode.compactSize ?? layout.str.data,
    },
    long: { form: 'tag', sizeOrTag: d.long.lvTag, digits: d.long.obDigit },
    dict: { keys: d.dict.maKeys, values: d.dict.maValues },
  };
}
