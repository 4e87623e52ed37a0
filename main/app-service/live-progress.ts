// Live figures of a recording run, computed from each sampler batch (about ten a second). Pure apart
// from the small state it keeps between batches (thread names, time and tick count so far).
import { binTimeline } from '../engine/analysis/bin-timeline.ts';
import { timelineFromTicks } from '../engine/analysis/ticks-to-timeline.ts';
import type { Tid } from '../engine/model.ts';
import type { SamplerBatch } from '../engine/sampler/sampler-messages.ts';
import type { ApiEvents, LiveThread } from '../shared/api-contract.ts';
import { THREAD_STATES, type StateFractions } from '../shared/vocabulary.ts';

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
 * batch's ticks: binTimeline's figures for one bin spanning the batch. Updates `state`. Null for a batch without ticks (nothing new to show).
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

  // One bin over the batch: the same shares every stored timeline shows. Period 0 books each sample's
  // CPU at its own tick, so the bin holds exactly the CPU of the batch's samples.
  const binned = binTimeline(
    timelineFromTicks(ticks),
    [...state.names].map(([tid, name]) => ({ tid, name })),
    {
      fromNs: last.timeNs - spanNs,
      toNs: last.timeNs,
      bins: 1,
      periodNs: 0,
    },
  );
  const threads: LiveThread[] = binned.threads.map((thread) => ({
    tid: thread.tid,
    name: thread.name,
    cpu: thread.cpu[0] ?? 0,
    states: Object.fromEntries(THREAD_STATES.map((name) => [name, thread.states[name][0] ?? 0])) as StateFractions,
  }));
  const gil = binned.gil;
  const enabled = ticks.findLast((tick) => tick.gil)?.gil?.enabled ?? null;
  return {
    runId,
    elapsedNs: last.timeNs,
    ticks: state.ticks,
    threads,
    gil: gil ? { held: gil.held[0] ?? 0, contention: gil.contention[0] ?? 0, enabled } : null,
  };
}
