import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

/**
 * The guard's program (Python, so it runs under the interpreter the run already uses). It ignores the
 * terminal's signals and reads its stdin, a pipe only GILscope holds the other end of. Any end of that
 * pipe other than a "release" line — above all the kernel closing it because GILscope was SIGKILLed — makes
 * it SIGKILL the script's process group. Node cannot set a parent-death signal on the script itself, and one
 * would not reach the script's children anyway; a whole-group kill does.
 */
const GUARD_PROGRAM = `
import os, signal, sys
for name in ("SIGINT", "SIGHUP", "SIGQUIT", "SIGTSTP"):
    signal.signal(getattr(signal, name), signal.SIG_IGN)
pgid = int(sys.argv[1])
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
try:
    os.killpg(pgid, signal.SIGKILL)
except OSError:
    pass
`;

/** True for the command line of a guard (GILscope's own helper, never a process to profile). */
export function isGroupGuard(commandLine: readonly string[]): boolean {
  return commandLine[4] === GUARD_PROGRAM && commandLine[3] === '-c';
}

/** A running guard: `release()` lets it exit without killing anything (the run ended on its own terms). */
export interface GroupGuard {
  release(): void;
}

/**
 * Starts a guard that SIGKILLs process group `pgid` when this process dies without releasing it first.
 * The guard runs in its own session, so a Ctrl-C or hang-up of GILscope's terminal does not reach it; its
 * stdin pipe is close-on-exec on our side, so no other process keeps it open.
 */
export function startGroupGuard(python: string, pgid: number): GroupGuard {
  let guard: ChildProcess | null = spawn(python, ['-I', '-S', '-c', GUARD_PROGRAM, String(pgid)], {
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
    release() {
      if (guard === null) return;
      guard.stdin?.end('release\n');
      guard = null;
    },
  };
}
