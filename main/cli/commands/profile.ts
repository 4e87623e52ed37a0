import path from 'node:path';
import type { ProfileRequest } from '../../engine/profile/profile-request.ts';
import { ProfileSession } from '../../engine/profile/profile-session.ts';
import { usageError } from '../cli-error.ts';
import { findOnPath } from '../find-on-path.ts';
import { finishSession } from '../finish-session.ts';
import { parseOptions, splitScriptArgs } from '../parse-options.ts';
import { LAUNCH_OPTIONS, readRecordingOptions, RECORDING_OPTIONS } from '../recording-options.ts';
import { GIL_MODES, type GilMode } from '../../shared/vocabulary.ts';

/** `gilscope profile [options] SCRIPT [-- ARGS…]`: runs a script under a CPython and samples it. */
export async function profileCommand(argv: string[]): Promise<number> {
  const { ownArgs, scriptArgs } = splitScriptArgs(argv);
  const { values, positionals } = parseOptions(ownArgs, { ...RECORDING_OPTIONS, ...LAUNCH_OPTIONS });
  if (positionals.length === 0) throw usageError('profile needs a SCRIPT');
  if (positionals.length > 1)
    throw usageError(
      `profile takes one SCRIPT; put the script's own arguments after "--" (got ${positionals.slice(1).join(' ')})`,
    );
  const gilMode = (values.gil ?? 'default') as GilMode;
  if (!GIL_MODES.includes(gilMode))
    throw usageError(`--gil must be one of ${GIL_MODES.join(', ')}, got "${values.gil}"`);
  const { rateHz, durationSeconds, stacks, dbFile, json } = readRecordingOptions(values);
  const request: ProfileRequest = {
    python: values.python ?? findOnPath('python3') ?? 'python3',
    script: positionals[0] ?? '',
    args: scriptArgs,
    cwd: path.resolve(values.cwd ?? process.cwd()),
    gilMode,
    rateHz,
    stacks,
    durationSeconds: durationSeconds ?? undefined,
    dbFile,
  };

  const session = new ProfileSession(request, {
    // With --json, stdout carries only the summary: the script's output goes to stderr (and the DB).
    onOutput: (stream, text) => (json || stream === 'stderr' ? process.stderr : process.stdout).write(text),
    onStarted: (runId, pid, interpreter) => {
      if (!json)
        process.stderr.write(
          `gilscope: run ${runId}: ${interpreter.path} (CPython ${interpreter.version}${interpreter.freeThreaded ? ', free-threaded' : ''}) pid ${pid}, ${rateHz} Hz\n`,
        );
    },
  });
  const outcome = await finishSession(session, dbFile, json);
  if (outcome.status === 'failed' || outcome.status === 'killed') {
    process.stderr.write(`gilscope: ${outcome.message ?? outcome.status} (run ${outcome.runId} is stored)\n`);
    return 1;
  }
  return 0;
}
