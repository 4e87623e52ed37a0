// The plainest experiment the engine and service tests start: one script, one interpreter, its default
// GIL mode, repeated, at 100 Hz, nothing varied, until the script ends.
import type { ExperimentSpec } from '../../main/shared/compare-types.ts';

/** An experiment of `repeat` runs of `script` under `python`. */
export function repeatedRunsSpec(script: string, python: string, repeat: number): ExperimentSpec {
  return {
    script,
    args: [],
    cwd: null,
    interpreters: [python],
    gilModes: ['default'],
    repeat,
    vary: null,
    rateHz: 100,
    durationSeconds: null,
  };
}
