// The options every recording command takes (profile, attach, experiment): how often and how long to
// sample, whether to read stacks, where to store the runs, and whether to print JSON.
import path from 'node:path';
import { DEFAULT_RATE_HZ } from '../engine/profile/profile-request.ts';
import { defaultDatabaseFile } from '../shared-node/default-database.ts';
import { parseNumberOption } from './parse-options.ts';

/** Their parseOptions declarations, spread into each command's own. */
export const RECORDING_OPTIONS = {
  rate: { type: 'string' },
  duration: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
  'no-stacks': { type: 'boolean' },
} as const;

/** What to launch, for the commands that start the script themselves (profile, experiment): the interpreter
 *  (a list for experiment), the GIL mode (likewise) and the working directory. */
export const LAUNCH_OPTIONS = {
  python: { type: 'string' },
  gil: { type: 'string' },
  cwd: { type: 'string' },
} as const;

/** The recording options read and checked; `durationSeconds` null = until the script ends. */
export interface RecordingOptions {
  rateHz: number;
  durationSeconds: number | null;
  stacks: boolean;
  dbFile: string;
  json: boolean;
}

/** Reads the parsed values of RECORDING_OPTIONS; a bad number is a one-line usage error naming it. */
export function readRecordingOptions(values: {
  rate?: string;
  duration?: string;
  db?: string;
  json?: boolean;
  'no-stacks'?: boolean;
}): RecordingOptions {
  return {
    rateHz: parseNumberOption('rate', values.rate, DEFAULT_RATE_HZ),
    durationSeconds: values.duration === undefined ? null : parseNumberOption('duration', values.duration, 0),
    stacks: values['no-stacks'] !== true,
    dbFile: path.resolve(values.db ?? defaultDatabaseFile()),
    json: values.json === true,
  };
}
