// What an executable or libpython file says about the CPython runtime inside it, read once per file
// version (device, inode, size, mtime) and cached: the sampler retries inspection every ~10 ms.
import fs from 'node:fs';
import { openElfFile } from '../elf/elf-file.ts';
import type { ElfType } from '../elf/elf-file.ts';
import { finalVersionHex, microFromReadOnlyData, versionFromFileName } from './python-version.ts';

/** Link-time facts of one binary; addresses are st_value (add the load bias). */
export interface PythonBinaryFacts {
  type: ElfType;
  firstLoadVaddr: number;
  /** `_PyRuntime` from .dynsym/.symtab, else the `.PyRuntime` section; null when neither exists. */
  runtime: { value: number; size: number; source: 'symbol' | 'section' } | null;
  /** `Py_Version` (3.11+). */
  pyVersionValue: number | null;
  /** From the file name plus the PY_VERSION string in .rodata (micro 0 when not found). */
  fileVersion: { major: number; minor: number; micro: number; hex: number } | null;
  /** DT_NEEDED names a libpython: the runtime will be in that library once the loader maps it. */
  needsLibpython: boolean;
}

const cache = new Map<string, PythonBinaryFacts>();
const CACHE_LIMIT = 64;

function readFacts(openPath: string, namePath: string): PythonBinaryFacts {
  const elf = openElfFile(openPath);
  const symbol = elf.symbol('_PyRuntime');
  const section = symbol ? null : elf.section('.PyRuntime');
  const runtime = symbol
    ? { value: symbol.value, size: symbol.size, source: 'symbol' as const }
    : section
      ? { value: section.addr, size: section.size, source: 'section' as const }
      : null;
  const pyVersion = elf.symbol('Py_Version');
  let fileVersion: PythonBinaryFacts['fileVersion'] = null;
  const named = versionFromFileName(namePath);
  if (named) {
    // Only binaries without Py_Version (3.10 and older) need the .rodata scan for the micro version.
    const rodata = pyVersion ? null : elf.section('.rodata');
    const micro = (rodata ? microFromReadOnlyData(elf.sectionBytes(rodata), named.major, named.minor) : null) ?? 0;
    fileVersion = { ...named, micro, hex: finalVersionHex(named.major, named.minor, micro) };
  }
  return {
    type: elf.type,
    firstLoadVaddr: elf.firstLoadVaddr() ?? 0,
    runtime,
    pyVersionValue: pyVersion?.value ?? null,
    fileVersion,
    needsLibpython: elf.neededLibraries().some((name) => /^libpython\d/.test(name)),
  };
}

/**
 * Facts about the binary at `openPath` (e.g. /proc/PID/exe or /proc/PID/root/usr/lib/libpython3.12.so.1.0);
 * `namePath` is the name the target sees, used for version-from-name. Throws fs errors and ElfFormatError.
 */
export function pythonBinaryFacts(openPath: string, namePath: string): PythonBinaryFacts {
  const st = fs.statSync(openPath);
  const key = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${namePath.slice(namePath.lastIndexOf('/') + 1)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const facts = readFacts(openPath, namePath);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, facts);
  return facts;
}
