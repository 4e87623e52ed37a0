// The sampler thread asks for a better place in the scheduler, so that a machine busy with the target's
// threads does not make its ticks late. Measured on 2 cores with 4 busy Python threads, a 1 ms
// Atomics.wait woke more than 1 ms late 4–5% of the time at normal priority (and at nice −10): the
// kernel let the running thread finish its slice, up to a scheduler tick (4 ms). As SCHED_FIFO at the
// lowest real-time priority it never did (p99 91 µs). Only root or CAP_SYS_NICE may do either; anyone
// else keeps a normal thread, and the run records which it got. The kernel's real-time throttling (95% of
// each second by default) bounds what a runaway real-time thread could take; this one sleeps every tick.
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
 * Raises the calling thread's scheduling priority as far as allowed (setpriority on a TID affects that
 * thread only). GILSCOPE_SAMPLER_PRIORITY=normal keeps it normal, =raised stops short of real-time.
 */
export function raiseThreadPriority(): SamplerPriority {
  const wanted = process.env.GILSCOPE_SAMPLER_PRIORITY;
  const tid = currentTid();
  if (tid === null || wanted === 'normal') return 'normal';
  if (wanted !== 'raised' && makeRealtime(tid)) return 'realtime';
  try {
    os.setPriority(tid, SAMPLER_NICE);
    return os.getPriority(tid) === SAMPLER_NICE ? 'raised' : 'normal';
  } catch {
    return 'normal';
  }
}
