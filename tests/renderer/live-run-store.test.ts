import { describe, expect, it } from 'vitest';
import { createLiveRunStore, type LiveProgress } from '../../renderer/src/logic/live-run-store.ts';

const states = { running: 1, runnable: 0, gilWait: 0, lockWait: 0, idle: 0, unclassifiedWait: 0 };
const progress = (runId: number, elapsedNs: number, tids: number[]): LiveProgress => ({
  runId,
  elapsedNs,
  ticks: 10,
  threads: tids.map((tid) => ({ tid, name: `t${tid}`, cpu: 0.5, states })),
  gil: { held: 0.9, contention: 0.1, enabled: true },
});

describe('live run store', () => {
  it('adopts the first run id seen while starting and ignores others', () => {
    const store = createLiveRunStore(4, 10);
    store.beginStarting('/w/a.py', 0);
    store.onProgress(progress(7, 1e8, [1]));
    store.started(7);
    store.onProgress(progress(8, 2e8, [9]));
    store.onProgress(progress(7, 2e8, [1, 2]));
    expect(store.status()).toMatchObject({ runId: 7, phase: 'recording' });
    expect(store.progress.size).toBe(2);
    expect(store.threads.map((t) => t.tid)).toEqual([1, 2]);
    store.onEnded({ runId: 7, status: 'completed', message: null });
    expect(store.status()).toMatchObject({ phase: 'ended', endStatus: 'completed' });
  });

  it('joins output pieces into lines per stream', () => {
    const store = createLiveRunStore(4, 3);
    store.beginStarting('/w/a.py', 0);
    store.started(1);
    store.onOutput({ runId: 1, stream: 'stdout', text: 'hel' });
    store.onOutput({ runId: 1, stream: 'stderr', text: 'warn\n' });
    store.onOutput({ runId: 1, stream: 'stdout', text: 'lo\nworld\n\n' });
    expect(store.output.toArray()).toEqual([
      { stream: 'stderr', text: 'warn' },
      { stream: 'stdout', text: 'world' },
      { stream: 'stdout', text: '' },
    ]);
  });
});
