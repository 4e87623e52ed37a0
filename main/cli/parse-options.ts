import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './cli-error.ts';

/** node:util parseArgs, with its errors turned into one-line usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
}

/** Parses a whole, positive number option; names the option in the error. */
export function parseNumberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0)
    throw usageError(`--${name} must be a positive number, got "${value}"`);
  return number;
}

/** Splits `gilscope … SCRIPT -- ARGS…` into GILscope's own arguments and the script's (after the first `--`). */
export function splitScriptArgs(argv: string[]): { ownArgs: string[]; scriptArgs: string[] } {
  const separator = argv.indexOf('--');
  return separator < 0
    ? { ownArgs: argv, scriptArgs: [] }
    : { ownArgs: argv.slice(0, separator), scriptArgs: argv.slice(separator + 1) };
}
