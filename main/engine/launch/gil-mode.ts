import type { GilMode } from '../../shared/vocabulary.ts';

/** The PYTHON_GIL value for a mode; undefined means "leave it unset". */
export function pythonGilEnv(mode: GilMode): string | undefined {
  return mode === 'on' ? '1' : mode === 'off' ? '0' : undefined;
}

/** `env` with PYTHON_GIL as `mode` asks: set to 0 or 1, or removed for `default` (the build decides). */
export function envWithGilMode(
  env: Record<string, string | undefined>,
  mode: GilMode,
): Record<string, string | undefined> {
  const result = { ...env };
  const gil = pythonGilEnv(mode);
  if (gil === undefined) delete result.PYTHON_GIL;
  else result.PYTHON_GIL = gil;
  return result;
}

/**
 * Why a GIL mode cannot be used with an interpreter, or null when it can. CPython makes PYTHON_GIL=0
 * fatal on GIL builds; PYTHON_GIL=1 does nothing there, so both toggles are refused for clarity.
 */
export function gilModeRefusal(
  mode: GilMode,
  interpreter: { path: string; version: string; freeThreaded: boolean },
): string | null {
  if (mode === 'default' || interpreter.freeThreaded) return null;
  return `--gil ${mode} needs a free-threaded CPython (3.13t or newer); ${interpreter.path} is CPython ${interpreter.version} with the GIL built in`;
}
