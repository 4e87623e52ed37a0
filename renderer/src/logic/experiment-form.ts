// The New experiment form: fields as typed, the default proposal when a free-threaded interpreter is
// picked (the same build with the GIL on and off, 3 repetitions each), the run count, and conversion
// into an ExperimentSpec with one-line reasons for anything that cannot be sent yet.
import type { InterpreterView } from '../../../main/shared/api-contract.ts';
import type { ExperimentSpec } from '../../../main/shared/compare-types.ts';
import { checkLaunchFields } from './launch-fields.ts';
import { joinArgs } from './split-args.ts';
import type { GilMode } from '../../../main/shared/vocabulary.ts';

// Everything the user typed or picked.
export interface ExperimentForm {
  script: string;
  argsText: string;
  cwd: string;
  interpreters: string[];
  /** Modes for free-threaded interpreters ('default' = as the build starts). */
  gilModes: GilMode[];
  /** True once the user changed the GIL modes or repetitions, so the proposal no longer overwrites them. */
  touched: boolean;
  repeatText: string;
  varyKind: 'none' | 'arg' | 'env';
  varyName: string;
  varyValuesText: string;
  rateText: string;
  durationText: string;
}

// An empty form: GIL on and off proposed, 3 repetitions, 100 Hz.
export const emptyExperimentForm: ExperimentForm = {
  script: '',
  argsText: '',
  cwd: '',
  interpreters: [],
  gilModes: ['on', 'off'],
  touched: false,
  repeatText: '3',
  varyKind: 'none',
  varyName: '',
  varyValuesText: '',
  rateText: '100',
  durationText: '',
};

// Limits on repetitions and the size of one experiment.
export const experimentLimits = { maxRepeat: 50, maxRuns: 500 } as const;

// Adds or removes interpreter `path`. Picking a free-threaded one applies the default proposal
// (GIL on and off, 3 repetitions) unless the user already chose modes or repetitions themselves.
export function toggleInterpreter(form: ExperimentForm, path: string, all: readonly InterpreterView[]): ExperimentForm {
  if (form.interpreters.includes(path)) return { ...form, interpreters: form.interpreters.filter((p) => p !== path) };
  const next = { ...form, interpreters: [...form.interpreters, path] };
  const picked = all.find((i) => i.path === path);
  if (picked?.freeThreaded && !form.touched) return { ...next, gilModes: ['on', 'off'], repeatText: '3' };
  return next;
}

// The proposal for one interpreter: a free-threaded build with the GIL on and off, otherwise the build as is; 3 repetitions each.
export function defaultProposal(
  interpreter: InterpreterView,
): Pick<ExperimentForm, 'interpreters' | 'gilModes' | 'repeatText'> {
  return {
    interpreters: [interpreter.path],
    gilModes: interpreter.freeThreaded ? ['on', 'off'] : ['default'],
    repeatText: '3',
  };
}

// The experiment a run's "Measure GIL on vs off" proposes: the run's script, arguments and folder; its
// interpreter when free-threaded, else the run's GIL build next to a free-threaded build (the same
// minor version if there is one); GIL on and off, 3 repetitions each. With no free-threaded build
// known, just the run's interpreter (the form then says GIL modes need one).
export function measureProposal(
  run: {
    script: string;
    args: string[];
    cwd: string;
    interpreter: { path: string; version: string; freeThreaded: boolean } | null;
  },
  interpreters: readonly InterpreterView[],
): ExperimentForm {
  const minor = (version: string): string => version.split('.').slice(0, 2).join('.');
  const own = run.interpreter;
  const freeThreaded = own?.freeThreaded
    ? own
    : (interpreters.find((i) => i.freeThreaded && own !== null && minor(i.version) === minor(own.version)) ??
      interpreters.find((i) => i.freeThreaded) ??
      null);
  const paths = [
    ...new Set([...(own && !own.freeThreaded ? [own.path] : []), ...(freeThreaded ? [freeThreaded.path] : [])]),
  ];
  return {
    ...emptyExperimentForm,
    script: run.script,
    argsText: joinArgs(run.args),
    cwd: run.cwd,
    interpreters: paths.length > 0 ? paths : own ? [own.path] : [],
    gilModes: ['on', 'off'],
    repeatText: '3',
  };
}

