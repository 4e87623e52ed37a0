import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

/**
 * The guard's program (Python, so it runs under the interpreter the run already uses). It ignores the
 * terminal's signals and reads its stdin, a pipe only GILscope holds the other end of. The first line names
 * the process group to guard ("pgid N"). Any end of that pipe other than a "release" line — above all the
 * kernel closing it because GILscope was SIGKILLed — makes it SIGKILL that group. Node cannot set a
 * parent-death signal on the script itself, and one would not reach the script's children anyway; a
 * whole-group kill does. The pipe ending before a group was named leaves nothing to kill.
 */
const GUARD_PROGRAM = `
import os, signal, sys
for name in ("SIGINT", "SIGHUP", "SIGQUIT", "SIGTSTP"):
    signal.signal(getattr(signal, name), signal.SIG_IGN)
seen = b""
while True:
    try:
        chunk = os.read(0, 256)
    except InterruptedError:
        continue
    except OSError:
        chunk = b""
    if not chunk:
        break
    seen += chunk
    if b"release" in seen:
        sys.exit(0)
for line in seen.split(b"\\n"):
    if line.startswith(b"pgid "):
        try:
            os.killpg(int(line[5:]), signal.SIGKILL)
        except (OSError, ValueError):
            pass
`;

/** True for the command line of a guard (GILscope's own helper, never a process to profile). */
export function isGroupGuard(commandLine: readonly string[]): boolean {
  return commandLine[4] === GUARD_PROGRAM && commandLine[3] === '-c';
}

/** A running guard: `guard(pgid)` names the group to kill should GILscope die; `release()` lets it exit quietly. */
export interface GroupGuard {
  guard(pgid: number): void;
  release(): void;
}

/**
 * Starts a guard that will SIGKILL a process group, named later with `guard(pgid)`, when this process dies
 * without releasing it first. Starting it costs a process launch (tens of ms on a busy machine), so a run
 * starts it before the script: the script's first milliseconds are then sampled, not spent on the guard.
 * The guard runs in its own session, so a Ctrl-C or hang-up of GILscope's terminal does not reach it; its
 * stdin pipe is close-on-exec on our side, so no other process keeps it open.
 */
export function startGroupGuard(python: string): GroupGuard {
  let guard: ChildProcess | null = spawn(python, ['-I', '-S', '-c', GUARD_PROGRAM], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  // The guard must not keep GILscope's event loop alive, and a guard that failed to start is not fatal:
  // the script still stops with the run, only a SIGKILL of GILscope would leave it behind.
  guard.on('error', () => {});
  guard.stdin?.on('error', () => {});
  guard.unref();
  (guard.stdin as Socket | null)?.unref();
  return {
    guard(pgid) {
      guard?.stdin?.write(`pgid ${pgid}\n`);
    },
    release() {
      if (guard === null) return;
      guard.stdin?.end('release\n');
      guard = null;
    },
  };
}
