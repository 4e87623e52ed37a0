import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { utf8Tail } from '../../main/engine/store/output-log.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { RunWriter } from '../../main/engine/store/run-writer.ts';
import { meta, tempDir } from './helpers.ts';

describe('output cap', () => {
  it('keeps the tail of what a run prints past the cap and counts the dropped bytes', () => {
    const store = openRunStore(path.join(tempDir(), 'runs.db'));
    const writer = new RunWriter(store, { outputCapBytes: 1000 });
    const runId = writer.createRun(meta());
    let printed = '';
    for (let i = 0; i < 300; i++) {
      const stream = i % 3 === 0 ? 'stderr' : 'stdout';
      const text = `line ${i} ${'é'.repeat(i % 5)}\n`;
      writer.appendOutput(stream, text, i * 1000);
      printed += text;
    }
    writer.appendOutput('stdout', '', 1); // empty writes are ignored
    const output = createRunReader(store).readOutput(runId);
    const kept = output.chunks.map((c) => c.text).join('');
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(1000);
    expect(Buffer.byteLength(kept)).toBeGreaterThan(990);
    expect(printed.endsWith(kept)).toBe(true);
    expect(output.truncated).toBe(true);
    expect(output.droppedBytes).toBe(Buffer.byteLength(printed) - Buffer.byteLength(kept));
    expect(output.chunks.at(-1)).toEqual({ stream: 'stdout', timeNs: 299_000, text: 'line 299 éééé\n' });
    expect(createRunReader(store).getRun(runId)!.outputKeptBytes).toBe(Buffer.byteLength(kept));
    store.close();
  });

  it('keeps only the tail of a single write larger than the cap', () => {
    const store = openRunStore(path.join(tempDir(), 'runs.db'));
    const writer = new RunWriter(store, { outputCapBytes: 100 });
    const runId = writer.createRun(meta());
    writer.appendOutput('stderr', 'x'.repeat(250) + 'END', 7);
    const output = createRunReader(store).readOutput(runId);
    expect(output.chunks).toEqual([{ stream: 'stderr', timeNs: 7, text: 'x'.repeat(97) + 'END' }]);
    expect(output.droppedBytes).toBe(153);
    store.close();
  });

  it('cuts at UTF-8 character boundaries', () => {
    expect(utf8Tail('aé€😀', 5)).toBe('😀');
    expect(utf8Tail('aé€😀', 7)).toBe('€😀');
    expect(utf8Tail('abc', 10)).toBe('abc');
  });
});
