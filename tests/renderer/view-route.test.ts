// Views ↔ URL hashes: every view round-trips; unknown or malformed hashes are refused.
import { describe, expect, it } from 'vitest';
import { hashToView, viewToHash, type View } from '../../renderer/src/logic/view-route.ts';

describe('view routes', () => {
  it('round-trips every view', () => {
    const views: View[] = [
      { kind: 'new' },
      { kind: 'attach' },
      { kind: 'live' },
      { kind: 'runs' },
      { kind: 'run', runId: 12 },
      { kind: 'compare', runIds: [3, 5, 8] },
      { kind: 'experiments' },
      { kind: 'experiment-new' },
      { kind: 'experiment', experimentId: 4 },
    ];
    for (const view of views) expect(hashToView(viewToHash(view))).toEqual(view);
    expect(viewToHash({ kind: 'compare', runIds: [3, 5] })).toBe('#/compare/3,5');
  });

  it('refuses what names no view', () => {
    for (const hash of ['', '#', '#/nope', '#/run/', '#/run/x', '#/run/-1', '#/run/1,2', '#/compare/7', '#/runs/3'])
      expect(hashToView(hash), hash).toBeNull();
  });
});
