// The one entry point for "what CPython runs in process PID, and where are its GIL and threads".
// inspectPythonProcess is cheap to retry (ELF facts are cached per file); the readers after it are
// called per sample and do a fixed, small number of memory reads.
import type { Address } from '../model.ts';
import { MemoryReadError, readPointer } from '../proc/process-memory.ts';
import type { MemoryReader } from '../proc/process-memory.ts';
import { DEBUG_OFFSETS_READ_SIZE, hasDebugCookie, parseDebugOffsets } from './debug-offsets.ts';
import type { DebugOffsets } from './debug-offsets.ts';
import type { PythonBuild } from './py-layout.ts';
import { locateGil, readGil } from './gil-state.ts';
import type { GilLocation, GilReading } from './gil-state.ts';
import { locateRuntime } from './locate-runtime.ts';
import type { LocatedRuntime } from './locate-runtime.ts';
import { builtinLayout, layoutFromDebugOffsets } from './python-layout.ts';
import type { PythonLayout } from './python-layout.ts';
import { isPlausibleVersionHex, versionFromHex } from './python-version.ts';
import type { PythonVersion } from './python-version.ts';
import { walkThreadStates } from './thread-states.ts';
import type { ThreadStateEntry } from './thread-states.ts';

export type { GilLocation, GilReading } from './gil-state.ts';
export type { PythonLayout } from './python-layout.ts';
export type { PythonVersion } from './python-version.ts';
export type { ThreadStateEntry } from './thread-states.ts';

/** Everything known about a CPython process once its runtime is initialised enough to sample. */
export interface PythonProcessInfo {
  pid: number;
  version: PythonVersion;
  freeThreaded: boolean;
  runtime: { address: Address; size: number; binaryPath: string };
  /** `_PyRuntime.interpreters.main`. */
  mainInterpreter: Address | null;
  /** Struct offsets; null for 3.7–3.9 (then only the approximate GIL range is known). */
  layout: PythonLayout | null;
  /** The target's `_Py_DebugOffsets` (3.13+), else null. */
  debugOffsets?: DebugOffsets | null;
  gil: GilLocation | null;
}

/**
 * `not-ready`: retry in a few ms (libpython not mapped yet, interpreter not created yet).
 * `not-python` / `gone` / `unsupported` are final; `unsupported` still says what is known.
 */
export type InspectResult =
  | { kind: 'ok'; info: PythonProcessInfo }
  | { kind: 'not-ready'; message: string }
  | { kind: 'not-python'; message: string }
  | { kind: 'gone'; message: string }
  | { kind: 'unsupported'; message: string; partial: Partial<PythonProcessInfo> & { pid: number } };

/** `interpreters.main` offsets of versions without a layout table (3.7: {head 24, main 32}; 3.8/3.9: 32/40). */
function legacyMainOffset(minor: number): number | null {
  if (minor === 7) return 32;
  if (minor === 8 || minor === 9) return 40;
  return null;
}

type VersionResult =
  | { version: PythonVersion; freeThreaded: boolean; layout: PythonLayout | null; debugOffsets: DebugOffsets | null }
  | { unsupported: string };

function readVersionAndLayout(mem: MemoryReader, runtime: LocatedRuntime): VersionResult {
  const head = mem.read(runtime.address, Math.min(DEBUG_OFFSETS_READ_SIZE, Math.max(runtime.size, 24)));
  if (hasDebugCookie(head)) {
    const parsed = parseDebugOffsets(head);
    if (parsed.kind === 'invalid') return { unsupported: parsed.message };
    const { offsets } = parsed;
    return {
      version: versionFromHex(offsets.version, 'debug-offsets'),
      freeThreaded: offsets.freeThreaded,
      layout: layoutFromDebugOffsets(offsets),
      debugOffsets: offsets,
    };
  }
  let version: PythonVersion | null = null;
  if (runtime.facts.pyVersionValue !== null) {
    const hex = mem.read(runtime.facts.pyVersionValue + runtime.bias, 4).readUInt32LE(0);
    if (isPlausibleVersionHex(hex)) version = versionFromHex(hex, 'Py_Version');
  }
  const fromFile = runtime.facts.fileVersion;
  if (!version && fromFile) version = { ...fromFile, source: 'file-name' };
  if (!version) return { unsupported: `cannot tell the CPython version of ${runtime.binaryPath}` };
  if (version.minor >= 13)
    return { unsupported: `CPython ${version.major}.${version.minor} without valid _Py_DebugOffsets` };
  return { version, freeThreaded: false, layout: builtinLayout(version.minor), debugOffsets: null };
}

