// CPU time of this process's own threads, from /proc/self/task/*/schedstat (to single out the sampler worker).
import fs from 'node:fs';

/** TIDs of this process's threads with their OS names. */
export function ownThreads(): Map<number, string> {
  const threads = new Map<number, string>();
  for (const entry of fs.readdirSync('/proc/self/task')) {
    try {
      threads.set(Number(entry), fs.readFileSync(`/proc/self/task/${entry}/comm`, 'utf8').trim());
    } catch {
      // the thread ended while we listed
    }
  }
  return threads;
}

/** CPU ns a thread of this process has used so far; null once it has exited. */
export function threadCpuNs(tid: number): number | null {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

/** The Node worker thread that appeared since `before` was listed (the sampler), or null if not exactly one. */
export function newWorkerThread(before: ReadonlyMap<number, string>): number | null {
  const fresh = [...ownThreads()].filter(([tid, name]) => !before.has(tid) && name === 'WorkerThread');
  return fresh.length === 1 ? fresh[0]![0] : null;
}
