import { STATE_CODE, type StateCode } from '../model.ts';
import type { SyscallActivity } from '../proc/parse-proc.ts';

/** Address range [start, end) of the GIL structure in the target, or null when unknown. */
export interface GilRange {
  start: number;
  end: number;
}

/**
 * Classifies one thread at one tick (GIL-MEASUREMENT.md): a futex wait inside the GIL structure is a
 * GIL wait, any other futex wait a lock wait, any other blocking syscall idle. While the GIL cannot be
 * located (`gilUnknown` gives why), a futex wait may be either and is `unclassifiedWait`. A thread that is not
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
      return runQueueDeltaNs > cpuDeltaNs ? STATE_CODE.runnable : STATE_CODE.running;
    case 'futex':
      if (gilUnknown !== null) return STATE_CODE.unclassifiedWait;
      return gil !== null && activity.address >= gil.start && activity.address < gil.end
        ? STATE_CODE.gilWait
        : STATE_CODE.lockWait;
    case 'syscall':
    case 'blocked':
      return STATE_CODE.idle;
  }
}

/** Fallback when the syscall file cannot be read (no ptrace access): only the stat letter is known. */
export function classifyFromStatState(letter: string, cpuDeltaNs: number, runQueueDeltaNs: number): StateCode {
  if (letter === 'R') return runQueueDeltaNs > cpuDeltaNs ? STATE_CODE.runnable : STATE_CODE.running;
  return STATE_CODE.idle;
}
