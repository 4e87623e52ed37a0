// Which configuration an experiment's speedups are relative to when the user did not say: the GIL build
// the user already runs (a GIL interpreter, else a free-threaded one with the GIL on), so "speedup"
// reads as "what free-threading would give me". The first configuration only when neither exists.
import type { ExperimentConfigResult } from '../../shared/compare-types.ts';

/** The default baseline among `configs`, or null when there are none. */
export function defaultBaseline(
  configs: readonly Pick<ExperimentConfigResult, 'key' | 'interpreter' | 'gilMode'>[],
): string | null {
  const gilBuild = configs.find((config) => !config.interpreter.freeThreaded);
  const gilOn = configs.find((config) => config.interpreter.freeThreaded && config.gilMode === 'on');
  return (gilBuild ?? gilOn ?? configs[0])?.key ?? null;
}
