import { usageError } from './cli-error.ts';

/** A run (or experiment) id given on the command line; `what` names it in the error. */
export function parseRunId(text: string | undefined, what = 'RUN'): number {
  const id = Number(text);
  if (text === undefined || !Number.isInteger(id) || id <= 0)
    throw usageError(`${what} must be an id (a positive whole number), got "${text ?? ''}"`);
  return id;
}

/** "12,14" → [12, 14]. */
export function parseRunIdList(text: string, what = 'RUN'): number[] {
  return text.split(',').map((part) => parseRunId(part.trim(), what));
}
