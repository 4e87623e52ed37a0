import { expect, it } from 'vitest';
import path from 'node:path';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { RunWriter } from '../../main/engine/store/run-writer.ts';
import { syntheticTickBatches } from '../support/synthetic-ticks.ts';
import { expectedColumns, meta, plain, tempDir } from './helpers.ts';

it('a read-only connection sees every committed batch while the writer keeps appending', () => {
  const file = path.join(tempDir(), 'runs.db');
  const writerStore = openRunStore(file);
  const writer = new RunWriter(writerStore, { chunkTicks: 32 });
  const runId = writer.createRun(meta());
  const readerStore = openRunStore(file, { readonly: true });
  const reader = createRunReader(readerStore);
  expect(readerStore.db.pragma('journal_mode', { simple: true })).toBe('wal');

  const written = [];
  for (const batch of syntheticTickBatches({ threads: 6, ticks: 400, rateHz: 100, churn: true, seed: 9 })) {
    writer.appendTicks(batch);
    written.push(...batch);
    const timeline = reader.readTimeline(runId);
    const expected = expectedColumns(written);
    expect(plain(timeline.ticks)).toEqual(expected.ticks);
    for (const [tid, columns] of expected.threads) expect(plain(timeline.threads.get(tid)!)).toEqual(columns);
    expect(reader.getRun(runId)).toMatchObject({ status: 'running', tickCount: written.length });
  }
  writer.appendOutput('stdout', 'hello\n', 5);
  expect(reader.readOutput(runId).chunks).toEqual([{ stream: 'stdout', timeNs: 5, text: 'hello\n' }]);
  writer.finishRun({ status: 'killed', exitCode: null, signal: 'SIGKILL', wallNs: 4e9 });
  expect(reader.getRun(runId)).toMatchObject({ status: 'killed', signal: 'SIGKILL', exitCode: null });
  expect(() => readerStore.db.exec('DELETE FROM runs')).toThrow();
  readerStore.close();
  writerStore.close();
});
