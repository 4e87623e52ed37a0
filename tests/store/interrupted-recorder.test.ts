// A GILscope killed while recording leaves a run "running"; the next writable open finishes it as
// failed (samples kept), but never touches a run whose recorder is alive.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { RunWriter } from '../../main/engine/store/run-writer.ts';
import { meta, tempDir } from './helpers.ts';

/** Records one run in a separate Node process that is then SIGKILLed mid-run. */
async function runKilledRecorder(file: string): Promise<void> {
  const writerModule = path.resolve('main/engine/store/run-writer.ts');
  const storeModule = path.resolve('main/engine/store/open-database.ts');
  const source = `
    import { openRunStore } from ${JSON.stringify(storeModule)};
    import { RunWriter } from ${JSON.stringify(writerModule)};
    const writer = new RunWriter(openRunStore(${JSON.stringify(file)}));
    writer.createRun({ script: 'killed.py', args: [], cwd: '/tmp', interpreter: null, gilMode: 'default', gilEnabled: null, rateHz: 100 });
    writer.appendTicks([{ index: 0, timeNs: 1e6, gil: null, threads: [{ tid: 1, state: 0, cpuNs: 5, runQueueNs: 0 }] }]);
    process.stdout.write('RECORDING\\n');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('RECORDING') && resolve()),
  );
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

it('finishes runs left running by a killed recorder as failed, keeping their samples; live ones are untouched', async () => {
  const file = path.join(tempDir(), 'interrupted.sqlite');
  await runKilledRecorder(file);
  const store = openRunStore(file);
  const live = new RunWriter(store);
  const liveId = live.createRun(meta({ script: 'live.py' }));
  store.close();

  const again = openRunStore(file); // a writable open repairs
  const reader = createRunReader(again);
  const killed = reader.listRuns().find((run) => run.script === 'killed.py')!;
  expect(killed.status).toBe('failed');
  expect(killed.error).toMatch(/GILscope stopped while recording/);
  expect(killed.tickCount).toBe(1);
  expect(reader.getRun(liveId)?.status).toBe('running'); // this process is alive
  again.close();
});
