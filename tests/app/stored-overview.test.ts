// A long run stores a whole-run overview when it ends; the whole-run timeline is then re-binned from
// it (no sample decoding) and agrees with binning the samples. An overview of another shape is parsed,
// refused, and the samples are binned instead.
import path from 'node:path';
import { expect, it } from 'vitest';
import { OVERVIEW_BINS, OVERVIEW_MIN_TICKS, storeRunDigest } from '../../main/engine/analysis/run-digest.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { writeSyntheticRun } from '../support/synthetic-run.ts';
import { runQuery } from '../../main/app-service/run-queries.ts';
import { readStoredOverview } from '../../main/engine/analysis/stored-overview.ts';
import type { BinnedTimeline } from '../../main/shared/run-views.ts';
import { meta, tempDir } from '../store/helpers.ts';

it('serves the whole-run timeline of a long finished run from its stored overview', () => {
  const file = path.join(tempDir(), 'overview.sqlite');
  const store = openRunStore(file);
  const { runId } = writeSyntheticRun(store, meta(), {
    threads: 3,
    ticks: OVERVIEW_MIN_TICKS + 500,
    rateHz: 100,
    batchTicks: 1000,
    activity: 'mixed',
    seed: 9,
  });
  expect(storeRunDigest(store, runId)).toBe(true);
  const reader = createRunReader(store);
  const overview = readStoredOverview(reader, runId)!;
  expect(overview.threads[0]!.cpu).toHaveLength(OVERVIEW_BINS);

  const request = { runId, fromNs: null, toNs: null, bins: 400 };
  const fromOverview = runQuery(reader, { kind: 'timeline', request }) as BinnedTimeline;
  const zoomedToAll = runQuery(reader, {
    kind: 'timeline',
    request: { ...request, fromNs: 0, toNs: overview.toNs - 1 },
  }) as BinnedTimeline;
  expect(fromOverview.binNs).toBeCloseTo(overview.binNs * (OVERVIEW_BINS / 400), 3);
  for (const [i, thread] of fromOverview.threads.entries()) {
    const cpuSeconds = (t: BinnedTimeline['threads'][number], binNs: number) =>
      (t.cpu.reduce((a, b) => a + b, 0) * binNs) / 1e9;
    expect(cpuSeconds(thread, fromOverview.binNs)).toBeCloseTo(
      cpuSeconds(zoomedToAll.threads[i]!, zoomedToAll.binNs),
      1,
    );
  }

  // An overview written with other states (say, by a version with one state fewer) is not used.
  const { idle: _dropped, ...olderStates } = overview.threads[0]!.states;
  const older = { ...overview, threads: [{ ...overview.threads[0]!, states: olderStates }] };
  store.db.prepare('UPDATE run_summaries SET overview = ? WHERE run_id = ?').run(JSON.stringify(older), runId);
  expect(readStoredOverview(reader, runId)).toBeNull();
  const fromSamples = runQuery(reader, { kind: 'timeline', request }) as BinnedTimeline;
  expect(fromSamples.threads).toHaveLength(fromOverview.threads.length);
  expect(fromSamples.threads[0]!.states.idle).toHaveLength(fromSamples.threads[0]!.cpu.length);
  store.close();
});
