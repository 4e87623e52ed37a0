// Expands an experiment spec into its configurations (interpreter × GIL mode × varied value) and the
// order its runs are made in: repetition by repetition (r1: A B C, r2: A B C), so slow drifts of the
// machine (thermal, other load) spread over every configuration instead of biasing one.
import path from 'node:path';
import type { ExperimentSpec } from '../../shared/compare-types.ts';
import type { GilMode } from '../../shared/vocabulary.ts';

/** What the plan needs to know of an interpreter (from its probe). */
export interface PlanInterpreter {
  path: string;
  version: string;
  freeThreaded: boolean;
}

/** One configuration: how each of its runs is launched. */
export interface PlannedConfig {
  key: string;
  label: string;
  interpreter: PlanInterpreter;
  gilMode: GilMode;
  varyValue: string | null;
}

/** One run of the plan: configuration index and 1-based repetition. */
export interface PlannedRun {
  config: number;
  repetition: number;
}

/** Configurations and run order, stored with the experiment. */
export interface ExperimentPlan {
  configs: PlannedConfig[];
  runs: PlannedRun[];
}

/** Placeholder in the script's arguments replaced by the varied value (kind 'arg'). */
export const VARY_PLACEHOLDER = '{value}';

/** GIL builds run only as built ('default'); free-threaded builds run in each requested mode. */
export function gilModesFor(interpreter: PlanInterpreter, requested: readonly GilMode[]): GilMode[] {
  if (!interpreter.freeThreaded) return ['default'];
  return requested.length > 0 ? [...new Set(requested)] : ['default'];
}

/** "3.13.5t GIL off threads=4". */
function configLabel(
  interpreter: PlanInterpreter,
  gilMode: GilMode,
  vary: ExperimentSpec['vary'],
  value: string | null,
): string {
  const version = `${interpreter.version}${interpreter.freeThreaded ? 't' : ''}`;
  const gil = gilMode === 'default' ? (interpreter.freeThreaded ? 'GIL default' : 'GIL') : `GIL ${gilMode}`;
  return [`CPython ${version}`, gil, vary && value !== null ? `${vary.name}=${value}` : null].filter(Boolean).join(' ');
}

// Every configuration of `spec` (interpreters as probed, in the spec's order) and the interleaved run order.
export function expandExperiment(spec: ExperimentSpec, interpreters: readonly PlanInterpreter[]): ExperimentPlan {
  const names = interpreters.map((interpreter) => path.basename(interpreter.path));
  const unique = new Set(names).size === names.length;
  const values: Array<string | null> = spec.vary ? spec.vary.values : [null];
  const configs: PlannedConfig[] = [];
  interpreters.forEach((interpreter, i) => {
    const name = unique ? names[i]! : interpreter.path;
    for (const gilMode of gilModesFor(interpreter, spec.gilModes)) {
      for (const value of values) {
        const key = [name, gilMode, spec.vary && value !== null ? `${spec.vary.name}=${value}` : null]
          .filter((part) => part !== null)
          .join('|');
        configs.push({
          key,
          label: configLabel(interpreter, gilMode, spec.vary, value),
          interpreter,
          gilMode,
          varyValue: value,
        });
      }
    }
  });
  const runs: PlannedRun[] = [];
  for (let repetition = 1; repetition <= spec.repeat; repetition++)
    configs.forEach((_, config) => runs.push({ config, repetition }));
  return { configs, runs };
}

/** The script's arguments and extra environment for one configuration's varied value. */
export function launchVariant(
  spec: ExperimentSpec,
  varyValue: string | null,
): { args: string[]; env: Record<string, string> } {
  if (!spec.vary || varyValue === null) return { args: [...spec.args], env: {} };
  if (spec.vary.kind === 'env') return { args: [...spec.args], env: { [spec.vary.name]: varyValue } };
  // kind 'arg': every `{value}` is replaced; without one, the value is appended as the last argument.
  const hasPlaceholder = spec.args.some((arg) => arg.includes(VARY_PLACEHOLDER));
  const args = hasPlaceholder
    ? spec.args.map((arg) => arg.split(VARY_PLACEHOLDER).join(varyValue))
    : [...spec.args, varyValue];
  return { args, env: {} };
}

/** The default proposal: for a free-threaded build, the same build with the GIL on and off, 3 repetitions each. */
export function defaultExperimentSpec(script: string, interpreter: PlanInterpreter, rateHz = 100): ExperimentSpec {
  return {
    script,
    args: [],
    cwd: null,
    interpreters: [interpreter.path],
    gilModes: interpreter.freeThreaded ? ['on', 'off'] : ['default'],
    repeat: 3,
    vary: null,
    rateHz,
    durationSeconds: null,
  };
}
