// The New run form's fields and their conversion into a ProfileStartRequest, with one-line reasons
// for anything that cannot be sent yet. Pure, so the rules are tested without a DOM.
import type { InterpreterView, ProfileStartRequest } from '../../../main/shared/api-contract.ts';
import { splitArgs } from './split-args.ts';
import type { GilMode } from '../../../main/shared/vocabulary.ts';

// Everything the user typed or picked, as strings where they type.
export interface NewRunForm {
  script: string;
  argsText: string;
  cwd: string;
  python: string;
  gilMode: GilMode;
  rateText: string;
  durationText: string;
}

// An empty form at the default rate (100 Hz).
export const emptyNewRunForm: NewRunForm = {
  script: '',
  argsText: '',
  cwd: '',
  python: '',
  gilMode: 'default',
  rateText: '100',
  durationText: '',
};

// Sampling rates the engine accepts.
export const rateLimits = { min: 1, max: 1000 } as const;

// Either a request ready to send or the problems to show next to the fields.
export type FormCheck =
  | { kind: 'ok'; request: ProfileStartRequest }
  | { kind: 'invalid'; problems: Partial<Record<keyof NewRunForm, string>> };

// Validates the form against the chosen interpreter; GIL mode falls back to default when it does not apply.
export function checkNewRunForm(form: NewRunForm, interpreter: InterpreterView | undefined): FormCheck {
  const problems: Partial<Record<keyof NewRunForm, string>> = {};
  const script = form.script.trim();
  if (script === '') problems.script = 'Choose a Python script to profile.';
  else if (!script.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(script))
    problems.script = 'Give the full path of the script (it starts with /).';
  const args = splitArgs(form.argsText);
  if (args.kind === 'error') problems.argsText = `Arguments: ${args.message}.`;
  if (!interpreter) problems.python = 'Choose an interpreter.';
  const rate = Number(form.rateText);
  if (!Number.isFinite(rate) || !Number.isInteger(rate) || rate < rateLimits.min || rate > rateLimits.max)
    problems.rateText = `Sampling rate must be a whole number of Hz from ${rateLimits.min} to ${rateLimits.max}.`;
  let duration: number | null = null;
  if (form.durationText.trim() !== '') {
    duration = Number(form.durationText);
    if (!Number.isFinite(duration) || duration <= 0)
      problems.durationText = 'Duration must be a positive number of seconds (or empty).';
  }
  const cwd = form.cwd.trim();
  if (cwd !== '' && !cwd.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(cwd))
    problems.cwd = 'Give the full path of the working directory, or leave it empty.';
  if (Object.keys(problems).length > 0 || !interpreter || args.kind === 'error') return { kind: 'invalid', problems };
  return {
    kind: 'ok',
    request: {
      script,
      args: args.args,
      cwd: cwd === '' ? null : cwd,
      python: interpreter.path,
      gilMode: interpreter.freeThreaded ? form.gilMode : 'default',
      rateHz: rate,
      durationSeconds: duration,
    },
  };
}

// True for file names the drop zone accepts.
export function isPythonFileName(name: string): boolean {
  return /\.pyw?$/i.test(name);
}