// Adds or removes a GIL mode, marking the form as chosen by the user.
export function toggleGilMode(form: ExperimentForm, mode: GilMode): ExperimentForm {
  const has = form.gilModes.includes(mode);
  const order: GilMode[] = ['default', 'on', 'off'];
  const modes = has
    ? form.gilModes.filter((m) => m !== mode)
    : order.filter((m) => m === mode || form.gilModes.includes(m));
  return { ...form, gilModes: modes, touched: true };
}

// Comma-separated values, trimmed, empty ones dropped.
export function splitValues(text: string): string[] {
  return text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

// How many runs the form would start (0 when something needed is missing).
export function countRuns(form: ExperimentForm, all: readonly InterpreterView[]): number {
  const repeat = Number(form.repeatText);
  if (!Number.isInteger(repeat) || repeat < 1) return 0;
  const values = form.varyKind === 'none' ? 1 : Math.max(1, splitValues(form.varyValuesText).length);
  let configs = 0;
  for (const path of form.interpreters) {
    const interpreter = all.find((i) => i.path === path);
    if (!interpreter) continue;
    configs += interpreter.freeThreaded ? form.gilModes.length : 1;
  }
  return configs * values * repeat;
}

// Either a spec ready to send or the problems to show next to the fields.
export type ExperimentCheck =
  | { kind: 'ok'; spec: ExperimentSpec; runs: number }
  | { kind: 'invalid'; problems: Partial<Record<keyof ExperimentForm, string>> };

// Validates the form against the known interpreters.
export function checkExperimentForm(form: ExperimentForm, all: readonly InterpreterView[]): ExperimentCheck {
  const problems: Partial<Record<keyof ExperimentForm, string>> = {};
  const launch = checkLaunchFields(form, problems, 'Choose a Python script.');
  const chosen = form.interpreters
    .map((p) => all.find((i) => i.path === p))
    .filter((i): i is InterpreterView => i !== undefined);
  const anyFreeThreaded = chosen.some((i) => i.freeThreaded);
  if (chosen.length === 0) problems.interpreters = 'Choose at least one interpreter.';
  else if (anyFreeThreaded && form.gilModes.length === 0)
    problems.gilModes = 'Choose at least one GIL mode for the free-threaded interpreters.';
  const repeat = Number(form.repeatText);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > experimentLimits.maxRepeat)
    problems.repeatText = `Repetitions must be a whole number from 1 to ${experimentLimits.maxRepeat}.`;
  let vary: ExperimentSpec['vary'] = null;
  if (form.varyKind !== 'none') {
    const name = form.varyName.trim();
    const values = splitValues(form.varyValuesText);
    if (form.varyKind === 'env' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      problems.varyName = 'Give the environment variable’s name (letters, digits, _).';
    if (form.varyKind === 'arg' && name === '') problems.varyName = 'Give the varied argument a name (e.g. threads).';
    if (form.varyKind === 'arg' && launch.args && !launch.args.some((a) => a.includes('{value}')))
      problems.argsText = 'Put {value} in the arguments where the varied value goes (e.g. --threads {value}).';
    if (values.length === 0) problems.varyValuesText = 'Give at least one value, separated by commas.';
    else if (new Set(values).size !== values.length) problems.varyValuesText = 'Each value once, please.';
    vary = { kind: form.varyKind, name, values };
  }
  const runs = countRuns(form, all);
  if (Object.keys(problems).length === 0 && runs > experimentLimits.maxRuns)
    problems.repeatText = `That is ${runs} runs; keep one experiment under ${experimentLimits.maxRuns}.`;
  if (Object.keys(problems).length > 0 || launch.args === null) return { kind: 'invalid', problems };
  return {
    kind: 'ok',
    runs,
    spec: {
      script: launch.script,
      args: launch.args,
      cwd: launch.cwd,
      interpreters: chosen.map((i) => i.path),
      gilModes: anyFreeThreaded ? form.gilModes : ['default'],
      repeat,
      vary,
      rateHz: launch.rateHz,
      durationSeconds: launch.durationSeconds,
    },
  };
}
