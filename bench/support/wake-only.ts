// The cheapest sampler there can be: a Node worker thread that wakes at the sampling rate (Atomics.wait, as
// GILscope's sampler sleeps) and reads nothing. What it costs the target is a floor that every sampler at
// that rate pays on this machine, whatever it reads: each tick is a wake-up, and on a busy core a context
// switch away from the target and back.
import { Worker } from 'node:worker_threads';

const WAKE_LOOP = `
const { workerData, parentPort } = require('node:worker_threads');
const stop = new Int32Array(workerData.control);
const periodMs = 1000 / workerData.rateHz;
const before = process.threadCpuUsage();
const started = performance.now();
let due = started;
let wakes = 0;
while (Atomics.load(stop, 0) === 0) {
  wakes++;
  due += periodMs;
  const waitMs = due - performance.now();
  if (waitMs > 0) Atomics.wait(stop, 0, 0, waitMs);
  // Late: wake again at once, then one period apart. The sampler skips to one period after its late tick
  // instead, so this floor counts one wake more per late wake than the sampler's policy would: its rate is,
  // if anything, above what that policy gets from the scheduler.
  else due = performance.now();
}
const used = process.threadCpuUsage(before);
parentPort.postMessage({ cpuSeconds: (used.user + used.system) / 1e6, wakes, wallSeconds: (performance.now() - started) / 1e3 });
`;

/** What the waking thread did: its CPU, how often it woke, over how long. */
export interface WakeOnlyResult {
  cpuSeconds: number;
  wakes: number;
  wallSeconds: number;
}

/** Runs `body` while a worker thread wakes `rateHz` times a second; returns its result and what the worker did. */
export async function whileWaking<T>(rateHz: number, body: () => Promise<T>): Promise<{ result: T } & WakeOnlyResult> {
  const control = new SharedArrayBuffer(4);
  const worker = new Worker(WAKE_LOOP, { eval: true, workerData: { control, rateHz } });
  const waking = new Promise<WakeOnlyResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await new Promise((resolve) => worker.once('online', resolve));
  const stop = (): void => {
    const slots = new Int32Array(control);
    Atomics.store(slots, 0, 1);
    Atomics.notify(slots, 0);
  };
  let result: T;
  try {
    result = await body();
  } finally {
    stop();
  }
  return { result, ...(await waking) };
}
