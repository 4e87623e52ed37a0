// Finds the optional native memory reader (native/read-regions.c, built by scripts/build-native.sh at
// `npm ci`) and loads it once. Absent (no compiler at install, another OS, a bundle without it) or
// switched off with GILSCOPE_NATIVE_READER=0, memory is read with one pread per region.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The addon's one function; see read-regions.c for the contract. Returns the regions read whole. */
export type ReadRegionsFn = (
  pid: number,
  target: Buffer,
  spec: Float64Array,
  count: number,
  status: Int32Array,
) => number;

const ADDON_PATH = path.join('build', 'native', 'read-regions.node');
/** Folders above this module searched for build/native (the source tree and electron-vite's out/ bundle). */
const SEARCH_LEVELS = 6;

let loaded: { fn: ReadRegionsFn | null; why: string } | null = null;

function findAddon(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < SEARCH_LEVELS; level++) {
    const candidate = path.join(dir, ADDON_PATH);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

function load(): { fn: ReadRegionsFn | null; why: string } {
  if (process.env.GILSCOPE_NATIVE_READER === '0') return { fn: null, why: 'switched off (GILSCOPE_NATIVE_READER=0)' };
  if (process.platform !== 'linux') return { fn: null, why: 'not Linux' };
  let file: string | null = null;
  try {
    file = findAddon();
    if (file === null) return { fn: null, why: `${ADDON_PATH} not built (scripts/build-native.sh)` };
    const addon = createRequire(import.meta.url)(file) as { readRegions?: unknown };
    if (typeof addon.readRegions !== 'function') return { fn: null, why: `${file} has no readRegions` };
    return { fn: addon.readRegions as ReadRegionsFn, why: `loaded from ${file}` };
  } catch (error) {
    // A bundle without a file URL, an addon built for another platform: reading goes on with pread.
    return { fn: null, why: `${file ?? ADDON_PATH} failed to load: ${(error as Error).message}` };
  }
}

/** The native reader, or null (then `nativeReaderStatus()` says why). */
export function nativeReadRegions(): ReadRegionsFn | null {
  loaded ??= load();
  return loaded.fn;
}

/** Whether the native reader is in use, and where from or why not (for logs, tests and the bench). */
export function nativeReaderStatus(): { available: boolean; detail: string } {
  loaded ??= load();
  return { available: loaded.fn !== null, detail: loaded.why };
}
