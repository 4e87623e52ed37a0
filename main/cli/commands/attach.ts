import type { ProfileRequest } from '../../engine/profile/profile-request.ts';
import { ProfileSession } from '../../engine/profile/profile-session.ts';
import { usageError } from '../cli-error.ts';
import { finishSession } from '../finish-session.ts';
import { parseOptions } from '../parse-options.ts';
import { readRecordingOptions, RECORDING_OPTIONS } from '../recording-options.ts';

/**
 * `gilscope attach PID [--duration S] [--children]`: samples a process that is already running, until it
 * ends, --duration passes or Ctrl-C; then detaches and leaves it running. The run is stored as attached.
 */
export async function attachCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, { ...RECORDING_OPTIONS, children: { type: 'boolean' } });
  if (positionals.length !== 1) throw usageError('attach takes exactly one PID');
  const text = positionals[0]!;
  const pid = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(pid) || pid <= 0) throw usageError(`not a PID: "${text}"`);
  const { rateHz, durationSeconds, stacks, dbFile, json } = readRecordingOptions(values);
  const request: ProfileRequest = {
    // Read from the process itself once attached; these are placeholders the session replaces.
    python: '',
    script: '',
    args: [],
    cwd: process.cwd(),
    gilMode: 'default',
    attachPid: pid,
    children: values.children === true,
    rateHz,
    stacks,
    durationSeconds: durationSeconds ?? undefined,
    dbFile,
  };
  const session = new ProfileSession(request, {
    onStarted: (runId, _pid, interpreter) => {
      if (!json)
        process.stderr.write(
          `gilscope: run ${runId}: attached to pid ${pid} (CPython ${interpreter.version}${interpreter.freeThreaded ? ', free-threaded' : ''}), ${rateHz} Hz; Ctrl-C detaches\n`,
        );
    },
  });
  await finishSession(session, dbFile, json);
  return 0;
}
