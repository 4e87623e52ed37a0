// The data types of interpreter discovery: what a probe found out and what discovery returns.

/** Where discovery found an interpreter (the folder of its display path decides). */
export type InterpreterSource = 'path' | 'pyenv' | 'uv' | 'conda' | 'system' | 'gilscope-cache' | 'user';

/** [major, minor, micro], e.g. [3, 12, 1]. */
export type VersionTuple = readonly [number, number, number];

/** GILscope can launch CPython 3.6 and newer (stack reading needs 3.10+, decided elsewhere). */
export const MIN_SUPPORTED_VERSION: VersionTuple = [3, 6, 0];

/** What the probe script reports about itself, before any judgement. Cached per binary. */
export interface PythonFacts {
  /** 'X.Y.Z', with the release level appended when not final ('3.14.0rc1'). */
  version: string;
  versionTuple: VersionTuple;
  /** `sys.implementation.name`: 'cpython', 'pypy', … */
  implementation: string;
  /** `sysconfig.get_config_var('Py_GIL_DISABLED') == 1`. */
  freeThreaded: boolean;
  /** `sys._is_gil_enabled()` at start-up in isolated mode; true where that function does not exist. */
  gilEnabledByDefault: boolean;
  /** `os.path.realpath(sys.executable)` as the interpreter sees it (lossy for non-UTF-8 bytes). */
  executable: string;
}

/** A usable CPython interpreter. Invariant: implementation is 'cpython' and version ≥ MIN_SUPPORTED_VERSION. */
export interface Interpreter {
  /** Stable display path, also the one to launch (a UTF-8 alias when there is one). */
  path: string;
  /** The binary the aliases resolve to (symlinks followed). */
  realPath: string;
  /** Every path found for this binary (symlinks and hard links), path included, sorted. */
  aliases: string[];
  version: string;
  versionTuple: VersionTuple;
  implementation: 'cpython';
  freeThreaded: boolean;
  gilEnabledByDefault: boolean;
  source: InterpreterSource;
}

/** The outcome of probing one path. Every kind has a one-line message naming the path. */
export type ProbeResult =
  | { kind: 'ok'; path: string; message: string; interpreter: Interpreter }
  | { kind: 'not-found'; path: string; message: string }
  | { kind: 'not-executable'; path: string; message: string }
  | { kind: 'not-python'; path: string; message: string }
  | { kind: 'not-cpython'; path: string; message: string; implementation: string; version: string }
  | { kind: 'unsupported-version'; path: string; message: string; version: string; versionTuple: VersionTuple }
  | { kind: 'failed'; path: string; message: string };

/** A probe result that did not give an interpreter. */
export type ProbeRejection = Exclude<ProbeResult, { kind: 'ok' }>;

/** PYTHON_GIL=0/1 (or -X gil) may only be set for free-threaded builds: on GIL builds 0 is a fatal error. */
export function supportsGilToggle(interpreter: Pick<Interpreter, 'freeThreaded'>): boolean {
  return interpreter.freeThreaded;
}

/** Orders version tuples: negative when a < b. */
export function compareVersions(a: VersionTuple, b: VersionTuple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
