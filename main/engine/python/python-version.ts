// CPython version numbers: decoding PY_VERSION_HEX and guessing from a binary's file name and
// its read-only strings (3.10 and older have no `Py_Version` symbol).

/** A CPython version; `hex` is PY_VERSION_HEX (major<<24 | minor<<16 | micro<<8 | level<<4 | serial). */
export interface PythonVersion {
  major: number;
  minor: number;
  micro: number;
  hex: number;
  /** Where it was read: the `Py_Version` symbol, `_Py_DebugOffsets.version`, or the binary itself. */
  source: 'Py_Version' | 'debug-offsets' | 'file-name';
}

/** Decodes a PY_VERSION_HEX value. */
export function versionFromHex(hex: number, source: PythonVersion['source']): PythonVersion {
  return { major: (hex >>> 24) & 0xff, minor: (hex >>> 16) & 0xff, micro: (hex >>> 8) & 0xff, hex: hex >>> 0, source };
}

/** True for a plausible PY_VERSION_HEX of CPython 3.x (level a, b, c or f). */
export function isPlausibleVersionHex(hex: number): boolean {
  const level = (hex >>> 4) & 0xf;
  return hex >>> 24 === 3 && ((hex >>> 16) & 0xff) < 64 && level >= 0xa && level <= 0xf;
}

const NAME = /python(\d)\.(\d+)/;

/** Major and minor from a name such as `libpython3.10.so.1.0` or `python3.10`, else null. */
export function versionFromFileName(path: string): { major: number; minor: number } | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const m = NAME.exec(base);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

/**
 * Finds the micro version in a binary's .rodata: the NUL-terminated PY_VERSION string ("3.10.13").
 * The linker may tail-merge it into a longer string ("/prefix/versions/3.10.13"), so only the end is anchored.
 */
export function microFromReadOnlyData(rodata: Buffer, major: number, minor: number): number | null {
  const needle = Buffer.from(`${major}.${minor}.`, 'latin1');
  for (let at = rodata.indexOf(needle); at >= 0; at = rodata.indexOf(needle, at + 1)) {
    const before = at > 0 ? (rodata[at - 1] ?? 0) : 0;
    if ((before >= 0x30 && before <= 0x39) || before === 0x2e) continue;
    const end = rodata.indexOf(0, at);
    if (end < 0 || end - at > 24) continue;
    const m = /^\d+\.\d+\.(\d+)(?:(?:a|b|rc)\d+)?\+?$/.exec(rodata.toString('latin1', at, end));
    if (m) return Number(m[1]);
  }
  return null;
}

/** PY_VERSION_HEX for a final release of the given numbers. */
export function finalVersionHex(major: number, minor: number, micro: number): number {
  return ((major << 24) | (minor << 16) | (micro << 8) | 0xf0) >>> 0;
}
