// One timeline loader for the app's timeline query and every export: bins are never finer than 1.5
// sampling periods, whoever asks (a 1 s run exported with --bins 100000 once wrote 32 MB of 10 µs bins).
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadTimeline, loadWholeTimeline, MIN_BIN_PERIODS } from '../../main/engine/analysis/load-timeline.ts';
import { createExperimentReader } from '../../main/engine/experiment/experiment-store.ts';
import { exportTarget } from '../../main/engine/export/export-target.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { writeSyntheticRun } from '../support/synthetic-run.ts';
import { runQuery } from '../../main/app-service/run-queries.ts';
import { csvObjects } from '../compare/parse-csv.ts';
import { meta, tempDir } from '../store/helpers.ts';

it('never bins a 1 s run finer than 1.5 sampling periods: timeline query, JSON and CSV exports alike', async () => {
  const store = openRunStore(path.join(tempDir(), 'short.sqlite'));
  try {
    const { runId, wallNs } = writeSyntheticRun(store, meta({ rateHz: 100 }), {
      threads: 2,
      ticks: 100,
      rateHz: 100,
      batchTicks: 50,
      activity: 'mixed',
      seed: 3,
    });
    const reader = createRunReader(store);
    const finest = Math.floor(wallNs / (MIN_BIN_PERIODS * 1e7));
    expect(finest).toBeGreaterThan(50);
    expect(finest).toBeLessThan(70);

    const whole = loadWholeTimeline(reader, runId, 100_000)!;
    expect(whole.threads[0]!.cpu).toHaveLength(finest);
    expect(whole.binNs).toBeGreaterThanOrEqual(MIN_BIN_PERIODS * 1e7);
    expect(runQuery(reader, { kind: 'timeline', request: { runId, fromNs: null, toNs: null, bins: 2000 } })).toEqual(
      whole,
    );
    // A zoomed range gets the same floor.
    const zoomed = loadTimeline(reader, runId, { fromNs: 1e8, toNs: 2e8, bins: 1000 })!;
    expect(zoomed.threads[0]!.cpu).toHaveLength(Math.floor(1e8 / (MIN_BIN_PERIODS * 1e7)));
    expect(loadTimeline(reader, 999, { fromNs: null, toNs: null, bins: 10 })).toBeNull();

    const sources = { runs: reader, experiments: createExperimentReader(store) };
    const csv = await exportTarget(sources, { kind: 'run', runId }, 'csv', { timeline: true, bins: 100_000 });
    expect(new Set(csvObjects(csv.content as string).map((row) => row.bin)).size).toBe(finest);
    const json = JSON.parse(
      (await exportTarget(sources, { kind: 'run', runId }, 'json', { bins: 100_000 })).content as string,
    ) as { timeline: { threads: Array<{ cpu: number[] }> } };
    expect(json.timeline.threads[0]!.cpu).toHaveLength(finest);
  } finally {
    store.close();
  }
});
