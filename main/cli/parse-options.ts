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
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) throw usageError(`--${name} must be a positive number, got "${value}"`);
  return number;
}
