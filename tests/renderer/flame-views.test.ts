// Flame graph views: left-heavy and time order, the inverted tree, and search, as readable digests.
import { describe, expect, it } from 'vitest';
import type { FlameNode } from '../../main/shared/run-views.ts';
import { invertFlame, orderFlame, searchFlame } from '../../renderer/src/logic/flame-views.ts';

function node(name: string, value: number, children: FlameNode[] = [], firstTick = 0): FlameNode {
  return { name, file: `${name}.py`, line: 1, value, children, firstTick };
}

/** "a;b;c 10" lines for every path (self samples only), like collapsed stacks. */
function digest(root: FlameNode): string[] {
  const lines: string[] = [];
  const walk = (n: FlameNode, path: string[]) => {
    const self = n.value - n.children.reduce((s, c) => s + c.value, 0);
    if (self > 0 && path.length > 0) lines.push(`${path.join(';')} ${self}`);
    for (const c of n.children) walk(c, [...path, c.name]);
  };
  walk(root, []);
  return lines;
}

// main → work → crunch (6 self), main → work (1 self), main → io → crunch (3 self); io first seen before work.
const tree = node('all', 10, [
  node('main', 10, [node('work', 7, [node('crunch', 6, [], 5)], 4), node('io', 3, [node('crunch', 3, [], 1)], 1)], 0),
]);

describe('flame views', () => {
  it('orders siblings heaviest first, or first seen first', () => {
    expect(orderFlame(tree, 'left-heavy').children[0]!.children.map((c) => c.name)).toEqual(['work', 'io']);
    expect(orderFlame(tree, 'time').children[0]!.children.map((c) => c.name)).toEqual(['io', 'work']);
  });

  it('inverts the tree: innermost frames on top with their callers below, self samples kept', () => {
    const inverted = invertFlame(tree);
    expect(inverted.value).toBe(10);
    expect(inverted.children.map((c) => `${c.name} ${c.value}`)).toEqual(['crunch 9', 'work 1']);
    expect(digest(inverted).sort()).toEqual(['crunch;io;main 3', 'crunch;work;main 6', 'work;main 1']);
  });

  it('finds frames by name or file and counts each sample once', () => {
    expect(searchFlame(tree, 'CRUNCH')).toEqual({ samples: 9, frames: 2 });
    expect(searchFlame(tree, 'work.py')).toEqual({ samples: 7, frames: 1 });
    expect(searchFlame(tree, 'main')).toEqual({ samples: 10, frames: 1 });
    expect(searchFlame(tree, '  ')).toEqual({ samples: 0, frames: 0 });
  });
});
