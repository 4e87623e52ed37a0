// Worker-thread entry: samples at a fixed rate with Atomics.wait as an interruptible, sub-millisecond
// sleep, so the main thread's event loop (child output, database writes, UI) never delays a tick.
import { parentPort, workerData } from 'node:worker_threads';
import type { SamplerBatch, SamplerMessage, SamplerWorkerInput } from './sampler-messages.ts';
import { sleepUnlessStopped, stopRequested, waitForTarget, type SamplerTarget } from './sampler-control.ts';
import { preloadPythonBinary } from '../python/python-binary.ts';
import { applySamplerPriority } from './sampler-priority.ts';
import { ProcessTreeSampler } from './process-tree-sampler.ts';
import { warmUpSampler } from './warm-up.ts';
import type { Tick } from '../model.ts';

const POST_INTERVAL_NS = 100e6;

function runLoop(input: SamplerWorkerInput, target: SamplerTarget): void {
  const control = new Int32Array(input.control);
  const sampler = new ProcessTreeSampler(target.pid, {
    stacks: input.stacks,
    children: input.children,
    attached: input.attached,
  });
  sampler.stats.priority = priority;
  if (warmUp !== null) sampler.stats.warmUp = warmUp;
  const periodNs = 1e9 / input.rateHz;
  const now = (): number => Number(process.hrtime.bigint() - target.runStartNs);
  let pending: Tick[] = [];
  let lastPostNs = now();

  const post = (end: SamplerBatch['end']): void => {
    const batch = sampler.takeBatch(pending, end);
    pending = [];
    parentPort?.postMessage(batch satisfies SamplerMessage);
  };

  let dueNs = now();
  try {
    while (!stopRequested(control)) {
      const startNs = now();
      if (startNs - dueNs > periodNs) sampler.stats.lateTicks++;
      const tick = sampler.sample(startNs);
      if (tick === null) {
        post({ reason: 'process-exited' });
        return;
      }
      pending.push(tick);
      if (startNs - lastPostNs >= POST_INTERVAL_NS) {
        post(null);
        lastPostNs = startNs;
      }
      dueNs += periodNs;
      // After a stall (machine busy), resynchronise instead of firing a burst of catch-up ticks.
      const afterNs = now();
      if (dueNs < afterNs) {
        sampler.stats.missedTicks = (sampler.stats.missedTicks ?? 0) + Math.floor((afterNs - dueNs) / periodNs) + 1;
        dueNs = afterNs + periodNs;
      }
      const waitMs = (dueNs - now()) / 1e6;
      if (waitMs > 0) sleepUnlessStopped(control, waitMs);
    }
    post({ reason: 'stopped' });
  } finally {
    sampler.close();
  }
}

// Loading this worker takes ~100 ms; it is started before the target, says it is ready, and then waits on
// shared memory for the target's PID, so the first tick follows the launch within microseconds.
const input = workerData as SamplerWorkerInput;
// Before 'ready': the target is not launched yet, so none of this costs a tick.
const priority = applySamplerPriority();
if (input.interpreterPath !== null) preloadPythonBinary(input.interpreterPath);
const warmUp =
  input.warmUp === null
    ? null
    : warmUpSampler(input.warmUp.pid, input.warmUp.threads, { stacks: input.stacks, children: input.children });
parentPort?.postMessage({ type: 'ready' } satisfies SamplerMessage);
const target = waitForTarget(input.control);
if (target !== null) {
  try {
    runLoop(input, target);
  } catch (error) {
    parentPort?.postMessage({ type: 'failure', message: (error as Error).message } satisfies SamplerMessage);
  }
}
