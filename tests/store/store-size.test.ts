import { expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { RunWriter } from '../../main/engine/store/run-writer.ts';
import { syntheticTickBatches } from '../support/synthetic-ticks.ts';
import { meta, tempDir } from './helpers.ts';

for (const activity of ['mixed', 'busy'] as const) {
  it(`100k thread-samples (${activity} threads) take at most 32 bytes each on disk`, () => {
    const file = path.join(tempDir(), 'runs.db');
    const store = openRunStore(file);
    const writer = new RunWriter(store);
    writer.createRun(meta());
    let samples = 0;
    for (const batch of syntheticTickBatches({ threads: 16, ticks: 6250, rateHz: 100, activity, seed: 5 })) {
      writer.appendTicks(batch);
      for (const tick of batch) samples += tick.threads.length;
    }
    writer.finishRun({ status: 'completed', exitCode: 0, signal: null, wallNs: 62.5e9 });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.db.exec('VACUUM');
    store.close();
    expect(samples).toBe(100_000);
    const perSample = fs.statSync(file).size / samples;
    expect(perSample).toBeLessThanOrEqual(32);
    console.log(`${activity}: ${perSample.toFixed(2)} bytes per thread-sample`);
  });
}
