// What an executable or libpython file says about the CPython runtime inside it, read once per file
// version (device, inode, size, mtime) and cached: the sampler retries inspection every ~10 ms.
import fs from 'node:fs';
import path from 'node:path';
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
  /** `PyCode_Type`: tells code objects from other frame executables (stacks/code-type.ts). */
  codeTypeValue: number | null;
  /** From the file name plus the PY_VERSION string in .rodata (micro 0 when not found). */
  fileVersion: { major: number; minor: number; micro: number; hex: number } | null;
  /** DT_NEEDED names a libpython: the runtime will be in that library once the loader maps it. */
  needsLibpython: boolean;
  /** Where the loader will likely find that libpython (RUNPATH/RPATH, then the usual folders); [] if none. */
  libpythonGuesses: string[];
}

const cache = new Map<string, PythonBinaryFacts>();
/** Where Debian's loader looks after RUNPATH (ld.so.conf's multiarch folders and the defaults). */
const SYSTEM_LIBRARY_DIRS = [
  '/usr/local/lib',
  '/lib/x86_64-linux-gnu',
  '/usr/lib/x86_64-linux-gnu',
  '/lib',
  '/usr/lib',
];
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
  const libpythons = elf.neededLibraries().filter((name) => /^libpython\d/.test(name));
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
    codeTypeValue: elf.symbol('PyCode_Type')?.value ?? null,
    fileVersion,
    needsLibpython: libpythons.length > 0,
    libpythonGuesses: libpythons.flatMap((name) =>
      [...elf.librarySearchPaths(), ...SYSTEM_LIBRARY_DIRS].map((dir) =>
        path.join(dir.replace('$ORIGIN', path.dirname(openPath)), name),
      ),
    ),
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

/**
 * Reads an interpreter's facts, and its libpython's if it links one, into the cache ahead of a launch: a
 * large libpython's symbol table takes tens of ms to read, which attaching would otherwise spend in the
 * script's first milliseconds. Anything unreadable (a launcher script) is skipped: attaching reads it then.
 */
export function preloadPythonBinary(executable: string): void {
  let facts: PythonBinaryFacts;
  try {
    facts = pythonBinaryFacts(executable, executable);
  } catch {
    return;
  }
  const library = facts.libpythonGuesses.find((guess) => fs.existsSync(guess));
  if (library === undefined) return;
  try {
    pythonBinaryFacts(library, fs.realpathSync(library));
  } catch {
    // an odd file where the library was expected: attaching finds the real one in the process's maps
  }
}
