// The New run form's fields and their conversion into a ProfileStartRequest, with one-line reasons
// for anything that cannot be sent yet. Pure, so the rules are tested without a DOM.
import type { InterpreterView, ProfileStartRequest } from '../../../main/shared/api-contract.ts';
import { checkLaunchFields, type LaunchFields } from './launch-fields.ts';
import type { GilMode } from '../../../main/shared/vocabulary.ts';

// Everything the user typed or picked, as strings where they type.
export interface NewRunForm extends LaunchFields {
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

// Either a request ready to send or the problems to show next to the fields.
export type FormCheck =
  | { kind: 'ok'; request: ProfileStartRequest }
  | { kind: 'invalid'; problems: Partial<Record<keyof NewRunForm, string>> };

// Validates the form against the chosen interpreter; GIL mode falls back to default when it does not apply.
export function checkNewRunForm(form: NewRunForm, interpreter: InterpreterView | undefined): FormCheck {
  const problems: Partial<Record<keyof NewRunForm, string>> = {};
  const values = checkLaunchFields(form, problems, 'Choose a Python script to profile.');
  if (!interpreter) problems.python = 'Choose an interpreter.';
  if (Object.keys(problems).length > 0 || !interpreter || values.args === null) return { kind: 'invalid', problems };
  return {
    kind: 'ok',
    request: {
      script: values.script,
      args: values.args,
      cwd: values.cwd,
      python: interpreter.path,
      gilMode: interpreter.freeThreaded ? form.gilMode : 'default',
      rateHz: values.rateHz,
      durationSeconds: values.durationSeconds,
    },
  };
}

// True for file names the drop zone accepts.
export function isPythonFileName(name: string): boolean {
  return /\.pyw?$/i.test(name);
}
