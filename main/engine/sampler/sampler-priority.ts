// The sampler thread's place in the scheduler. Measured on 2 cores with 4 busy Python threads, a normal
// thread's 1 ms Atomics.wait woke more than 1 ms late 4–5% of the time (nice −10 changed nothing): the
// kernel lets the running thread finish its slice, up to a scheduler tick. As SCHED_FIFO at the lowest
// real-time priority it never did (p99 91 µs), and 8 busy threads got 99% of 1 kHz instead of 90% — but
// each tick then preempts the target at once, which raised the 1 kHz slowdown of GIL-bound workloads
// from about 4% to about 9% (BENCHMARKS.md). Late ticks are counted and never distort a figure, while
// preemption does, so normal is the default and real-time is asked for with
// GILSCOPE_SAMPLER_PRIORITY=realtime (needs root or CAP_SYS_NICE; the run records what it got). The
// kernel's real-time throttling (95% of each second) bounds what a runaway real-time thread could take.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/** What the sampler thread got: real-time FIFO, a raised nice value, or nothing. */
export type SamplerPriority = 'realtime' | 'raised' | 'normal';

/** nice value asked for when real-time is not available: ahead of the target's threads (nice 0). */
const SAMPLER_NICE = -10;

/** The calling thread's kernel TID, read from /proc/thread-self ("PID/task/TID"). */
function currentTid(): number | null {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}

/** SCHED_FIFO priority 1 for thread `tid` through util-linux's chrt (Node has no sched_setscheduler). */
function makeRealtime(tid: number): boolean {
  try {
    execFileSync('chrt', ['--fifo', '--pid', '1', String(tid)], { stdio: 'ignore', timeout: 2000 });
    return fs.readFileSync(`/proc/self/task/${tid}/stat`, 'latin1').split(') ')[1]?.split(' ')[38] === '1'; // field 41: policy, 1 = SCHED_FIFO
  } catch {
    return false;
  }
}

/**
 * Applies GILSCOPE_SAMPLER_PRIORITY to the calling thread: `realtime` (SCHED_FIFO 1, else nice −10 if that
 * is all that is allowed), `raised` (nice −10) or, by default, nothing. setpriority and chrt on a TID
 * affect that thread only.
 */
export function applySamplerPriority(wanted = process.env.GILSCOPE_SAMPLER_PRIORITY): SamplerPriority {
  if (wanted !== 'realtime' && wanted !== 'raised') return 'normal';
  const tid = currentTid();
  if (tid === null) return 'normal';
  if (wanted === 'realtime' && makeRealtime(tid)) return 'realtime';
  try {
    os.setPriority(tid, SAMPLER_NICE);
    return os.getPriority(tid) === SAMPLER_NICE ? 'raised' : 'normal';
  } catch {
    return 'normal';
  }
}
