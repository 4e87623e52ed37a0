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

/** CPU ns a thread of this process has used so far, read once; null once it has exited. */
export function threadCpuNs(tid: number): number | null {
  const reader = new ThreadCpuReader(tid);
  try {
    return reader.read();
  } finally {
    reader.close();
  }
}

/**
 * Reads one thread's CPU again and again through a descriptor kept open: the bench reads the sampler
 * worker's at every batch, on the main thread it is measuring, and a readFileSync each time (open, fstat,
 * read, close) was about 9% of that thread's CPU in a `--cpu-prof` of a 100 Hz run.
 */
export class ThreadCpuReader {
  private fd: number | null;
  private readonly buffer = Buffer.alloc(128);

  constructor(tid: number) {
    try {
      this.fd = fs.openSync(`/proc/self/task/${tid}/schedstat`, 'r');
    } catch {
      this.fd = null;
    }
  }

  /** CPU ns the thread has used so far; null once it has exited. */
  read(): number | null {
    if (this.fd === null) return null;
    try {
      const n = fs.readSync(this.fd, this.buffer, 0, this.buffer.length, 0);
      return Number(this.buffer.toString('latin1', 0, n).split(' ')[0]);
    } catch {
      return null;
    }
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

/** The Node worker thread that appeared since `before` was listed (the sampler), or null if not exactly one. */
export function newWorkerThread(before: ReadonlyMap<number, string>): number | null {
  const fresh = [...ownThreads()].filter(([tid, name]) => !before.has(tid) && name === 'WorkerThread');
  return fresh.length === 1 ? fresh[0]![0] : null;
}

/** CPU ns so far of every thread of this process, by TID, with its OS name. */
export function threadCpuSnapshot(): Map<number, { name: string; ns: number }> {
  const snapshot = new Map<number, { name: string; ns: number }>();
  for (const [tid, name] of ownThreads()) {
    const ns = threadCpuNs(tid);
    if (ns !== null) snapshot.set(tid, { name, ns });
  }
  return snapshot;
}

/** Where a process's CPU went between two snapshots, in seconds: its main thread, Node worker threads, and the rest (V8's compiler and GC threads, libuv's pool). */
export interface CpuSplit {
  main: number;
  workers: number;
  background: number;
}

/**
 * The CPU each thread used from `before` to `after` (a worker that has ended is given its last reading).
 * The main thread's TID is the PID.
 */
export function cpuSplit(
  before: ReadonlyMap<number, { name: string; ns: number }>,
  after: ReadonlyMap<number, { name: string; ns: number }>,
): CpuSplit {
  const split: CpuSplit = { main: 0, workers: 0, background: 0 };
  for (const [tid, { name, ns }] of after) {
    const used = (ns - (before.get(tid)?.ns ?? 0)) / 1e9;
    if (tid === process.pid) split.main += used;
    else if (name === 'WorkerThread') split.workers += used;
    else split.background += used;
  }
  return split;
}
