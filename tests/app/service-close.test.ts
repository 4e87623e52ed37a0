// Closing the service (app quit) while a run or an experiment is still being checked and launched:
// close() stops them instead of waiting for the script to end on its own, and nothing starts after it.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startExperiment } from '../../main/engine/experiment/experiment-runner.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import type { ApiEvents } from '../../main/shared/api-contract.ts';
import { repeatedRunsSpec } from '../support/experiment-spec.ts';
import { newService, PYTHON, scriptRequest } from './service-helpers.ts';

const FOREVER = 'import time\nwhile True: time.sleep(0.05)\n';

/** How many of this process's file descriptors point at `file`. */
function openDescriptors(file: string): number {
  const real = fs.realpathSync(file);
  return fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === real;
    } catch {
      return false;
    }
  }).length;
}

describe('closing the service', () => {
  it('stops a run that is still probing its interpreter, and refuses runs after close', async () => {
    const { service, dir } = newService();
    const ended: Array<ApiEvents['profile:ended']> = [];
    service.on('profile:ended', (payload) => ended.push(payload));
    const answer = service.call('profile:start', scriptRequest(dir, 'forever.py', FOREVER));
    const began = Date.now();
    await service.close();
    expect(Date.now() - began).toBeLessThan(15_000);
    const started = await answer;
    if (started.kind === 'started') expect(ended).toEqual([{ runId: started.runId, status: 'stopped', message: null }]);
    expect(await service.call('profile:start', scriptRequest(dir, 'forever.py', FOREVER))).toEqual({
      kind: 'refused',
      message: 'GILscope is shutting down',
    });
  });

  it('cancels an experiment whose start had not answered yet', async () => {
    const { service, dir, dbFile } = newService();
    const { script } = scriptRequest(dir, 'forever.py', FOREVER);
    const endedEvents: Array<ApiEvents['experiment:ended']> = [];
    service.on('experiment:ended', (payload) => endedEvents.push(payload));
    const spec = repeatedRunsSpec(script, PYTHON, 3);
    const answer = service.call('experiments:start', spec);
    const began = Date.now();
    await service.close();
    expect(Date.now() - began).toBeLessThan(15_000);
    const started = await answer;
    expect(started.kind).toBe('started');
    if (started.kind !== 'started') return;
    expect(endedEvents).toEqual([
      {
        experimentId: started.experimentId,
        status: 'cancelled',
        message: expect.stringMatching(/^cancelled after [01] of 3 runs$/),
      },
    ]);
    const store = openRunStore(dbFile, { readonly: true });
    try {
      const row = store.db.prepare('SELECT status FROM experiments WHERE id = ?').get(started.experimentId) as {
        status: string;
      };
      expect(row.status).toBe('cancelled');
      const running = store.db.prepare("SELECT COUNT(*) AS n FROM runs WHERE status = 'running'").get() as {
        n: number;
      };
      expect(running.n).toBe(0);
    } finally {
      store.close();
    }
    expect(await service.call('experiments:start', spec)).toEqual({
      kind: 'refused',
      message: 'GILscope is shutting down',
    });
  });
});

describe('startExperiment', () => {
  it('closes its database connection when the experiment cannot be stored', async () => {
    const { service, dir, dbFile } = newService();
    await service.close();
    const { script } = scriptRequest(dir, 'quick.py', 'pass\n');
    const setup = openRunStore(dbFile);
    setup.db.exec(
      "CREATE TRIGGER no_experiments BEFORE INSERT ON experiments BEGIN SELECT RAISE(ABORT, 'experiments are disabled here'); END",
    );
    setup.close();
    const before = openDescriptors(dbFile);
    const spec = repeatedRunsSpec(script, PYTHON, 1);
    const result = await startExperiment(spec, { dbFile });
    expect(result).toEqual({ kind: 'refused', message: expect.stringContaining('experiments are disabled here') });
    expect(openDescriptors(dbFile)).toBe(before);
  });
});
