// Reads a type object: its tp_name, flags, sizes and (for heap types) cached instance-dict keys.
import type { Address } from '../model.ts';
import { readPointer, readInt64 } from '../proc/process-memory.ts';
import { isObjectAddress, tryRead } from './py-objects.ts';
import type { PyObjectReader } from './py-objects.ts';
import { TPFLAGS } from './py-layout.ts';

/** What the readers need from a `PyTypeObject`. */
export interface PyTypeInfo {
  address: Address;
  /** `tp_name`, e.g. "str", "dict", "Thread" (heap types: the unqualified name). */
  name: string;
  /** Low 32 bits of `tp_flags` (all flags the readers use live there). */
  flags: number;
  basicsize: number;
  dictoffset: number;
  /** `ht_cached_keys` once read in this pass (see readCachedKeys). */
  cachedKeys?: Address | null;
}

/** tp_flags bits marking subclasses of the builtins (set on the builtins themselves too). */
export const SUBCLASS_FLAGS = { int: 1 << 24, str: 1 << 28, dict: 1 << 29 } as const;

const MAX_NAME_BYTES = 256;
const PAGE = 4096;

/** Reads a NUL-terminated ASCII-ish C string (≤ 256 bytes) without reading across a page it doesn't need. */
function readCString(r: PyObjectReader, address: Address): string | null {
  let text = '';
  let at = address;
  while (text.length < MAX_NAME_BYTES) {
    const chunk = Math.min(MAX_NAME_BYTES - text.length, PAGE - (at % PAGE));
    const buf = tryRead(r, at, chunk);
    if (!buf) return null;
    const nul = buf.indexOf(0);
    text += buf.toString('latin1', 0, nul === -1 ? buf.length : nul);
    if (nul !== -1) return text;
    at += chunk;
  }
  return null;
}

/** Reads the type object at `type` (cached per pass). Null when it does not look like a type. */
export function readType(r: PyObjectReader, type: Address): PyTypeInfo | null {
  const cached = r.types.get(type);
  if (cached !== undefined) return cached;
  let info: PyTypeInfo | null = null;
  if (isObjectAddress(type)) {
    const t = r.layout.type;
    const buf = tryRead(r, type, t.dictoffset + 8);
    if (buf) {
      const namePtr = readPointer(buf, t.name);
      const basicsize = readInt64(buf, t.basicsize);
      const name = namePtr >= 0x1000 ? readCString(r, namePtr) : null;
      if (name && /^[\x21-\x7e\x80-\xff]+$/.test(name) && basicsize > 0 && basicsize < 1 << 20) {
        info = {
          address: type,
          name,
          flags: buf.readUInt32LE(t.flags),
          basicsize,
          dictoffset: readInt64(buf, t.dictoffset),
        };
      }
    }
  }
  r.types.set(type, info);
  return info;
}

/** Reads `ob_type` of the object at `object`, then that type. */
export function readTypeOf(r: PyObjectReader, object: Address): PyTypeInfo | null {
  if (!isObjectAddress(object)) return null;
  const head = tryRead(r, object, r.layout.obType + 8);
  return head ? readType(r, readPointer(head, r.layout.obType)) : null;
}

/** The type name of the object at `object` (`type(obj).__name__` for builtins), or null. */
export function readTypeName(r: PyObjectReader, object: Address): string | null {
  return readTypeOf(r, object)?.name ?? null;
}

/** Whether `type` is the builtin `kind` or a subclass of it (by tp_name, else the subclass flag). */
export function isTypeOf(type: PyTypeInfo | null, kind: 'str' | 'int' | 'dict'): boolean {
  if (!type) return false;
  return type.name === kind || (type.flags & SUBCLASS_FLAGS[kind]) !== 0;
}

/** `ht_cached_keys` of a heap type (3.11+): the shared keys of its instances' split dicts; null if absent. */
export function readCachedKeys(r: PyObjectReader, type: PyTypeInfo): Address | null {
  const offset = r.layout.type.cachedKeys;
  if (offset === null || (type.flags & TPFLAGS.heapType) === 0) return null;
  if (type.cachedKeys !== undefined) return type.cachedKeys;
  const buf = tryRead(r, type.address + offset, 8);
  const keys = buf ? readPointer(buf, 0) : 0;
  type.cachedKeys = isObjectAddress(keys) ? keys : null;
  return type.cachedKeys;
}
