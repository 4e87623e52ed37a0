// Finds the CPython interpreters on this machine: lists candidates, probes each binary once (cached), sorts.
import { listCandidateDirs } from './candidate-dirs.ts';
import type { Interpreter, ProbeRejection } from './interpreter.ts';
import { listCandidateGroups } from './list-candidates.ts';
import type { CandidateGroup } from './list-candidates.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import type { PathInput } from './path-bytes.ts';
import { defaultProbeCacheFile, noProbeCache, openProbeCache } from './probe-cache.ts';
import { probeInterpreter } from './probe-interpreter.ts';
import { compareInterpreters } from './sort-interpreters.ts';
import type { ProbeOptions } from './probe-interpreter.ts';

/** Options of discoverInterpreters(). */
export interface DiscoverOptions {
  /** Files or folders the user added; files are probed whatever their name. */
  extraPaths?: PathInput[];
  /** As in probeInterpreter(): default `${GILSCOPE_CACHE:-~/.cache/gilscope}/interpreters.json`; null: no cache. */
  cacheFile?: string | null;
  /** Where to look (HOME, PATH, PYENV_ROOT, UV_PYTHON_INSTALL_DIR, CONDA_PREFIX, GILSCOPE_CACHE); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Probe processes running at once; default 4. */
  concurrency?: number;
  timeoutMs?: number;
  onProbeRun?: ProbeOptions['onProbeRun'];
}

/** Usable interpreters (newest first, free-threaded next to its GIL sibling) and why the other candidates were not. */
export interface Discovery {
  interpreters: Interpreter[];
  /** Every probed binary that is not usable CPython (including user paths that do not exist), in scan order. */
  rejected: ProbeRejection[];
}

/** Scans PATH, pyenv, uv, conda, /usr(/local)/bin, GILscope's build cache and the user's paths. */
export async function discoverInterpreters(options: DiscoverOptions = {}): Promise<Discovery> {
  const env = options.env ?? process.env;
  const groups = await listCandidateGroups(await listCandidateDirs(env), options.extraPaths ?? []);
  const cache =
    options.cacheFile === null ? noProbeCache() : await openProbeCache(options.cacheFile ?? defaultProbeCacheFile(env));
  const probeOptions: ProbeOptions = {
    cache,
    env: options.env,
    timeoutMs: options.timeoutMs,
    onProbeRun: options.onProbeRun,
  };
  // Each group is one binary, probed through its best display path (the group's first candidate).
  const results = await mapWithConcurrency(groups, options.concurrency ?? 4, ([best]) =>
    probeInterpreter(best.bytes, probeOptions),
  );
  await cache.save().catch(() => undefined); // an unwritable cache only costs time on the next run
  const interpreters: Interpreter[] = [];
  const rejected: ProbeRejection[] = [];
  results.forEach((result, i) => {
    const [best, ...others] = groups[i] as CandidateGroup;
    if (result.kind !== 'ok') rejected.push(result);
    else
      interpreters.push({
        ...result.interpreter,
        aliases: [best, ...others].map((c) => c.path).sort(),
        source: best.source,
      });
  });
  return { interpreters: interpreters.sort(compareInterpreters), rejected };
}
