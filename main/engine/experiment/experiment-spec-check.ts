// Checks an experiment spec's own values (the script and interpreters are checked by probing them).
import type { ExperimentSpec } from '../../shared/compare-types.ts';

/** Bounds of a spec: enough for real matrices, small enough that a typo cannot queue days of runs. */
export const MAX_EXPERIMENT_INTERPRETERS = 8;
export const MAX_EXPERIMENT_REPEAT = 100;
export const MAX_VARY_VALUES = 32;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Why `spec` cannot run (one line naming the bad value), or null.
export function specRefusal(spec: ExperimentSpec): string | null {
  if (spec.interpreters.length === 0) return 'an experiment needs at least one interpreter';
  if (spec.interpreters.length > MAX_EXPERIMENT_INTERPRETERS)
    return `at most ${MAX_EXPERIMENT_INTERPRETERS} interpreters, got ${spec.interpreters.length}`;
  if (!Number.isInteger(spec.repeat) || spec.repeat < 1 || spec.repeat > MAX_EXPERIMENT_REPEAT)
    return `repeat must be a whole number from 1 to ${MAX_EXPERIMENT_REPEAT}, got ${spec.repeat}`;
  const badMode = spec.gilModes.find((mode) => !['default', 'on', 'off'].includes(mode));
  if (badMode !== undefined) return `GIL mode must be default, on or off, got "${badMode}"`;
  if (spec.durationSeconds !== null && !(spec.durationSeconds > 0))
    return `duration must be positive, got ${spec.durationSeconds}`;
  if (spec.vary) {
    const { kind, name, values } = spec.vary;
    if (name.trim() === '') return 'the varied argument or variable needs a name';
    if (kind === 'env' && !ENV_NAME.test(name)) return `"${name}" is not an environment variable name`;
    if (values.length === 0) return `no values given for ${name}`;
    if (values.length > MAX_VARY_VALUES) return `at most ${MAX_VARY_VALUES} values for ${name}, got ${values.length}`;
    if (new Set(values).size !== values.length) return `a value of ${name} is given twice`;
  }
  return null;
}