function inspectLocated(pid: number, mem: MemoryReader, located: LocatedRuntime): InspectResult {
  const runtime = { address: located.address, size: located.size, binaryPath: located.binaryPath };
  const vl = readVersionAndLayout(mem, located);
  if ('unsupported' in vl) return { kind: 'unsupported', message: vl.unsupported, partial: { pid, runtime } };
  const { version, freeThreaded, layout, debugOffsets } = vl;
  const mainOffset = layout ? layout.runtime.interpretersMain : legacyMainOffset(version.minor);
  const mainInterpreter = mainOffset === null ? null : readPointer(mem.read(located.address + mainOffset, 8), 0);
  if (mainOffset !== null && mainInterpreter === 0)
    return { kind: 'not-ready', message: 'interpreters.main is still NULL' };
  const partial = { pid, version, freeThreaded, runtime, mainInterpreter, layout, debugOffsets };
  if (version.major !== 3 || version.minor < 7) {
    return {
      kind: 'unsupported',
      message: `CPython ${version.major}.${version.minor} is not supported`,
      partial: { ...partial, gil: null },
    };
  }
  const gil = locateGil(mem, version.minor, located, layout, mainInterpreter);
  if (gil.kind === 'not-ready') return gil;
  return { kind: 'ok', info: { ...partial, gil: gil.gil } };
}

/** Finds and reads a CPython runtime in `pid`. Never throws; a failing memory read gives `not-ready` or `gone`. */
export function inspectPythonProcess(pid: number, mem: MemoryReader): InspectResult {
  const located = locateRuntime(pid);
  if (located.kind === 'too-old') {
    const { version } = located;
    return {
      kind: 'unsupported',
      message: located.message,
      partial: {
        pid,
        version: { ...version, source: 'file-name' },
        freeThreaded: false,
        layout: null,
        gil: null,
        mainInterpreter: null,
      },
    };
  }
  if (located.kind !== 'found') return located;
  try {
    return inspectLocated(pid, mem, located.runtime);
  } catch (error) {
    if (!(error instanceof MemoryReadError)) throw error;
    if (error.code === 'ESRCH' || error.code === 'ENOENT') return { kind: 'gone', message: error.message };
    return { kind: 'not-ready', message: `reading the runtime failed: ${error.message}` };
  }
}

/** What the object readers need to know about the target's build (its debug offsets included). */
export function pythonBuildOf(info: PythonProcessInfo): PythonBuild {
  const { major, minor } = info.version;
  return { major, minor, freeThreaded: info.freeThreaded, debugOffsets: info.debugOffsets ?? null };
}

/** The GIL's state with ONE memory read; null when its fields are unknown (≤3.9). Throws MemoryReadError. */
export function readGilSample(mem: MemoryReader, info: PythonProcessInfo): GilReading | null {
  return readGil(mem, info.gil);
}

/**
 * The main interpreter's threads, newest first (at most 4096, cycle-safe); [] without a layout (≤3.9).
 * Throws MemoryReadError only when the interpreter cannot be read (the process is gone). `last`: the
 * previous listing, read ahead in one call when the reader can batch (thread-states.ts).
 */
export function listThreadStates(
  mem: MemoryReader,
  info: PythonProcessInfo,
  last: readonly ThreadStateEntry[] = [],
): ThreadStateEntry[] {
  if (!info.layout || !info.mainInterpreter) return [];
  return walkThreadStates(mem, info.layout, info.mainInterpreter, last);
}

/** Address of the main interpreter's `sys.modules` dict, or null (unknown layout, not set yet). Throws MemoryReadError. */
export function readModulesDictAddress(mem: MemoryReader, info: PythonProcessInfo): Address | null {
  if (!info.layout || !info.mainInterpreter) return null;
  const address = readPointer(mem.read(info.mainInterpreter + info.layout.interp.modules, 8), 0);
  return address === 0 ? null : address;
}
