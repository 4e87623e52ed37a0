// An experiment started through the app service: each run's summary and overview are built in the
// query worker between runs (not inline on the service's thread, not during the next measured run).
import { describe, expect, it } from 'vitest';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import type { ApiEvents } from '../../main/shared/api-contract.ts';
import { repeatedRunsSpec } from '../support/experiment-spec.ts';
import { newService, PYTHON, scriptRequest } from './service-helpers.ts';

describe('experiments through the service', () => {
  it("stores every run's summary by the time the experiment ends", async () => {
    const { service, dir, dbFile } = newService();
    try {
      const { script } = scriptRequest(dir, 'quick.py', 'import time\ntime.sleep(0.2)\n');
      const ended = new Promise<ApiEvents['experiment:ended']>((resolve) => service.on('experiment:ended', resolve));
      const runEnds: number[] = [];
      service.on('profile:ended', (payload) => runEnds.push(payload.runId));
      const spec = repeatedRunsSpec(script, PYTHON, 2);
      const started = await service.call('experiments:start', spec);
      expect(started.kind).toBe('started');
      expect(await ended).toMatchObject({ status: 'completed' });
      expect(runEnds).toHaveLength(2);
      const store = openRunStore(dbFile, { readonly: true });
      try {
        const reader = createRunReader(store);
        for (const runId of runEnds) {
          const stored = reader.readStoredSummary(runId);
          expect(stored, `run ${runId}`).not.toBeNull();
          expect((stored!.summary as { runId: number }).runId).toBe(runId);
        }
      } finally {
        store.close();
      }
    } finally {
      await service.close();
    }
  });
});
