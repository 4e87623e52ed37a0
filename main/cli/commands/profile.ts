import path from 'node:path';
import { loadRunSummary, type RunSummary } from '../../engine/analysis/run-summary.ts';
import { DEFAULT_RATE_HZ, type ProfileRequest } from '../../engine/profile/profile-request.ts';
import { ProfileSession } from '../../engine/profile/profile-session.ts';
import { CliError, usageError } from '../cli-error.ts';
import { findOnPath } from '../find-on-path.ts';
import { defaultDatabaseFile } from '../../shared-node/default-database.ts';
import { openReader } from '../open-reader.ts';
import { parseNumberOption, parseOptions, splitScriptArgs } from '../parse-options.ts';
import { printSummary } from '../print-summary.ts';
import { GIL_MODES, type GilMode } from '../../shared/vocabulary.ts';

/** `gilscope profile [options] SCRIPT [-- ARGS…]`: runs a script under a CPython and samples it. */
export async function profileCommand(argv: string[]): Promise<number> {
  const { ownArgs, scriptArgs } = splitScriptArgs(argv);
  const { values, positionals } = parseOptions(ownArgs, {
    python: { type: 'string' },
    gil: { type: 'string' },
    rate: { type: 'string' },
    duration: { type: 'string' },
    db: { type: 'string' },
    cwd: { type: 'string' },
    json: { type: 'boolean' },
    'no-stacks': { type: 'boolean' },
  });
  if (positionals.length === 0) throw usageError('profile needs a SCRIPT');
  if (positionals.length > 1)
    throw usageError(
      `profile takes one SCRIPT; put the script's own arguments after "--" (got ${positionals.slice(1).join(' ')})`,
    );
  const gilMode = (values.gil ?? 'default') as GilMode;
  if (!GIL_MODES.includes(gilMode))
    throw usageError(`--gil must be one of ${GIL_MODES.join(', ')}, got "${values.gil}"`);
  const json = values.json === true;
  const request: ProfileRequest = {
    python: values.python ?? findOnPath('python3') ?? 'python3',
    script: positionals[0] ?? '',
    args: scriptArgs,
    cwd: path.resolve(values.cwd ?? process.cwd()),
    gilMode,
    rateHz: parseNumberOption('rate', values.rate, DEFAULT_RATE_HZ),
    stacks: values['no-stacks'] !== true,
    durationSeconds: values.duration === undefined ? undefined : parseNumberOption('duration', values.duration, 0),
    dbFile: path.resolve(values.db ?? defaultDatabaseFile()),
  };

  const session = new ProfileSession(request, {
    // With --json, stdout carries only the summary: the script's output goes to stderr (and the DB).
    onOutput: (stream, text) => (json || stream === 'stderr' ? process.stderr : process.stdout).write(text),
    onStarted: (runId, pid, interpreter) => {
      if (!json)
        process.stderr.write(
          `gilscope: run ${runId}: ${interpreter.path} (CPython ${interpreter.version}${interpreter.freeThreaded ? ', free-threaded' : ''}) pid ${pid}, ${request.rateHz} Hz\n`,
        );
    },
  });
  const stopOnSignal = (): void => session.stop();
  process.on('SIGINT', stopOnSignal);
  process.on('SIGTERM', stopOnSignal);
  const outcome = await session.done.finally(() => {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
  });
  if (outcome.kind === 'refused') throw new CliError(outcome.message);

  const summary = readSummary(request.dbFile, outcome.runId);
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else printSummary(summary, process.stdout);
  if (outcome.status === 'failed' || outcome.status === 'killed') {
    process.stderr.write(`gilscope: ${outcome.message ?? outcome.status} (run ${outcome.runId} is stored)\n`);
    return 1;
  }
  return 0;
}

/** The stored summary of a run just recorded. */
export function readSummary(dbFile: string, runId: number): RunSummary {
  const { store, reader } = openReader(dbFile);
  try {
    const summary = loadRunSummary(reader, runId);
    if (!summary) throw new CliError(`run ${runId} vanished from ${dbFile}`);
    return summary;
  } finally {
    store.close();
  }
}
