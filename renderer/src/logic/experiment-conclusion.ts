// An experiment's answer in one sentence with its uncertainty, each configuration's speedup range
// (from the repetitions' fastest and slowest wall times), and the time left while it runs. Pure.
import type { ExperimentConfigResult, ExperimentView } from '../../../main/shared/compare-types.ts';

/** Speedup against the baseline from the median, and its range: slowest vs fastest repetitions either way. */
export interface SpeedupRange {
  median: number;
  min: number;
  max: number;
}

/** The speedup range of `config` against `baseline`; null when either has no completed run. */
export function speedupRange(
  config: Pick<ExperimentConfigResult, 'wallSeconds'>,
  baseline: Pick<ExperimentConfigResult, 'wallSeconds'>,
): SpeedupRange | null {
  const wall = config.wallSeconds;
  const base = baseline.wallSeconds;
  if (!wall || !base || wall.min <= 0 || wall.max <= 0 || wall.median <= 0) return null;
  return { median: base.median / wall.median, min: base.min / wall.max, max: base.max / wall.min };
}

const times = (value: number): string => `${value.toFixed(2)}×`;

/**
 * "3.13t GIL off ran 1.84× as fast as 3.12 (1.70×–1.98× over 3 runs each)": the configuration furthest from
 * the baseline, said plainly; when its range includes 1× the difference is within the noise and it says so.
 */
export function experimentConclusion(view: Pick<ExperimentView, 'configs' | 'baselineKey' | 'spec'>): string | null {
  const baseline = view.configs.find((c) => c.key === view.baselineKey);
  if (!baseline || !baseline.wallSeconds) return null;
  const ranked = view.configs
    .filter((c) => c !== baseline)
    .map((c) => ({ config: c, range: speedupRange(c, baseline) }))
    .filter((entry): entry is { config: ExperimentConfigResult; range: SpeedupRange } => entry.range !== null)
    .sort((a, b) => Math.abs(Math.log(b.range.median)) - Math.abs(Math.log(a.range.median)));
  const best = ranked[0];
  if (!best) return null;
  const { config, range } = best;
  const runs = Math.min(config.runIds.length - config.failures, baseline.runIds.length - baseline.failures);
  const spread = `${times(range.min)}–${times(range.max)} over ${runs === 1 ? '1 run' : `${runs} runs`} each`;
  if (range.min <= 1 && range.max >= 1)
    return `${config.label} and ${baseline.label} ran about as fast: ${times(range.median)} (${spread}), within the noise.`;
  if (range.median > 1) return `${config.label} ran ${times(range.median)} as fast as ${baseline.label} (${spread}).`;
  return `${config.label} was slower than ${baseline.label}: ${times(range.median)} its speed (${spread}).`;
}

/** Seconds left, from the time per finished run so far; null before the first run finished or once done. */
export function experimentEtaSeconds(startedAtMs: number, nowMs: number, done: number, total: number): number | null {
  if (done <= 0 || done >= total || nowMs <= startedAtMs) return null;
  return (((nowMs - startedAtMs) / done) * (total - done)) / 1000;
}
