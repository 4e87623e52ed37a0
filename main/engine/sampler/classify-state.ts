import { STATE_CODE, type StateCode } from '../model.ts';
import type { SyscallActivity } from '../proc/parse-proc.ts';
import { waitsForGil, type GilRange } from '../python/gil-state.ts';

/**
 * Classifies one thread at one tick (docs/state-rules.md): a futex wait inside the GIL structure is a
 * GIL wait (waitsForGil), any other futex wait a lock wait, any other blocking syscall idle. While the GIL
 * cannot be located (`gilUnknown` gives why), a futex wait may be either and is `unclassifiedWait`. A thread that is not
 * blocked is running or runnable; which one is taken from its last interval's schedstat deltas,
 * because /proc shows both as "running".
 */
export function classifyThreadState(
  activity: SyscallActivity,
  gil: GilRange | null,
  cpuDeltaNs: number,
  runQueueDeltaNs: number,
  gilUnknown: string | null = null,
): StateCode {
  switch (activity.kind) {
    case 'running':
      return runningOrRunnable(cpuDeltaNs, runQueueDeltaNs);
    case 'futex':
      if (gilUnknown !== null) return STATE_CODE.unclassifiedWait;
      return waitsForGil(activity, gil) ? STATE_CODE.gilWait : STATE_CODE.lockWait;
    case 'syscall':
    case 'blocked':
      return STATE_CODE.idle;
  }
}

/** Fallback when the syscall file cannot be read (no ptrace access): only the stat letter is known. */
export function classifyFromStatState(letter: string, cpuDeltaNs: number, runQueueDeltaNs: number): StateCode {
  if (letter === 'R') return runningOrRunnable(cpuDeltaNs, runQueueDeltaNs);
  return STATE_CODE.idle;
}

/** A thread that is not blocked: runnable when it spent more of its last interval queued than on a CPU. */
function runningOrRunnable(cpuDeltaNs: number, runQueueDeltaNs: number): StateCode {
  return runQueueDeltaNs > cpuDeltaNs ? STATE_CODE.runnable : STATE_CODE.running;
}
