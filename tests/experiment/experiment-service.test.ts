// The app service's experiment, compare and export channels over a real store: an experiment started
// through `experiments:start` publishes progress, each run's profile:* events and its end; cancel keeps
// the finished runs; `compare:runs`, `compare:timelines` and `exports:save` answer from the same runs.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEvents, EventChannel } from '../../main/shared/api-contract.ts';
import type { ExperimentSpec } from '../../main/shared/compare-types.ts';
import { newService } from '../app/service-helpers.ts';
import { writeScript } from '../cli/run-cli.ts';
import { freeThreadedPython } from '../support/spawn-python.ts';

// Configured as Electron's (which passes only Save-dialog paths): exports:save may write to a path.
const { service, dir } = newService({ allowExportPaths: true });
afterAll(() => service.close());

function record(): {
  events: Array<[EventChannel, unknown]>;
  ended: Promise<ApiEvents['experiment:ended']>;
  stop: () => void;
} {
  const events: Array<[EventChannel, unknown]> = [];
  let resolve: (payload: ApiEvents['experiment:ended']) => void = () => {};
  const ended = new Promise<ApiEvents['experiment:ended']>((r) => (resolve = r));
  const stop = service.onAny((event, payload) => {
    events.push([event, payload]);
    if (event === 'experiment:ended') resolve(payload as ApiEvents['experiment:ended']);
  });
  return { events, ended, stop };
}

function spec(script: string, repeat: number): ExperimentSpec {
  return {
    script,
    args: [],
    cwd: null,
    interpreters: [freeThreadedPython()],
    gilModes: ['on', 'off'],
    repeat,
    vary: null,
    rateHz: 100,
    durationSeconds: null,
  };
}

describe('experiments through the service', () => {
  let runIds: number[] = [];

  it('runs, publishes progress and profile events, and answers experiments:get/list', async () => {
    const script = writeScript(dir, 'quick.py', 'import time\nx = sum(range(300_000))\ntime.sleep(0.3)\n');
    const recorder = record();
    const started = await service.request('experiments:start', spec(script, 1));
    expect(started).toMatchObject({ kind: 'started' });
    const experimentId = (started as { experimentId: number }).experimentId;
    const second = await service.request('experiments:start', spec(script, 1));
    expect(second).toMatchObject({ kind: 'refused', message: expect.stringMatching(/already running/) });
    const end = await recorder.ended;
    recorder.stop();
    expect(end).toEqual({ experimentId, status: 'completed', message: null });
    const progress = recorder.events.filter(([event]) => event === 'experiment:progress').map(([, payload]) => payload);
    expect(progress.at(-1)).toEqual({ experimentId, done: 2, total: 2, current: null });
    expect(recorder.events.filter(([event]) => event === 'profile:ended')).toHaveLength(2);

    const view = (await service.request('experiments:get', { experimentId, baselineKey: 'python3.13t|off' })) as {
      baselineKey: string;
      configs: Array<{ runIds: number[]; speedup: number }>;
    };
    expect(view.baselineKey).toBe('python3.13t|off');
    expect(view.configs[1]!.speedup).toBe(1);
    runIds = view.configs.flatMap((config) => config.runIds);
    const list = (await service.request('experiments:list', undefined)) as {
      experiments: Array<{ id: number; status: string; runs: number; configs: number }>;
    };
    expect(list.experiments[0]).toMatchObject({ id: experimentId, status: 'completed', runs: 2, configs: 2 });
  });

  it('compares those runs and exports them (path or download)', async () => {
    const comparison = (await service.request('compare:runs', { runIds })) as {
      metrics: Array<{ key: string }>;
    } | null;
    expect(comparison?.metrics.map((metric) => metric.key)).toContain('speedup');
    expect(await service.request('compare:runs', { runIds: [runIds[0], 9999] })).toBeNull();
    await expect(service.request('compare:runs', { runIds: [runIds[0], runIds[0]] })).rejects.toThrow(/distinct/);
    const timelines = (await service.request('compare:timelines', { runIds, bins: 20 })) as Array<{
      threads: unknown[];
    } | null>;
    expect(timelines).toHaveLength(2);
    expect(timelines.every((timeline) => timeline !== null && timeline.threads.length > 0)).toBe(true);

    const file = path.join(dir, 'compare.csv');
    expect(
      await service.request('exports:save', { target: { kind: 'compare', runIds }, format: 'csv', path: file }),
    ).toEqual({ kind: 'saved', path: file });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^metric,label,unit,value1,delta1,ratio1,value2/);
    const download = (await service.request('exports:save', {
      target: { kind: 'run', runId: runIds[0] },
      format: 'speedscope',
      path: null,
    })) as { kind: string; fileName: string; base64: string };
    expect(download).toMatchObject({
      kind: 'download',
      fileName: `gilscope-run-${runIds[0]}.speedscope.json`,
      mimeType: 'application/json',
    });
    expect(JSON.parse(Buffer.from(download.base64, 'base64').toString('utf8'))).toMatchObject({ exporter: 'GILscope' });
    const html = (await service.request('exports:save', {
      target: { kind: 'compare', runIds },
      format: 'html',
      path: null,
    })) as { kind: string; mimeType: string; base64: string };
    expect(html).toMatchObject({ kind: 'download', mimeType: 'text/html' });
    expect(Buffer.from(html.base64, 'base64').toString('utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(
      await service.request('exports:save', {
        target: { kind: 'experiment', experimentId: 999 },
        format: 'json',
        path: null,
      }),
    ).toEqual({ kind: 'failed', message: 'no experiment 999' });
    await expect(
      service.request('exports:save', { target: { kind: 'run', runId: 1 }, format: 'json', path: 'relative.json' }),
    ).rejects.toThrow(/absolute/);
  });

  it('cancel stops the current run, keeps the finished ones and ends as cancelled', async () => {
    const script = writeScript(dir, 'sleepy.py', 'import time\ntime.sleep(0.5)\n');
    const recorder = record();
    const started = (await service.request('experiments:start', spec(script, 2))) as { experimentId: number };
    const stopper = service.on('profile:ended', () => {
      stopper();
      // The first run ended: cancel once the second one runs.
      const once = service.on('profile:progress', () => {
        once();
        void service.request('experiments:cancel', { experimentId: started.experimentId });
      });
    });
    const end = await recorder.ended;
    recorder.stop();
    expect(end).toMatchObject({ experimentId: started.experimentId, status: 'cancelled' });
    const view = (await service.request('experiments:get', {
      experimentId: started.experimentId,
      baselineKey: null,
    })) as { status: string; progress: { done: number; total: number } };
    expect(view).toMatchObject({ status: 'cancelled', progress: { done: 2, total: 4 } });
    expect(await service.request('experiments:delete', { experimentId: started.experimentId })).toEqual({ ok: true });
    expect(
      await service.request('experiments:get', { experimentId: started.experimentId, baselineKey: null }),
    ).toBeNull();
  });
});
