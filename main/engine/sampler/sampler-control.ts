// The shared memory between a sampling session and its worker. The target is handed over through it, not by
// postMessage: a worker blocked in Atomics.wait wakes within microseconds, where a message waits for the
// worker's event loop (measured 4–28 ms on a busy 2-core machine) while the new script runs unsampled.

/** Int32 slots: 0 = stop requested (0/1), 1 = target PID (0 until handed over). Then one BigInt64: the run's start. */
const STOP = 0;
const PID = 1;
const BYTES = 16;
const START_SLOT = 1; // of the BigInt64Array over the same bytes

/** What the worker samples: a process and the hrtime it was launched at (tick times are relative to it). */
export interface SamplerTarget {
  pid: number;
  runStartNs: bigint;
}

export function createSamplerControl(): SharedArrayBuffer {
  return new SharedArrayBuffer(BYTES);
}

/** Asks the worker to stop (before or after it was given a target). */
export function requestStop(control: SharedArrayBuffer): void {
  const slots = new Int32Array(control);
  Atomics.store(slots, STOP, 1);
  Atomics.notify(slots, STOP);
  Atomics.notify(slots, PID);
}

/** Hands the worker its target; it starts sampling at once. */
export function handOverTarget(control: SharedArrayBuffer, target: SamplerTarget): void {
  new BigInt64Array(control)[START_SLOT] = target.runStartNs;
  const slots = new Int32Array(control);
  Atomics.store(slots, PID, target.pid);
  Atomics.notify(slots, PID);
}

/** Blocks the worker until it has a target (returned) or is asked to stop first (null). */
export function waitForTarget(control: SharedArrayBuffer): SamplerTarget | null {
  const slots = new Int32Array(control);
  while (Atomics.load(slots, STOP) === 0) {
    const pid = Atomics.load(slots, PID);
    if (pid !== 0) return { pid, runStartNs: new BigInt64Array(control)[START_SLOT]! };
    Atomics.wait(slots, PID, 0);
  }
  return null;
}

export function stopRequested(control: Int32Array): boolean {
  return Atomics.load(control, STOP) !== 0;
}

/** Sleeps the worker for up to `ms`, waking at once when asked to stop. */
export function sleepUnlessStopped(control: Int32Array, ms: number): void {
  Atomics.wait(control, STOP, 0, ms);
}
