// The inline script a probe runs, and the parser of the one line it prints.
// The script is valid Python 2 and 3 so that old interpreters report their version instead of a syntax error.
import * as z from 'zod';
import type { PythonFacts } from './interpreter.ts';

/** Marks the probe's output line, so that a program that merely prints JSON is not taken for Python. */
export const PROBE_MARKER = 'GILSCOPE-PROBE ';

// `sys._is_gil_enabled()` is read before any import: an extension module that is not free-threading
// safe would switch the GIL on and hide the build's default.
/** Python source passed with -c. */
export const PROBE_SCRIPT = `
import sys
g = getattr(sys, '_is_gil_enabled', None)
gil = bool(g()) if g else True
import os, json, binascii
try:
    import sysconfig
    ft = sysconfig.get_config_var('Py_GIL_DISABLED') == 1
except Exception:
    ft = False
impl = getattr(sys, 'implementation', None)
if impl is not None:
    name = impl.name
else:
    import platform
    name = platform.python_implementation().lower()
exe = sys.executable or ''
real = os.path.realpath(exe) if exe else ''
enc = getattr(os, 'fsencode', None)
raw = enc(real) if enc else real
v = sys.version_info
sys.stdout.write('${PROBE_MARKER}' + json.dumps({'v': [v[0], v[1], v[2]], 'level': v[3], 'serial': v[4],
    'impl': name, 'ft': ft, 'gil': gil, 'exeHex': binascii.hexlify(raw).decode('ascii')}) + '\\n')
`.trimStart();

const probeLine = z.object({
  v: z.tuple([z.number().int(), z.number().int(), z.number().int()]),
  level: z.string(),
  serial: z.number().int(),
  impl: z.string(),
  ft: z.boolean(),
  gil: z.boolean(),
  exeHex: z.string().regex(/^(?:[0-9a-f]{2})*$/),
});

const LEVEL_SUFFIX: Record<string, string> = { alpha: 'a', beta: 'b', candidate: 'rc' };

/** Finds the marker line in the probe's stdout; null when absent or malformed. */
export function parseProbeOutput(stdout: string): PythonFacts | null {
  const line = stdout.split('\n').find((l) => l.startsWith(PROBE_MARKER));
  if (line === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(line.slice(PROBE_MARKER.length));
  } catch {
    return null;
  }
  const parsed = probeLine.safeParse(json);
  if (!parsed.success) return null;
  const { v, level, serial, impl, ft, gil, exeHex } = parsed.data;
  const suffix = LEVEL_SUFFIX[level];
  return {
    version: `${v.join('.')}${suffix === undefined ? '' : `${suffix}${serial}`}`,
    versionTuple: v,
    implementation: impl,
    freeThreaded: ft,
    gilEnabledByDefault: gil,
    executable: Buffer.from(exeHex, 'hex').toString('utf8'),
  };
}
