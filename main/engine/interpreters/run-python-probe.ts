// The external command `python -I -c <probe script>`: runs a candidate once and reports what it said.
import { execa } from 'execa';
import type { PythonFacts } from './interpreter.ts';
import { PROBE_SCRIPT, parseProbeOutput } from './probe-script.ts';

/** What running a candidate gave; `detail` completes a sentence that starts with the path. */
export type ProbeRun =
  | { kind: 'python'; facts: PythonFacts }
  | { kind: 'not-python'; detail: string }
  | { kind: 'not-executable'; detail: string }
  | { kind: 'failed'; detail: string };

/** Options for one probe run. */
export interface RunProbeOptions {
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

// Python < 3.4 rejects -I ("Unknown option: -I", exit 2); -E -s is the closest it understands.
const ISOLATED_FLAG_REJECTED = /Unknown option:?\s+-I\b/;

/** Runs the probe script with `file` (a UTF-8 path) and classifies the outcome. */
export async function runPythonProbe(file: string, options: RunProbeOptions): Promise<ProbeRun> {
  const first = await runOnce(file, ['-I'], options);
  if (first.kind === 'rejected-isolated-flag') {
    const second = await runOnce(file, ['-E', '-s'], options);
    return second.kind === 'rejected-isolated-flag'
      ? { kind: 'not-python', detail: 'rejects the -I and -E flags' }
      : second;
  }
  return first;
}

async function runOnce(
  file: string,
  flags: string[],
  { timeoutMs, env }: RunProbeOptions,
): Promise<ProbeRun | { kind: 'rejected-isolated-flag' }> {
  // Own process group, killed as a whole on timeout: a wrapper script's children would otherwise keep the
  // output pipes open (and the probe waiting) long after the time limit.
  const subprocess = execa(file, [...flags, '-c', PROBE_SCRIPT], {
    shell: false,
    reject: false,
    detached: true,
    stdin: 'ignore',
    env,
    extendEnv: env === undefined,
    maxBuffer: 1024 * 1024,
    stripFinalNewline: false,
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(subprocess.pid);
  }, timeoutMs);
  const result = await subprocess.finally(() => clearTimeout(timer));
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  if (timedOut) return { kind: 'failed', detail: `did not answer within ${timeoutMs} ms` };
  const facts = parseProbeOutput(stdout);
  if (facts !== null && result.exitCode === 0) return { kind: 'python', facts };
  if (result.code === 'EACCES') return { kind: 'not-executable', detail: 'cannot be executed (EACCES)' };
  if (result.code === 'ENOEXEC')
    return { kind: 'not-python', detail: 'is not a program this system can run (ENOEXEC)' };
  if (result.code !== undefined && result.exitCode === undefined) {
    return {
      kind: 'failed',
      detail: `could not be started (${result.code}): ${firstLine(result.originalMessage ?? '')}`,
    };
  }
  if (result.exitCode === 2 && ISOLATED_FLAG_REJECTED.test(stderr)) return { kind: 'rejected-isolated-flag' };
  if (result.signal !== undefined) return { kind: 'failed', detail: `was killed by ${result.signal}` };
  if (/Fatal Python error|Traceback \(most recent call last\)/.test(stderr)) {
    return { kind: 'failed', detail: `looks like Python but failed to start: ${firstLine(stderr)}` };
  }
  const said = firstLine(stdout) || firstLine(stderr);
  return {
    kind: 'not-python',
    detail: `did not answer the probe (exit code ${result.exitCode ?? '?'}${said ? `, output ${JSON.stringify(said)}` : ', no output'})`,
  };
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}...` : line.trim();
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
