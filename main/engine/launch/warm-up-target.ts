// A short-lived Python the sampler practises on before the user's script starts (see sampler/warm-up.ts).
// It is started with the interpreter and GIL mode of the run, so the sampler's code meets the same layouts.
import { execa, type ResultPromise } from 'execa';
import type { GilMode } from '../../shared/vocabulary.ts';
import { envWithGilMode } from './gil-mode.ts';

/**
 * What the sampler meets in real scripts, in miniature: a thread running a few frames deep, one that takes
 * the GIL from it every half millisecond (GIL waits and hand-overs), one blocked on a lock, a timer, and the
 * main thread blocked reading stdin. It ends at end-of-file on stdin, so it dies with GILscope even under
 * kill -9 (the pipe closes), and after 10 s whatever happens. No import beyond the standard library's core.
 */
const WARM_UP_SCRIPT = `import os, sys, threading, time
def spin(depth):
    if depth:
        return spin(depth - 1)
    n = 0
    while True:
        n += 1
def nudge():
    while True:
        sum(range(2000))
        time.sleep(0.0005)
held = threading.Lock()
held.acquire()
for run, name in ((lambda: spin(8), "warm-up-spin"), (nudge, "warm-up-nudge"), (held.acquire, "warm-up-wait")):
    threading.Thread(target=run, name=name, daemon=True).start()
threading.Timer(10, os._exit, (0,)).start()
sys.stdin.buffer.read()
os._exit(0)
`;

/** Threads of the warm-up target once it is fully up: main, the three above and the timer. */
const WARM_UP_THREADS = 5;

/** A running warm-up target; `stop()` kills it (it also ends by itself, see WARM_UP_SCRIPT). */
export interface WarmUpTarget {
  pid: number;
  /** Threads it has once fully up: the sampler waits for them before its first tick. */
  threads: number;
  stop(): void;
}

/**
 * Starts the warm-up target with `python` (the path the run launches, a chroot wrapper included) in `gilMode`.
 * Null when it could not be started: warming up is an optimisation, and the run goes on without it.
 */
export function startWarmUpTarget(python: string, gilMode: GilMode): WarmUpTarget | null {
  let subprocess: ResultPromise;
  try {
    subprocess = execa(python, ['-I', '-S', '-c', WARM_UP_SCRIPT], {
      env: envWithGilMode(process.env, gilMode),
      extendEnv: false,
      stdio: ['pipe', 'ignore', 'ignore'],
      reject: false,
      forceKillAfterDelay: false,
    });
  } catch {
    return null;
  }
  // Its end is of no interest (killed, or a Python that rejects -I): never an unhandled rejection.
  subprocess.catch(() => {});
  const pid = subprocess.pid;
  if (pid === undefined) return null;
  return {
    pid,
    threads: WARM_UP_THREADS,
    stop: () => {
      subprocess.kill('SIGKILL');
      subprocess.stdin?.destroy();
    },
  };
}
