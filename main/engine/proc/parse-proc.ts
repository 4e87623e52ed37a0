// Pure parsers for the per-thread /proc files the sampler reads (see proc(5)).

/** x86-64 syscall numbers that mean "blocked on a futex". */
const SYSCALL_FUTEX = 202;
const SYSCALL_FUTEX_WAITV = 449;

export interface Schedstat {
  /** Time on CPU, ns. */
  cpuNs: number;
  /** Time runnable but waiting on a run queue, ns. */
  runQueueNs: number;
  /** How many times the thread was put on a CPU: unchanged means it has not run since. */
  timeslices: number;
}

const SPACE = 0x20;
const DIGIT_0 = 0x30;

/**
 * Parses `/proc/PID/task/TID/schedstat` ("cpu_ns wait_ns timeslices\n") from the bytes read, without making
 * a string: it is read for every thread at every tick. The totals stay below 2^53 ns (104 days of CPU).
 */
export function parseSchedstat(bytes: Uint8Array, length: number): Schedstat | null {
  const values = [0, 0, 0];
  let field = 0;
  let digits = 0;
  for (let i = 0; i < length && field < 3; i++) {
    const digit = bytes[i]! - DIGIT_0;
    if (digit >= 0 && digit <= 9) {
      values[field] = values[field]! * 10 + digit;
      digits++;
    } else if (bytes[i] === SPACE || digits > 0) {
      if (digits === 0) return null;
      field++;
      digits = 0;
    } else {
      return null;
    }
  }
  if (field < 2 || (field === 2 && digits === 0)) return null;
  return { cpuNs: values[0]!, runQueueNs: values[1]!, timeslices: values[2]! };
}

/** What `/proc/PID/task/TID/syscall` says a thread is doing. */
export type SyscallActivity =
  | { kind: 'running' }
  /** Blocked in futex(2); `address` is the futex word (first argument). */
  | { kind: 'futex'; address: number }
  /** Blocked in some other syscall (sleep, poll, read, …). */
  | { kind: 'syscall'; number: number }
  /** Blocked outside a syscall (e.g. stopped or a page fault). */
  | { kind: 'blocked' };

/** Parses `/proc/PID/task/TID/syscall`: "running", "-1 sp pc", or "nr arg1 … arg6 sp pc" (hex args). */
export function parseSyscall(text: string): SyscallActivity | null {
  if (text.startsWith('running')) return { kind: 'running' };
  const space = text.indexOf(' ');
  if (space <= 0) return null;
  const number = Number(text.slice(0, space));
  if (!Number.isInteger(number)) return null;
  if (number === -1) return { kind: 'blocked' };
  if (number === SYSCALL_FUTEX || number === SYSCALL_FUTEX_WAITV) {
    const end = text.indexOf(' ', space + 1);
    const address = Number(text.slice(space + 1, end < 0 ? undefined : end));
    // futex_waitv's first argument is an array of waiters, not the futex word: never a GIL address.
    if (number === SYSCALL_FUTEX && Number.isFinite(address)) return { kind: 'futex', address };
    return { kind: 'futex', address: -1 };
  }
  return { kind: 'syscall', number };
}

/** Parses the state letter (R, S, D, Z, t, …) out of `/proc/PID/task/TID/stat`; the name may contain ')'. */
export function parseStatState(text: string): string | null {
  const close = text.lastIndexOf(')');
  if (close < 0 || close + 2 >= text.length) return null;
  return text[close + 2] ?? null;
}
