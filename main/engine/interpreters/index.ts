// Interpreter discovery and probing: the public surface of this folder.
export { discoverInterpreters } from './discover-interpreters.ts';
export type { DiscoverOptions, Discovery } from './discover-interpreters.ts';
export { probeInterpreter, DEFAULT_PROBE_TIMEOUT_MS } from './probe-interpreter.ts';
export type { ProbeOptions } from './probe-interpreter.ts';
export { supportsGilToggle, compareVersions, MIN_SUPPORTED_VERSION } from './interpreter.ts';
export type {
  Interpreter,
  InterpreterSource,
  ProbeRejection,
  ProbeResult,
  PythonFacts,
  VersionTuple,
} from './interpreter.ts';
export { compareInterpreters } from './sort-interpreters.ts';
export { defaultProbeCacheFile } from './probe-cache.ts';
export type { PathInput } from './path-bytes.ts';
