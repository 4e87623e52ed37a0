// A run's summary is stored when it ends, so opening it later does not decode its samples again.
import { expect, it } from 'vitest';
import { buildRunSummary, loadRunSummary } from '../../main/engine/analysis/run-summary.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { relabelRun } from '../../main/engine/store/run-admin.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { pyenvPython } from '../support/spawn-python.ts';
import { profileWorkload } from '../support/profile-fixture.ts';

it('stores the summary at the end of a run, equal to one built from the samples, with the current label', async () => {
  const run = await profileWorkload(pyenvPython('3.12.1'), 'cpu_threads.py', ['2', '0.3']);
  const store = openRunStore(run.dbFile);
  try {
    const reader = createRunReader(store);
    const record = reader.getRun(run.summary.runId)!;
    expect(reader.readStoredSummary(record.id)).not.toBeNull();
    // The verdict is derived on load, not stored.
    expect(reader.readStoredSummary(record.id)!.summary).not.toHaveProperty('verdict');
    expect(record.cpuSeconds).toBe(run.summary.cpuSeconds);
    expect(record.contention).toBe(run.summary.gil?.contention ?? null);
    expect(loadRunSummary(reader, record.id)).toEqual(buildRunSummary(reader, record.id));
    relabelRun(store, record.id, 'baseline');
    expect(loadRunSummary(reader, record.id)?.label).toBe('baseline');
  } finally {
    store.close();
  }
});
