/** A mistake by the user or bad input: printed as one line on stderr, exit code 2 (usage) or 1. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Wrong flags or arguments. */
export function usageError(message: string): CliError {
  return new CliError(`${message} (see: gilscope help)`, 2);
}
