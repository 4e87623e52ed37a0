// Where the main interpreter's GIL (`struct _gil_runtime_state`) lives, and one cheap read of it.
// A futex wait whose address falls inside the struct is a GIL wait (docs/state-rules.md): waitsForGil
// below is the only place that rule is written.
import type { Address } from '../model.ts';
import type { SyscallActivity } from '../proc/parse-proc.ts';
import { readPointer } from '../proc/process-memory.ts';
import type { MemoryReader } from '../proc/process-memory.ts';
import type { PythonLayout } from './python-layout.ts';

/**
 * The GIL's address range. `exact: false` (3.7–3.9) means the whole `_PyRuntime` range, which contains
 * the GIL but also other locks; then `fields` is null.
 */
export interface GilLocation {
  address: Address;
  size: number;
  exact: boolean;
  fields: { enabled: number | null; locked: number; lastHolder: number; switchNumber: number } | null;
}

/** The GIL's address range [address, address + size), all the GIL-wait rule needs. */
export type GilRange = Pick<GilLocation, 'address' | 'size'>;

/**
 * The GIL-wait rule: a thread blocked in futex on an address inside the GIL structure waits for the GIL.
 * (CPython's GIL is a mutex and condition variable inside that struct, and a waiter sleeps on them.)
 */
export function waitsForGil(activity: SyscallActivity | null, gil: GilRange | null): boolean {
  return (
    activity?.kind === 'futex' &&
    gil !== null &&
    activity.address >= gil.address &&
    activity.address < gil.address + gil.size
  );
}

/** The GIL at one instant. `enabled` is always true on GIL builds. */
export interface GilReading {
  locked: boolean;
  /** Thread-state address of the last holder; stale (not cleared) once `locked` is false. */
  lastHolder: Address;
  /** Whether the GIL is in force now (free-threaded builds: the `enabled` counter is not 0). */
  enabled: boolean;
  /**
   * Free-threaded builds: enabled only while an extension module loads (docs/gil-location.md §5).
   * The import switches it off again, or on for good, when the module says whether it needs the GIL.
   */
  transient: boolean;
  /** `switch_number`: unchanged between two readings, no thread took the GIL from another meanwhile. */
  switches: number;
}

/** Outcome of locating: `not-ready` when the interpreter has not set its GIL pointer yet. */
export type GilLocateResult = { kind: 'ok'; gil: GilLocation | null } | { kind: 'not-ready'; message: string };

/** Locates the GIL. `runtime` is `_PyRuntime` (address, size); throws MemoryReadError. */
export function locateGil(
  mem: MemoryReader,
  minor: number,
  runtime: { address: Address; size: number },
  layout: PythonLayout | null,
  mainInterpreter: Address | null,
): GilLocateResult {
  if (minor < 7) return { kind: 'ok', gil: null };
  if (!layout) return { kind: 'ok', gil: { address: runtime.address, size: runtime.size, exact: false, fields: null } };
  const { size, ...fields } = layout.gil;
  if (layout.runtime.cevalGil !== null) {
    return { kind: 'ok', gil: { address: runtime.address + layout.runtime.cevalGil, size, exact: true, fields } };
  }
  if (layout.interp.cevalGilPointer === null) return { kind: 'ok', gil: null };
  if (!mainInterpreter) return { kind: 'not-ready', message: 'interpreters.main is still NULL' };
  const address = readPointer(mem.read(mainInterpreter + layout.interp.cevalGilPointer, 8), 0);
  if (address === 0) return { kind: 'not-ready', message: 'the main interpreter has no GIL pointer yet' };
  return { kind: 'ok', gil: { address, size, exact: true, fields } };
}

/** Bytes to read so that every field is covered. */
function readLength(fields: NonNullable<GilLocation['fields']>): number {
  return Math.max(
    fields.locked + 4,
    fields.lastHolder + 8,
    fields.switchNumber + 8,
    fields.enabled === null ? 0 : fields.enabled + 4,
  );
}

const scratch = Buffer.alloc(64);

/** The `enabled` counter's value once the GIL is on for good (PYTHON_GIL=1, or a module that needs it). */
const ENABLED_FOR_GOOD = 0x7fffffff; // C's INT_MAX: below it, the counter counts extension loads in progress

/** Reads locked / last_holder / switch_number / enabled with ONE memory read; null without exact field offsets. Throws MemoryReadError. */
export function readGil(mem: MemoryReader, gil: GilLocation | null): GilReading | null {
  if (!gil?.fields) return null;
  const { fields } = gil;
  const length = readLength(fields);
  if (length > scratch.length) return null;
  mem.readInto(gil.address, scratch, length);
  const enabled = fields.enabled === null ? ENABLED_FOR_GOOD : scratch.readInt32LE(fields.enabled);
  return {
    // -1 while the GIL is not created yet; only 1 means held.
    locked: scratch.readInt32LE(fields.locked) === 1,
    lastHolder: readPointer(scratch, fields.lastHolder),
    enabled: enabled !== 0,
    transient: enabled > 0 && enabled < ENABLED_FOR_GOOD,
    switches: readPointer(scratch, fields.switchNumber),
  };
}
