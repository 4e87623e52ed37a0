// Probes one path: checks the file, asks the cache, else runs the probe script once, then judges the answer.
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { MIN_SUPPORTED_VERSION, compareVersions } from './interpreter.ts';
import type { PythonFacts, ProbeResult } from './interpreter.ts';
import { defaultProbeCacheFile, noProbeCache, openProbeCache } from './probe-cache.ts';
import type { CachedOutcome, ProbeCache } from './probe-cache.ts';
import { displayPath, isUtf8Path, pathBytes, pathKey } from './path-bytes.ts';
import type { PathInput } from './path-bytes.ts';
import { runPythonProbe } from './run-python-probe.ts';
import type { ProbeRun } from './run-python-probe.ts';

/** Options of probeInterpreter(). */
export interface ProbeOptions {
  /** The JSON cache file; default `${GILSCOPE_CACHE:-~/.cache/gilscope}/interpreters.json`; null: no cache. */
  cacheFile?: string | null;
  /** An already open cache, shared by many probes (discovery); the caller saves it. Wins over cacheFile. */
  cache?: ProbeCache;
  /** Per-run time limit; default 10 s. */
  timeoutMs?: number;
  /** Environment for the default cache location and the probe process; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Called each time a probe process is actually started (a cache miss): for tests and diagnostics. */
  onProbeRun?: (path: string) => void;
}

/** Default time limit of one probe run. */
export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;

/** Probes one path (string, or Buffer for names that are not UTF-8) and says what it is. Never throws. */
export async function probeInterpreter(path: PathInput, options: ProbeOptions = {}): Promise<ProbeResult> {
  const ownCache = options.cache === undefined;
  const cache =
    options.cache ??
    (options.cacheFile === null
      ? noProbeCache()
      : await openProbeCache(options.cacheFile ?? defaultProbeCacheFile(options.env)));
  const result = await probeWithCache(pathBytes(path), cache, options);
  if (ownCache) await cache.save().catch(() => undefined); // a read-only cache folder must not fail the probe
  return result;
}

async function probeWithCache(bytes: Buffer, cache: ProbeCache, options: ProbeOptions): Promise<ProbeResult> {
  const path = displayPath(bytes);
  let stats: Stats;
  try {
    stats = await stat(bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { kind: 'not-found', path, message: `Python interpreter not found: ${path}` };
    if (code === 'ELOOP')
      return { kind: 'not-found', path, message: `Python interpreter not found: ${path} is a symlink loop` };
    return { kind: 'failed', path, message: `Could not inspect ${path}: ${(error as Error).message}` };
  }
  if (stats.isDirectory())
    return { kind: 'not-executable', path, message: `Not an executable file: ${path} is a directory` };
  if (!stats.isFile())
    return { kind: 'not-executable', path, message: `Not an executable file: ${path} is not a regular file` };
  try {
    await access(bytes, constants.X_OK);
  } catch {
    return { kind: 'not-executable', path, message: `Not an executable file: ${path} has no execute permission` };
  }
  let real: Buffer;
  try {
    real = await realpath(bytes, { encoding: 'buffer' });
  } catch (error) {
    return { kind: 'failed', path, message: `Could not resolve the real path of ${path}: ${(error as Error).message}` };
  }
  const stamp = { key: pathKey(real), mtimeMs: stats.mtimeMs, size: stats.size };
  let outcome: CachedOutcome | ProbeRun | undefined = cache.get(stamp);
  if (outcome === undefined) {
    // Node hands strings to the kernel as UTF-8: a name that is not UTF-8 is run through its real path.
    const file = isUtf8Path(bytes) ? path : isUtf8Path(real) ? displayPath(real) : null;
    if (file === null)
      return { kind: 'failed', path, message: `Cannot run ${path}: neither it nor its real path is valid UTF-8` };
    options.onProbeRun?.(path);
    outcome = await runPythonProbe(file, {
      timeoutMs: options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
      env: options.env,
    });
    if (outcome.kind === 'python' || outcome.kind === 'not-python') cache.set(stamp, outcome);
  }
  switch (outcome.kind) {
    case 'python':
      return judgeFacts(path, displayPath(real), outcome.facts);
    case 'not-python':
      return { kind: 'not-python', path, message: `Not a Python interpreter: ${path} ${outcome.detail}` };
    case 'not-executable':
      return { kind: 'not-executable', path, message: `Not an executable file: ${path} ${outcome.detail}` };
    case 'failed':
      return { kind: 'failed', path, message: `Probing ${path} failed: it ${outcome.detail}` };
  }
}

const IMPLEMENTATION_NAMES: Record<string, string> = {
  cpython: 'CPython',
  pypy: 'PyPy',
  graalpy: 'GraalPy',
  ironpython: 'IronPython',
  jython: 'Jython',
};

function judgeFacts(path: string, realPath: string, facts: PythonFacts): ProbeResult {
  const { version, versionTuple, implementation } = facts;
  const name = IMPLEMENTATION_NAMES[implementation] ?? implementation;
  if (implementation !== 'cpython') {
    return {
      kind: 'not-cpython',
      path,
      implementation,
      version,
      message: `${path} is ${name} ${version}, not CPython: GILscope reads CPython's own memory layout`,
    };
  }
  if (compareVersions(versionTuple, MIN_SUPPORTED_VERSION) < 0) {
    const [major, minor] = versionTuple;
    return {
      kind: 'unsupported-version',
      path,
      version,
      versionTuple,
      message: `${path} is CPython ${version}: Python ${major}.${minor} is not supported (GILscope needs CPython ${MIN_SUPPORTED_VERSION[0]}.${MIN_SUPPORTED_VERSION[1]} or newer)`,
    };
  }
  const flavour = facts.freeThreaded
    ? ` free-threaded (GIL ${facts.gilEnabledByDefault ? 'on' : 'off'} by default)`
    : '';
  return {
    kind: 'ok',
    path,
    message: `${path} is CPython ${version}${flavour}`,
    interpreter: {
      path,
      realPath,
      aliases: [path],
      version,
      versionTuple,
      implementation: 'cpython',
      freeThreaded: facts.freeThreaded,
      gilEnabledByDefault: facts.gilEnabledByDefault,
      source: 'user',
    },
  };
}
