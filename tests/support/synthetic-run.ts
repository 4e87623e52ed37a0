// A whole synthetic run in a real store, for tests that read runs back (timelines, overviews) without
// profiling anything: created, filled with synthetic ticks, completed 5 ms after its last tick.
import type { RunStore } from '../../main/engine/store/open-database.ts';
import { RunWriter, type RunMeta } from '../../main/engine/store/run-writer.ts';
import { syntheticTickBatches, type SyntheticRunShape } from './synthetic-ticks.ts';

/** Records a completed run of `shape` described by `meta`; returns its id and its wall time in ns. */
export function writeSyntheticRun(
  store: RunStore,
  meta: RunMeta,
  shape: SyntheticRunShape,
): { runId: number; wallNs: number } {
  const writer = new RunWriter(store);
  const runId = writer.createRun(meta);
  let last = 0;
  for (const batch of syntheticTickBatches(shape)) {
    writer.appendTicks(batch);
    last = batch[batch.length - 1]!.timeNs;
  }
  const wallNs = last + 5e6;
  writer.finishRun({ status: 'completed', exitCode: 0, signal: null, wallNs });
  return { runId, wallNs };
}
