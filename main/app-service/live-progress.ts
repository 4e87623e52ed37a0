// Live figures of a recording run, computed from each sampler batch (about ten a second). Pure apart
// from the small state it keeps between batches (thread names, time and tick count so far).
import { STATE_CODE, THREAD_STATES, type Tid } from '../engine/model.ts';
import type { SamplerBatch } from '../engine/sampler/sampler-messages.ts';
import type { ApiEvents, LiveThread } from '../shared/api-contract.ts';
import type { ThreadStateName } from '../shared/run-summary-types.ts';

/** What the previous batches left behind: names seen, where the last batch ended, ticks so far. */
export interface ProgressState {
  names: Map<Tid, string>;
  lastTimeNs: number;
  ticks: number;
}

// A fresh state for a run that has just started.
export function newProgressState(): ProgressState {
  return { names: new Map(), lastTimeNs: 0, ticks: 0 };
}

/**
 * The `profile:progress` payload of one batch: per thread the CPU used over the batch's span as a
 * fraction of one core and the share of its samples in each state; GIL held / contended shares of the
 * batch's ticks. Updates `state`. Null for a batch without ticks (nothing new to show).
 */
export function progressFromBatch(
  runId: number,
  batch: SamplerBatch,
  state: ProgressState,
): ApiEvents['profile:progress'] | null {
  for (const info of batch.threads) state.names.set(info.tid, info.name);
  const ticks = batch.ticks;
  const last = ticks[ticks.length - 1];
  if (!last) return null;
  const spanNs = Math.max(1, last.timeNs - state.lastTimeNs);
  state.lastTimeNs = last.timeNs;
  state.ticks += ticks.length;

  const perThread = new Map<Tid, { cpuNs: number; counts: number[]; samples: number }>();
  let known = 0;
  let held = 0;
  let contended = 0;
  let enabled: boolean | null = null;
  for (const tick of ticks) {
    let waiting = false;
    for (const sample of tick.threads) {
      let entry = perThread.get(sample.tid);
      if (!entry) perThread.set(sample.tid, (entry = { cpuNs: 0, counts: THREAD_STATES.map(() => 0), samples: 0 }));
      entry.cpuNs += sample.cpuNs;
      entry.counts[sample.state]!++;
      entry.samples++;
      if (sample.state === STATE_CODE.gilWait) waiting = true;
    }
    if (waiting) contended++;
    if (tick.gil) {
      known++;
      if (tick.gil.held) held++;
      enabled = tick.gil.enabled;
    }
  }
  const threads: LiveThread[] = [...perThread]
    .sort((a, b) => a[0] - b[0])
    .map(([tid, entry]) => ({
      tid,
      name: state.names.get(tid) ?? String(tid),
      cpu: entry.cpuNs / spanNs,
      states: Object.fromEntries(
        THREAD_STATES.map((name, code) => [name, entry.counts[code]! / entry.samples]),
      ) as Record<ThreadStateName, number>,
    }));
  return {
    runId,
    elapsedNs: last.timeNs,
    ticks: state.ticks,
    threads,
    gil: known === 0 ? null : { held: held / known, contention: contended / ticks.length, enabled },
  };
}
