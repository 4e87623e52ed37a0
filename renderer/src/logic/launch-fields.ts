// The fields the New run and New experiment forms share — script, arguments, working directory, sampling
// rate and duration — and their checks, with the one-line reason shown next to a field that is wrong.
import { splitArgs } from './split-args.ts';

/** What the user typed, as strings. */
export interface LaunchFields {
  script: string;
  argsText: string;
  cwd: string;
  rateText: string;
  durationText: string;
}

/** Sampling rates the engine accepts. */
export const rateLimits = { min: 1, max: 1000 } as const;

const isAbsolute = (path: string) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);

/** The fields' values, each meaningful only when its field has no problem. */
export interface LaunchValues {
  script: string;
  /** null when the arguments cannot be split. */
  args: string[] | null;
  /** null = the script's folder. */
  cwd: string | null;
  rateHz: number;
  /** null = until the script ends. */
  durationSeconds: number | null;
}

/** Checks the shared fields, writing a reason into `problems` for each that is wrong; `emptyScript` is the reason when no script was given. */
export function checkLaunchFields(
  form: LaunchFields,
  problems: Partial<Record<keyof LaunchFields, string>>,
  emptyScript: string,
): LaunchValues {
  const script = form.script.trim();
  if (script === '') problems.script = emptyScript;
  else if (!isAbsolute(script)) problems.script = 'Give the full path of the script (it starts with /).';
  const args = splitArgs(form.argsText);
  if (args.kind === 'error') problems.argsText = `Arguments: ${args.message}.`;
  const cwd = form.cwd.trim();
  if (cwd !== '' && !isAbsolute(cwd)) problems.cwd = 'Give the full path of the working directory, or leave it empty.';
  const rateHz = Number(form.rateText);
  if (!Number.isInteger(rateHz) || rateHz < rateLimits.min || rateHz > rateLimits.max)
    problems.rateText = `Sampling rate must be a whole number of Hz from ${rateLimits.min} to ${rateLimits.max}.`;
  let durationSeconds: number | null = null;
  if (form.durationText.trim() !== '') {
    durationSeconds = Number(form.durationText);
    if (!Number.isFinite(durationSeconds) || durationSeconds <= 0)
      problems.durationText = 'Duration must be a positive number of seconds (or empty).';
  }
  return { script, args: args.kind === 'ok' ? args.args : null, cwd: cwd === '' ? null : cwd, rateHz, durationSeconds };
}
