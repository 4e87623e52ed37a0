// The app service against real runs: a real CPython profiled through the service (events), then every
// read request over the stored run, library edits, and payload validation.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import type { GilscopeService } from '../../main/app-service/gilscope-service.ts';
import type { BinnedTimeline, FlameNode } from '../../main/shared/run-views.ts';
import type { RunSummary } from '../../main/shared/run-summary-types.ts';
import { busyLoopFunction } from '../support/python-workloads.ts';
import { newService, profileThrough, scriptRequest } from './service-helpers.ts';

const WORKLOAD = `
import threading, time
${busyLoopFunction('spin')}def waiter():
    time.sleep(0.6)
threads = [threading.Thread(target=spin, args=(0.8,), name=f"spin-{i}") for i in range(2)]
threads.append(threading.Thread(target=waiter, name="sleeper"))
for t in threads: t.start()
for t in threads: t.join()
print("done spinning", flush=True)
`;

describe('GilscopeService over a real run', () => {
  let service: GilscopeService;
  let dir: string;
  let dbFile: string;
  let runId: number;
  let summary: RunSummary;

  beforeAll(async () => {
    ({ service, dir, dbFile } = newService());
    const run = await profileThrough(service, scriptRequest(dir, 'spin.py', WORKLOAD));
    runId = run.runId;
    expect(run.ended).toEqual({ runId, status: 'completed', message: null });
    expect(run.output).toContain('done spinning');
    expect(run.progress.length).toBeGreaterThan(3);
    const busy = run.progress.flatMap((p) => p.threads).filter((t) => t.name.startsWith('spin-'));
    expect(busy.length).toBeGreaterThan(0);
    // The last batch may hold only ticks taken while the interpreter was finalizing (no GIL to read).
    expect(run.progress.some((p) => p.gil !== null && p.gil.held > 0)).toBe(true);
    summary = (await service.call('runs:summary', { runId }))!;
    // Each batch's CPU share over its span adds up to what the stored run says each spinner used,
    // however little of a core a busy machine left them.
    for (const spinner of summary.threads.filter((t) => t.name.startsWith('spin-'))) {
      let previousNs = 0;
      let liveSeconds = 0;
      for (const progress of run.progress) {
        const thread = progress.threads.find((t) => t.tid === spinner.tid);
        if (thread) liveSeconds += (thread.cpu * (progress.elapsedNs - previousNs)) / 1e9;
        previousNs = progress.elapsedNs;
      }
      expect(liveSeconds, spinner.name).toBeCloseTo(spinner.cpuSeconds, 1);
    }
  });
  afterAll(async () => {
    await service.close();
  });

  it("stores the finished run's summary from its query worker, without being asked", async () => {
    const reading = openRunStore(dbFile, { readonly: true });
    try {
      const reader = createRunReader(reading);
      await expect.poll(() => reader.readStoredSummary(runId) !== null, { timeout: 10_000 }).toBe(true);
      expect(reader.getRun(runId)?.cpuSeconds).toBeCloseTo(summary.cpuSeconds, 3);
    } finally {
      reading.close();
    }
  });

  it('lists the run with its figures and the script as recent', async () => {
    const { runs } = await service.call('runs:list', undefined);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: runId, status: 'completed', gilMode: 'default' });
    expect(runs[0]!.cpuSeconds).toBeCloseTo(summary.cpuSeconds, 3);
    expect(runs[0]!.contention).toBeCloseTo(summary.gil!.contention, 3);
    expect((await service.call('scripts:recent', undefined)).scripts).toEqual([summary.script]);
  });

  it("bins the timeline so that per-bin CPU adds up to each thread's CPU time", async () => {
    const timeline = (await service.call('runs:timeline', {
      runId,
      fromNs: null,
      toNs: null,
      bins: 50,
    })) as BinnedTimeline;
    expect(timeline.threads.length).toBe(summary.threads.length);
    for (const thread of summary.threads) {
      const binned = timeline.threads.find((t) => t.tid === thread.tid);
      if (!binned)
        throw new Error(
          `thread ${thread.tid} ${thread.name} not binned; binned: ${timeline.threads.map((t) => `${t.tid} ${t.name}`).join(', ')}`,
        );
      const cpuSeconds = binned.cpu.reduce((sum, value) => sum + value * timeline.binNs, 0) / 1e9;
      expect(
        Math.abs(cpuSeconds - thread.cpuSeconds),
        `${thread.name}: binned ${cpuSeconds} s vs ${thread.cpuSeconds} s`,
      ).toBeLessThanOrEqual(Math.max(0.05 * thread.cpuSeconds, 0.002));
      for (let bin = 0; bin < 50; bin++) {
        if (binned.sampled[bin] === 0) continue;
        const shares = Object.values(binned.states).reduce((sum, states) => sum + states[bin]!, 0);
        expect(shares).toBeCloseTo(1, 6);
      }
    }
    expect(timeline.gil!.held.some((share) => share > 0.5)).toBe(true);
    // A zoomed window: fewer samples, same bin count. It starts at a sampled bin past 40% of the run: a busy
    // machine can spend the first half second starting the interpreter, or deny the sampler a CPU for a while
    // (a window with no tick has no thread to bin).
    const sampledBins = timeline.threads[0]!.sampled;
    const fromBin = sampledBins.findIndex((count, bin) => bin >= 20 && count > 0);
    expect(fromBin, `sampled bins: ${sampledBins.join(' ')}`).toBeGreaterThanOrEqual(0);
    const fromNs = Math.round(timeline.fromNs + fromBin * timeline.binNs);
    const zoom = (await service.call('runs:timeline', { runId, fromNs, toNs: fromNs + 2e8, bins: 20 }))!;
    expect(zoom.binNs).toBe(1e7);
    expect(zoom.threads[0]!.cpu).toHaveLength(20);
  });

  it('answers functions and flame graphs whose root counts every sample', async () => {
    const all = (await service.call('runs:flamegraph', { runId, tid: null, scope: 'all' })) as FlameNode;
    expect(all.value).toBe(summary.threadSamples);
    expect(all.children.reduce((sum, child) => sum + child.value, 0)).toBe(all.value);
    const spinner = summary.threads.find((t) => t.name === 'spin-0')!;
    const onCpu = (await service.call('runs:flamegraph', { runId, tid: spinner.tid, scope: 'on-cpu' }))!;
    expect(onCpu.value).toBeGreaterThan(0);
    expect(onCpu.value).toBeLessThan(all.value);
    const names: string[] = [];
    const walk = (node: FlameNode): void => {
      names.push(node.name);
      node.children.forEach(walk);
    };
    walk(onCpu);
    expect(names).toContain('spin');
    const functions = (await service.call('runs:functions', { runId, tid: null, scope: 'on-cpu' }))!;
    expect(functions.functions[0]?.function).toBe('spin');
    expect(await service.call('runs:flamegraph', { runId: 999, tid: null, scope: 'all' })).toBeNull();
  });

  it('returns the output and relabels the run', async () => {
    const output = (await service.call('runs:output', { runId }))!;
    expect(output.chunks.map((chunk) => chunk.text).join('')).toContain('done spinning');
    expect(await service.call('runs:rename', { runId, label: '  baseline  ' })).toEqual({ ok: true });
    expect((await service.call('runs:list', undefined)).runs[0]!.label).toBe('baseline');
    expect(await service.call('runs:rename', { runId: 999, label: null })).toEqual({ ok: false });
  });

  it('rejects bad payloads with a message naming the field', async () => {
    await expect(service.request('runs:timeline', { runId, fromNs: null, toNs: null, bins: 5000 })).rejects.toThrow(
      /runs:timeline: invalid payload: bins:/,
    );
    await expect(service.request('runs:rename', { runId, label: 'x'.repeat(201) })).rejects.toThrow(/label: .*200/);
    await expect(
      service.request('profile:start', { ...scriptRequest(dir, 'a.py', ''), script: 'relative.py' }),
    ).rejects.toThrow(/script: must be an absolute path/);
    await expect(service.request('profile:start', { ...scriptRequest(dir, 'a.py', ''), rateHz: 0 })).rejects.toThrow(
      /rateHz/,
    );
    await expect(service.request('runs:summary', { runId: 1, extra: true })).rejects.toThrow(/extra/);
    await expect(service.request('nope:never', undefined)).rejects.toThrow(/unknown request channel/);
  });

  it("as the browser host's service, never writes an export to a client-supplied path; it offers a download instead", async () => {
    const target = path.join(dir, 'evil.csv');
    expect(
      await service.request('exports:save', { target: { kind: 'run', runId }, format: 'csv', path: target }),
    ).toEqual({
      kind: 'failed',
      message: 'this host does not write files; export without a path to download it',
    });
    expect(fs.existsSync(target)).toBe(false);
    const download = await service.call('exports:save', { target: { kind: 'run', runId }, format: 'csv', path: null });
    expect(download).toMatchObject({ kind: 'download', fileName: `gilscope-run-${runId}.csv`, mimeType: 'text/csv' });
  });

  it('hands the HTML report over as text for Electron to print, with no base64 on the way', async () => {
    const report = await service.reportHtml({ kind: 'run', runId });
    expect(report.kind).toBe('ok');
    const html = report.kind === 'ok' ? report.html : '';
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<title>GILscope report — ');
    expect(await service.reportHtml({ kind: 'run', runId: runId + 1000 })).toMatchObject({ kind: 'failed' });
  });

  it('deletes the run with every row that belonged to it', async () => {
    expect(await service.call('runs:delete', { runId })).toEqual({ ok: true });
    expect((await service.call('runs:list', undefined)).runs).toEqual([]);
    expect(await service.call('runs:summary', { runId })).toBeNull();
    const store = openRunStore(dbFile, { readonly: true });
    try {
      for (const table of ['runs', 'threads', 'tick_chunks', 'sample_chunks', 'output', 'events', 'frames', 'stacks']) {
        const column = table === 'runs' ? 'id' : 'run_id';
        const { n } = store.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`).get(runId) as {
          n: number;
        };
        expect(n, table).toBe(0);
      }
    } finally {
      store.close();
    }
    expect(await service.call('runs:delete', { runId })).toEqual({ ok: false });
  });
});

describe('GilscopeService live runs', () => {
  it('stops a never-ending script, refuses a missing script, and lists interpreters', async () => {
    const { service, dir } = newService();
    try {
      let stopped: Promise<unknown> = Promise.resolve(null);
      const run = await profileThrough(
        service,
        scriptRequest(dir, 'forever.py', 'import time\nprint("up", flush=True)\nwhile True: time.sleep(0.05)\n'),
        (id) => setTimeout(() => (stopped = service.call('profile:stop', { runId: id })), 800),
      );
      expect(await stopped).toEqual({ stopping: true });
      expect(run.ended.status).toBe('stopped');
      expect(await service.call('profile:stop', { runId: run.runId })).toEqual({ stopping: false });
      const { runs } = await service.call('runs:list', undefined);
      expect(runs[0]).toMatchObject({ id: run.runId, status: 'stopped' });
      expect(runs[0]!.cpuSeconds).not.toBeNull();

      const refused = await service.call('profile:start', {
        ...scriptRequest(dir, 'x.py', ''),
        script: `${dir}/missing.py`,
      });
      expect(refused).toEqual({ kind: 'refused', message: expect.stringContaining('script not found') });

      const added = await service.call('interpreters:add', { path: '/bin/sh' });
      expect(added.kind).toBe('rejected');
      const listed = await service.call('interpreters:list', { refresh: false });
      expect(listed.interpreters.some((i) => i.version.startsWith('3.12'))).toBe(true);
    } finally {
      await service.close();
    }
  });
});
