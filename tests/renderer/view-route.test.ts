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
    views.push(
      { kind: 'run', runId: 12, range: { fromNs: 1000, toNs: 250_000_000 } },
      { kind: 'run', runId: 12, tid: 4242, tab: 'flame' },
      { kind: 'run', runId: 3, source: { file: '/home/me/my work/app?.py', line: 17 }, tid: 7 },
    );
    for (const view of views) expect(hashToView(viewToHash(view))).toStrictEqual(view);
    expect(viewToHash({ kind: 'run', runId: 12 })).toBe('#/run/12');
    expect(viewToHash({ kind: 'run', runId: 12, tab: 'flame', source: { file: '/a.py', line: 3 } })).toBe(
      '#/run/12?tab=flame&file=%2Fa.py&line=3',
    );
    expect(viewToHash({ kind: 'compare', runIds: [3, 5] })).toBe('#/compare/3,5');
  });

  it('leaves out the malformed parts of a run place', () => {
    expect(hashToView('#/run/5?from=9&to=3&tid=x&tab=nope&line=4')).toStrictEqual({ kind: 'run', runId: 5 });
    expect(hashToView('#/run/5?file=%3Cstring%3E')).toStrictEqual({
      kind: 'run',
      runId: 5,
      source: { file: '<string>', line: 1 },
    });
  });

  it('refuses what names no view', () => {
    for (const hash of [
      '',
      '#',
      '#/nope',
      '#/run/',
      '#/run/x',
      '#/run/-1',
      '#/run/1,2',
      '#/compare/7',
      '#/runs/3',
      '#/runs?tid=3',
    ])
      expect(hashToView(hash), hash).toBeNull();
  });
});
