// The cheapest samplers there can be, as Node worker threads that wake at the sampling rate (Atomics.wait, as
// GILscope's sampler sleeps):
// - wake-only reads nothing. Each tick is a wake-up, and on a busy core a context switch away from the target
//   and back: a floor that every sampler at that rate pays on this machine, whatever it reads.
// - the /proc floor also reads each of the target's threads' `schedstat` and `syscall` files at every wake
//   (kept open, the list of threads read again every 100 ms), the two files GILscope needs per thread for a
//   thread's CPU, run-queue time and state. No stack, no GIL, no storage.
import { Worker } from 'node:worker_threads';

const WAKE_LOOP = `
const fs = require('node:fs');
const { workerData, parentPort } = require('node:worker_threads');
const slots = new Int32Array(workerData.control); // [stop, target pid]
const periodMs = 1000 / workerData.rateHz;
const files = new Map(); // tid -> fds of its schedstat and syscall
const bytes = Buffer.alloc(512);
let listedAt = -Infinity;
function relist(pid) {
  let tids;
  try { tids = fs.readdirSync('/proc/' + pid + '/task'); } catch { tids = []; }
  for (const [tid, fds] of files) if (!tids.includes(tid)) { fds.forEach((fd) => fs.closeSync(fd)); files.delete(tid); }
  for (const tid of tids) {
    if (files.has(tid)) continue;
    try { files.set(tid, ['schedstat', 'syscall'].map((name) => fs.openSync('/proc/' + pid + '/task/' + tid + '/' + name, 'r'))); } catch {}
  }
}
function readProc() {
  const pid = Atomics.load(slots, 1);
  if (pid === 0) return;
  if (performance.now() - listedAt >= 100) { relist(pid); listedAt = performance.now(); }
  for (const fds of files.values()) for (const fd of fds) { try { fs.readSync(fd, bytes, 0, bytes.length, 0); } catch {} }
}
// CPU from this thread's schedstat (ns, booked at every switch); process.threadCpuUsage() counts whole
// scheduler ticks here, too coarse for a thread that runs for microseconds at a time.
const cpuNs = () => Number(fs.readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]);
const before = cpuNs();
const started = performance.now();
let due = started;
let wakes = 0;
while (Atomics.load(slots, 0) === 0) {
  wakes++;
  if (workerData.readProc) readProc();
  due += periodMs;
  const waitMs = due - performance.now();
  if (waitMs > 0) Atomics.wait(slots, 0, 0, waitMs);
  // Late: wake again at once, then one period apart. The sampler skips to one period after its late tick
  // instead, so this floor counts one wake more per late wake than the sampler's policy would: its rate is,
  // if anything, above what that policy gets from the scheduler.
  else due = performance.now();
}
parentPort.postMessage({ cpuSeconds: (cpuNs() - before) / 1e9, wakes, wallSeconds: (performance.now() - started) / 1e3 });
`;

/** What the waking thread did: its CPU, how often it woke, over how long. */
export interface WakeOnlyResult {
  cpuSeconds: number;
  wakes: number;
  wallSeconds: number;
}

/**
 * Runs `body` while a worker thread wakes `rateHz` times a second; returns its result and what the worker did.
 * With `readProc`, the worker also reads the /proc files of the process whose PID `body` announces.
 */
export async function whileWaking<T>(
  rateHz: number,
  body: (announce: (pid: number) => void) => Promise<T>,
  options: { readProc?: boolean } = {},
): Promise<{ result: T } & WakeOnlyResult> {
  const control = new SharedArrayBuffer(8);
  const slots = new Int32Array(control);
  const worker = new Worker(WAKE_LOOP, {
    eval: true,
    workerData: { control, rateHz, readProc: options.readProc ?? false },
  });
  const waking = new Promise<WakeOnlyResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await new Promise((resolve) => worker.once('online', resolve));
  const stop = (): void => {
    Atomics.store(slots, 0, 1);
    Atomics.notify(slots, 0);
  };
  let result: T;
  try {
    result = await body((pid) => Atomics.store(slots, 1, pid));
  } finally {
    stop();
  }
  return { result, ...(await waking) };
}
