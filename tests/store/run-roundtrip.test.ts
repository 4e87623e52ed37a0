import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Tick } from '../../main/engine/model.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { RunWriter } from '../../main/engine/store/run-writer.ts';
import { syntheticTickBatches } from '../support/synthetic-ticks.ts';
import { expectedColumns, meta, plain, tempDir } from './helpers.ts';

function record(file: string, ticks: Tick[][], chunkTicks?: number) {
  const store = openRunStore(file);
  const writer = new RunWriter(store, chunkTicks ? { chunkTicks } : {});
  const runId = writer.createRun(meta({ label: 'churn' }));
  for (const batch of ticks) writer.appendTicks(batch);
  return { store, writer, runId };
}

describe('run store round trip', () => {
  const batches = [
    ...syntheticTickBatches({ threads: 12, ticks: 1500, rateHz: 100, churn: true, nullGilEvery: 7, seed: 3 }),
  ];
  const all = batches.flat();

  it('returns every tick and thread sample, with threads appearing and vanishing and null GIL samples', () => {
    const file = path.join(tempDir(), 'nested', 'runs.db');
    const { store, writer, runId } = record(file, batches, 64);
    writer.upsertThreads([
      { tid: all[0]!.threads[0]!.tid, name: 'MainThread', nameSource: 'python', firstSeenNs: 0, lastSeenNs: 1 },
    ]);
    writer.addEvent('gil-enabled-changed', 123.4, { enabled: false });
    writer.finishRun({
      status: 'completed',
      exitCode: 0,
      signal: null,
      wallNs: 15e9,
      warnings: ['w'],
      samplerStats: { missed: 2 },
    });

    const reader = createRunReader(store);
    const timeline = reader.readTimeline(runId);
    const expected = expectedColumns(all);
    expect(plain(timeline.ticks)).toEqual(expected.ticks);
    expect([...timeline.threads.keys()].sort()).toEqual([...expected.threads.keys()].sort());
    for (const [tid, columns] of expected.threads) expect(plain(timeline.threads.get(tid)!)).toEqual(columns);

    const run = reader.getRun(runId)!;
    expect(run).toMatchObject({
      status: 'completed',
      exitCode: 0,
      wallNs: 15e9,
      label: 'churn',
      args: ['--n', '3'],
      warnings: ['w'],
      samplerStats: { missed: 2 },
      tickCount: all.length,
      sampleCount: all.reduce((n, t) => n + t.threads.length, 0),
      chunkTicks: 64,
    });
    expect(run.interpreter).toMatchObject({ realPath: '/usr/bin/python3.13', freeThreaded: false });
    expect(reader.listRuns().map((r) => r.id)).toEqual([runId]);

    const threads = reader.getThreads(runId);
    expect(threads).toHaveLength(expected.threads.size);
    const main = threads.find((t) => t.name === 'MainThread')!;
    expect(main).toMatchObject({ nameSource: 'python', firstSeenNs: 0, lastSeenNs: Math.round(all.at(-1)!.timeNs) });
    for (const t of threads) {
      const seen = all.filter((tick) => tick.threads.some((s) => s.tid === t.tid));
      expect(t.lastSeenNs).toBe(Math.round(seen.at(-1)!.timeNs));
    }
    expect(reader.readEvents(runId)).toEqual([
      { id: 1, timeNs: 123, kind: 'gil-enabled-changed', detail: { enabled: false } },
    ]);
    store.close();
  });

  it('reads a time range, decoding only the chunks that overlap it', () => {
    const file = path.join(tempDir(), 'runs.db');
    const { store, runId } = record(file, batches, 64);
    const fromNs = all[300]!.timeNs - 1;
    const toNs = all[450]!.timeNs;
    // Break every chunk outside ticks [256, 512): a read that touched them would throw.
    store.db.prepare("UPDATE sample_chunks SET data = x'01ff' WHERE chunk_no NOT IN (4, 5, 6, 7)").run();
    store.db.prepare("UPDATE tick_chunks SET data = x'01ff' WHERE chunk_no NOT IN (4, 5, 6, 7)").run();

    const timeline = createRunReader(store).readTimeline(runId, { fromNs, toNs });
    const expected = expectedColumns(all.slice(300, 451));
    expect(plain(timeline.ticks)).toEqual(expected.ticks);
    expect(timeline.threads.size).toBe(expected.threads.size);
    for (const [tid, columns] of expected.threads) expect(plain(timeline.threads.get(tid)!)).toEqual(columns);

    const empty = createRunReader(store).readTimeline(runId, { fromNs: -100, toNs: -1 });
    expect(empty.ticks.index.length).toBe(0);
    store.close();
  });

  it('rejects ticks out of order without writing them', () => {
    const { store, writer, runId } = record(path.join(tempDir(), 'runs.db'), [batches[0]!]);
    expect(() => writer.appendTicks([batches[0]![0]!])).toThrow(/after tick/);
    expect(createRunReader(store).getRun(runId)!.tickCount).toBe(batches[0]!.length);
    store.close();
  });
});

describe('stack table', () => {
  it('stores frames and prefix-linked stacks, and the stack id of every sample', () => {
    const file = path.join(tempDir(), 'stacks.sqlite');
    const store = openRunStore(file);
    const writer = new RunWriter(store);
    const runId = writer.createRun(meta());
    writer.appendStackTable({
      frames: [
        { id: 0, function: '<module>', file: 'main.py', line: 9 },
        { id: 1, function: 'Worker.run', file: 'wörker.py', line: 42 },
      ],
      stacks: [
        { id: 0, prefix: -1, frame: 0 },
        { id: 1, prefix: 0, frame: 1 },
      ],
    });
    writer.appendTicks([
      { index: 0, timeNs: 1e6, gil: null, threads: [{ tid: 7, state: 0, cpuNs: 5, runQueueNs: 0, stackId: 1 }] },
      { index: 1, timeNs: 2e6, gil: null, threads: [{ tid: 7, state: 4, cpuNs: 0, runQueueNs: 0 }] },
    ]);
    store.close();
    const reading = openRunStore(file, { readonly: true });
    const reader = createRunReader(reading);
    expect(Array.from(reader.readTimeline(runId).threads.get(7)!.stackId)).toEqual([1, -1]);
    const table = reader.readStackTable(runId);
    expect(table.frames.function).toEqual(['<module>', 'Worker.run']);
    expect(table.frames.file).toEqual(['main.py', 'wörker.py']);
    expect(Array.from(table.frames.line)).toEqual([9, 42]);
    expect(Array.from(table.stacks.prefix)).toEqual([-1, 0]);
    expect(Array.from(table.stacks.frame)).toEqual([0, 1]);
    reading.close();
  });
});
