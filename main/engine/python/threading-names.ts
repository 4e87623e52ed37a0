// Maps threading.get_ident() values to Thread names by walking the target's objects:
// sys.modules["threading"].__dict__["_active"] → {ident: Thread} → Thread.__dict__["_name"].
import type { Address } from '../model.ts';
import type { MemoryReader } from '../proc/process-memory.ts';
import { readPointer } from '../proc/process-memory.ts';
import { readDictItems, readDictStorage, dictGetStr } from './py-dict.ts';
import type { DictStorage } from './py-dict.ts';
import { readInstanceDict } from './py-instance-dict.ts';
import { readPyInt } from './py-int.ts';
import { createObjectReader, objectLayoutFor, tryRead } from './py-objects.ts';
import type { KeyAddressCache, PyObjectReader, PythonBuild } from './py-objects.ts';
import { readPyStr } from './py-str.ts';
import { readTypeOf } from './py-type.ts';

/** Threads read at most from `_active`. */
const MAX_THREADS = 4096;
/** Syscalls one call may make: a large sys.modules with no key cache costs one per module. */
const MAX_READS = 20_000;
/** Thread names are cut to this many characters. */
const MAX_NAME_CHARS = 4096;

function moduleDictOf(r: PyObjectReader, module: Address): Address | null {
  const type = readTypeOf(r, module);
  if (!type || type.name !== 'module') return null;
  const buf = tryRead(r, module + r.layout.moduleDict, 8);
  return buf ? readPointer(buf, 0) : null;
}

/** The `_active` dict's storage: sys.modules["threading"].__dict__["_active"]. */
function activeThreads(r: PyObjectReader, modulesDict: Address): DictStorage | null {
  const modules = readDictStorage(r, modulesDict);
  const threading = modules ? dictGetStr(r, modules, 'threading') : null;
  const globalsAddress = threading === null ? null : moduleDictOf(r, threading);
  const globals = globalsAddress === null ? null : readDictStorage(r, globalsAddress);
  const active = globals ? dictGetStr(r, globals, '_active') : null;
  return active === null ? null : readDictStorage(r, active);
}

function walk(r: PyObjectReader, modulesDict: Address, names: Map<number, string>): void {
  const active = activeThreads(r, modulesDict);
  const items = active ? readDictItems(r, active, MAX_THREADS) : null;
  for (const { key, value } of items ?? []) {
    const ident = readPyInt(r, key);
    if (ident === null || ident <= 0) continue;
    const attrs = readInstanceDict(r, value);
    const nameAddress = attrs ? dictGetStr(r, attrs, '_name') : null;
    const name = nameAddress === null ? null : readPyStr(r, nameAddress, MAX_NAME_CHARS);
    if (name !== null) names.set(ident, name);
  }
}

/**
 * Reads `threading._active` of the target: `threading.get_ident()` value (pthread_t) → `Thread.name`.
 * `modulesDict` is the address of `sys.modules` (the interpreter's `modules`). Never throws: on a
 * racing or garbage target it returns what it could read (an empty map at worst). Pass the same
 * `keyAddresses` map on every call for one process to skip most key comparisons (≈10 reads a call).
 */
export function readThreadingNames(
  mem: MemoryReader,
  modulesDict: Address,
  python: PythonBuild,
  keyAddresses?: KeyAddressCache,
): Map<number, string> {
  const names = new Map<number, string>();
  const layout = objectLayoutFor(python);
  if (!layout) return names;
  const r = createObjectReader(mem, layout, { maxReads: MAX_READS, keyAddresses });
  try {
    walk(r, modulesDict, names);
  } catch {
    // The readers return null rather than throw; this only guards against a bug turning into a crash.
  }
  return names;
}
