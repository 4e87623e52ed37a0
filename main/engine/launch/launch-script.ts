import { execa } from 'execa';
import type { Writable } from 'node:stream';
import { startGroupGuard, type GroupGuard } from './group-guard.ts';
import { envWithGilMode } from './gil-mode.ts';
import type { GilMode } from '../../shared/vocabulary.ts';

/** Everything needed to start a script; no shell is involved, arguments are passed as they are. */
export interface LaunchRequest {
  python: string;
  script: string;
  args: readonly string[];
  cwd: string;
  /** Extra environment on top of GILscope's own. */
  env?: Readonly<Record<string, string>>;
  gilMode: GilMode;
}

/** How a launched script ended. */
export type ScriptExit =
  | { kind: 'exited'; exitCode: number }
  | { kind: 'signaled'; signal: string }
  | { kind: 'spawn-failed'; message: string }
  /** An attached process: GILscope detached (Stop, --duration), or the process ended on its own (how is not ours to know). */
  | { kind: 'detached' }
  | { kind: 'target-ended' };

/** A launched script: its PID, its output as it arrives, and its end. It runs once `start()` is called. */
export interface LaunchedScript {
  pid: number;
  /** Lets the held process exec the interpreter; call once, right after whatever must see its first instant. */
  start(): void;
  /** Resolves when the script process itself ends (not when children it left behind close its pipes). */
  exit: Promise<ScriptExit>;
  /** Resolves once all of its output has been delivered (pipes closed, or given up on after exit). */
  outputDone: Promise<void>;
  /** Sends a signal to the script's whole process group (it is a group leader). */
  signalGroup(signal: NodeJS.Signals): boolean;
  /** SIGKILLs whatever is left of the group and stops guarding it; call once the run is over. */
  finish(): void;
}

/**
 * The launch is held: a POSIX shell (a fixed program, never built from user input; the interpreter, the
 * script and its arguments reach it as "$@") waits for one line on fd 3, closes it, and execs the
 * interpreter in its own place, so the PID is already the script's. Spawning costs 10–60 ms on a busy
 * machine (mostly execa and fork in this process); holding moves that before the run's clock, and the
 * sampler's first tick follows the exec within a millisecond. Should GILscope die before `start()`, fd 3
 * reads end-of-file and the shell exits without running anything.
 */
const HOLD_UNTIL_STARTED = 'read -r _ <&3 && exec 3<&- && exec "$@"';

/** How long output may keep arriving after the script ended (from children still holding its pipes). */
const OUTPUT_DRAIN_MS = 1000;

export type OutputListener = (stream: 'stdout' | 'stderr', text: string) => void;

/**
 * Starts `python script args…` in its own process group (so Stop reaches the children it spawns), guarded
 * so that the group dies with GILscope (see group-guard.ts), unbuffered so output arrives as it is printed.
 * Resolves once the process exists, or with spawn-failed. `guard`: one started ahead (a profiled run starts
 * it before its clock, so that its launch is not part of the script's first milliseconds); else one is
 * started here.
 */
export async function launchScript(
  request: LaunchRequest,
  onOutput: OutputListener,
  guard: GroupGuard = startGroupGuard(request.python),
): Promise<LaunchedScript | { kind: 'spawn-failed'; message: string }> {
  const env = envWithGilMode({ ...process.env, ...request.env, PYTHONUNBUFFERED: '1' }, request.gilMode);

  // Debian's /bin/sh (dash) is Essential: always there.
  const subprocess = execa(
    '/bin/sh',
    ['-c', HOLD_UNTIL_STARTED, 'gilscope-launch', request.python, request.script, ...request.args],
    {
      cwd: request.cwd,
      env,
      extendEnv: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      buffer: false,
      reject: false,
      forceKillAfterDelay: false,
      encoding: 'utf8',
    },
  );
  subprocess.stdout?.setEncoding('utf8').on('data', (text: string) => onOutput('stdout', text));
  subprocess.stderr?.setEncoding('utf8').on('data', (text: string) => onOutput('stderr', text));

  // execa settles only when the pipes close, which a child left running in the background can delay
  // for as long as it lives: the script's end is its own 'exit' event.
  const settled: Promise<ScriptExit> = subprocess.then((result) => {
    if (result.signal) return { kind: 'signaled', signal: result.signal };
    if (result.exitCode !== undefined) return { kind: 'exited', exitCode: result.exitCode };
    return {
      kind: 'spawn-failed',
      message: `cannot start ${request.python}: ${result.code ?? result.shortMessage ?? 'unknown error'}`,
    };
  });
  const exited = new Promise<ScriptExit>((resolve) => {
    subprocess.nodeChildProcess.once('exit', (code, signal) =>
      resolve(signal ? { kind: 'signaled', signal } : { kind: 'exited', exitCode: code ?? -1 }),
    );
  });
  const exit = Promise.race([exited, settled]);
  // Output still in the pipes arrives after 'exit'; a straggler that keeps them open is not waited for long.
  const outputDone = exit.then(async () => {
    const timer = setTimeout(() => {
      subprocess.stdout?.destroy();
      subprocess.stderr?.destroy();
    }, OUTPUT_DRAIN_MS);
    await settled;
    clearTimeout(timer);
  });

  // Node sets the PID synchronously when the fork succeeded; a missing executable leaves it unset.
  const pid = subprocess.pid;
  if (pid === undefined) {
    guard.release();
    const outcome = await exit;
    return {
      kind: 'spawn-failed',
      message: outcome.kind === 'spawn-failed' ? outcome.message : `cannot start ${request.python}`,
    };
  }
  // Should GILscope itself be killed (SIGKILL included), the guard kills the group: nothing outlives it.
  guard.guard(pid);
  const signalGroup = (signal: NodeJS.Signals): boolean => {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false;
    }
  };
  const go = subprocess.nodeChildProcess.stdio[3] as Writable | null | undefined;
  go?.on('error', () => {}); // the script may be gone before it is started (killed): nothing to report
  return {
    pid,
    start() {
      go?.end('start\n');
    },
    exit,
    outputDone,
    signalGroup,
    finish() {
      signalGroup('SIGKILL');
      guard.release();
    },
  };
}
