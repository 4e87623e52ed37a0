// startExperiment with a host's `storeDigest`: each run's summary is left to it (nothing is built inline),
// and it is awaited after each run, before the next one starts, so it never overlaps a measurement.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startExperiment } from '../../main/engine/experiment/experiment-runner.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { repeatedRunsSpec } from '../support/experiment-spec.ts';
import { makeTempDir } from '../support/profile-fixture.ts';
import { pyenvPython } from '../support/spawn-python.ts';

describe('startExperiment with a storeDigest hook', () => {
  it('calls it for each run between the runs, and builds no summary inline', async () => {
    const dir = makeTempDir('experiment-digest');
    const script = path.join(dir, 'quick.py');
    fs.writeFileSync(script, 'import time\ntime.sleep(0.1)\n');
    const dbFile = path.join(dir, 'runs.sqlite');
    const events: string[] = [];
    const storeDigest = async (runId: number): Promise<void> => {
      events.push(`digest ${runId} begins`);
      await new Promise((resolve) => setTimeout(resolve, 200)); // a slow worker: the next run must wait for it
      events.push(`digest ${runId} ends`);
    };
    const spec = repeatedRunsSpec(script, pyenvPython('3.12.1'), 2);
    const started = await startExperiment(
      spec,
      { dbFile, storeDigest },
      { onRunStarted: (runId) => events.push(`run ${runId} starts`) },
    );
    if (started.kind !== 'started') throw new Error(started.message);
    expect(await started.experiment.done).toMatchObject({ status: 'completed' });
    const runIds = events.filter((e) => e.startsWith('run ')).map((e) => Number(e.split(' ')[1]));
    expect(runIds).toHaveLength(2);
    const [first, second] = runIds as [number, number];
    expect(events).toEqual([
      `run ${first} starts`,
      `digest ${first} begins`,
      `digest ${first} ends`,
      `run ${second} starts`,
      `digest ${second} begins`,
      `digest ${second} ends`,
    ]);
    const store = openRunStore(dbFile, { readonly: true });
    try {
      const reader = createRunReader(store);
      for (const runId of runIds) expect(reader.readStoredSummary(runId), `run ${runId}`).toBeNull();
    } finally {
      store.close();
    }
  });
});
