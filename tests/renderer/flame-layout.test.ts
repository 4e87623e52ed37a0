import { describe, expect, it } from 'vitest';
import type { FlameNode } from '../../main/shared/run-views.ts';
import { hitTest, layoutFlame, pathTo } from '../../renderer/src/logic/flame-layout.ts';

const node = (name: string, value: number, children: FlameNode[] = []): FlameNode => ({
  name,
  file: 'f.py',
  line: 1,
  value,
  children,
});
const leaf = node('tiny', 1);
const root = node('<all>', 100, [node('main', 80, [node('work', 60), leaf]), node('bg', 20)]);

describe('flame layout', () => {
  it('lays frames out as a readable digest', () => {
    const { rects, maxDepth } = layoutFlame(root, 0.005);
    expect(rects.map((r) => `${'  '.repeat(r.depth)}${r.node.name} ${r.x0.toFixed(2)}–${r.x1.toFixed(2)}`)).toEqual([
      '<all> 0.00–1.00',
      '  main 0.00–0.80',
      '    work 0.00–0.60',
      '    tiny 0.60–0.61',
      '  bg 0.80–1.00',
    ]);
    expect(maxDepth).toBe(2);
  });
  it('skips narrow frames', () => {
    expect(layoutFlame(root, 0.05).rects.map((r) => r.node.name)).toEqual(['<all>', 'main', 'work', 'bg']);
  });
  it('hit-tests and finds paths', () => {
    const { rects } = layoutFlame(root, 0);
    expect(hitTest(rects, 0.7, 1)?.node.name).toBe('main');
    expect(hitTest(rects, 0.9, 2)).toBeNull();
    expect(pathTo(root, leaf)?.map((n) => n.name)).toEqual(['<all>', 'main', 'tiny']);
  });
});
