import path from 'node:path';
import { DEFAULT_RATE_HZ, type ProfileRequest } from '../../engine/profile/profile-request.ts';
import { ProfileSession } from '../../engine/profile/profile-session.ts';
import { CliError, usageError } from '../cli-error.ts';
import { defaultDatabaseFile } from '../../shared-node/default-database.ts';
import { parseNumberOption, parseOptions } from '../parse-options.ts';
import { printSummary } from '../print-summary.ts';
import { readSummary } from './profile.ts';

/**
 * `gilscope attach PID [--duration S] [--children]`: samples a process that is already running, until it
 * ends, --duration passes or Ctrl-C; then detaches and leaves it running. The run is stored as attached.
 */
export async function attachCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    rate: { type: 'string' },
    duration: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
    children: { type: 'boolean' },
    'no-stacks': { type: 'boolean' },
  });
  if (positionals.length !== 1) throw usageError('attach takes exactly one PID');
  const text = positionals[0]!;
  const pid = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(pid) || pid <= 0) throw usageError(`not a PID: "${text}"`);
  const json = values.json === true;
  const request: ProfileRequest = {
    // Read from the process itself once attached; these are placeholders the session replaces.
    python: '',
    script: '',
    args: [],
    cwd: process.cwd(),
    gilMode: 'default',
    attachPid: pid,
    children: values.children === true,
    rateHz: parseNumberOption('rate', values.rate, DEFAULT_RATE_HZ),
    stacks: values['no-stacks'] !== true,
    durationSeconds: values.duration === undefined ? undefined : parseNumberOption('duration', values.duration, 0),
    dbFile: path.resolve(values.db ?? defaultDatabaseFile()),
  };
  const session = new ProfileSession(request, {
    onStarted: (runId, _pid, interpreter) => {
      if (!json)
        process.stderr.write(
          `gilscope: run ${runId}: attached to pid ${pid} (CPython ${interpreter.version}${interpreter.freeThreaded ? ', free-threaded' : ''}), ${request.rateHz} Hz; Ctrl-C detaches\n`,
        );
    },
  });
  const detachOnSignal = (): void => session.stop();
  process.on('SIGINT', detachOnSignal);
  process.on('SIGTERM', detachOnSignal);
  const outcome = await session.done.finally(() => {
    process.off('SIGINT', detachOnSignal);
    process.off('SIGTERM', detachOnSignal);
  });
  if (outcome.kind === 'refused') throw new CliError(outcome.message);
  const summary = readSummary(request.dbFile, outcome.runId);
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else printSummary(summary, process.stdout);
  return 0;
}
