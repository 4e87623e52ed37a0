// The flame graph's views of one call tree, pure: children heaviest first (left-heavy) or in the order
// they were first seen (time order), the inverted tree (callers under each innermost frame, where the
// self time is), and search matches with the share of samples they cover.
import type { FlameNode } from '../../../main/shared/run-views.ts';

/** How siblings are ordered. */
export type FlameOrder = 'left-heavy' | 'time';

/** A copy of `root` with every node's children in `order` (time: earliest first tick first). */
export function orderFlame(root: FlameNode, order: FlameOrder): FlameNode {
  const compare =
    order === 'left-heavy'
      ? (a: FlameNode, b: FlameNode) => b.value - a.value || a.name.localeCompare(b.name)
      : (a: FlameNode, b: FlameNode) => (a.firstTick ?? Infinity) - (b.firstTick ?? Infinity) || b.value - a.value;
  const copy = (node: FlameNode): FlameNode => ({ ...node, children: node.children.map(copy).sort(compare) });
  return copy(root);
}

/**
 * The inverted ("bottom-up") tree: under the root, every function that was the innermost frame of some
 * samples, with its callers below it; a node's value is the self samples of the stacks it stands for.
 */
export function invertFlame(root: FlameNode): FlameNode {
  const inverted: FlameNode = { name: root.name, file: root.file, line: root.line, value: 0, children: [] };
  const childOf = (parent: FlameNode, node: FlameNode): FlameNode => {
    let child = parent.children.find((c) => c.name === node.name && c.file === node.file);
    if (!child) {
      child = { name: node.name, file: node.file, line: node.line, value: 0, children: [] };
      parent.children.push(child);
    }
    return child;
  };
  const walk = (node: FlameNode, path: FlameNode[]): void => {
    const self = node.value - node.children.reduce((sum, c) => sum + c.value, 0);
    if (self > 0 && path.length > 0) {
      inverted.value += self;
      let at = inverted;
      for (let i = path.length - 1; i >= 0; i--) {
        at = childOf(at, path[i]!);
        at.value += self;
      }
    }
    for (const child of node.children) walk(child, [...path, child]);
  };
  walk(root, []);
  return orderFlame(inverted, 'left-heavy');
}

/** Does `node` match the (case-insensitive) query by function name or file? */
export function flameMatches(node: FlameNode, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q !== '' && (node.name.toLowerCase().includes(q) || node.file.toLowerCase().includes(q));
}

/** Samples under matching frames (a match inside a match counted once), and how many frames match. */
export function searchFlame(root: FlameNode, query: string): { samples: number; frames: number } {
  let samples = 0;
  let frames = 0;
  const walk = (node: FlameNode, inMatch: boolean): void => {
    const match = node !== root && flameMatches(node, query);
    if (match) frames++;
    if (match && !inMatch) samples += node.value;
    for (const child of node.children) walk(child, inMatch || match);
  };
  walk(root, false);
  return { samples, frames };
}
