// Builds the flame graph tree of a run (or one thread) from its stack table and samples. Pure.
// Children are merged by function and file (not line), as flame graphs usually are.
import type { StackTable, Timeline } from '../store/run-types.ts';
import type { FlameNode } from '../../shared/run-views.ts';
import { countStacks, type SampleFilter } from './function-profile.ts';

/** The name of the child collecting samples whose Python stack could not be read (native threads, stacks off). */
export const NO_STACK_NAME = '(no Python stack)';

/** Root "all" whose value is the number of samples counted; each node's value = samples in it and below. */
export function buildFlameTree(table: StackTable, timeline: Timeline, filter: SampleFilter = {}): FlameNode {
  const root: FlameNode = { name: 'all', file: '', line: 0, value: 0, children: [] };
  const { counts: perStack, firstTick } = countStacks(timeline, filter);
  const childIndex = new Map<FlameNode, Map<string, FlameNode>>();
  const childOf = (parent: FlameNode, name: string, file: string, line: number): FlameNode => {
    let index = childIndex.get(parent);
    if (!index) childIndex.set(parent, (index = new Map()));
    const key = `${name}\0${file}`;
    let child = index.get(key);
    if (!child) {
      child = { name, file, line, value: 0, children: [] };
      index.set(key, child);
      parent.children.push(child);
    }
    return child;
  };
  // Node of each stack id, memoised: stacks share prefixes, so each is resolved once.
  const nodeOfStack = new Map<number, FlameNode>();
  const nodeOf = (stackId: number): FlameNode => {
    if (stackId < 0) return root;
    const known = nodeOfStack.get(stackId);
    if (known) return known;
    const frame = table.stacks.frame[stackId] ?? -1;
    const parent = nodeOf(table.stacks.prefix[stackId] ?? -1);
    const node = childOf(
      parent,
      table.frames.function[frame] ?? '?',
      table.frames.file[frame] ?? '?',
      table.frames.line[frame] ?? 0,
    );
    nodeOfStack.set(stackId, node);
    return node;
  };
  const seen = (node: FlameNode, tick: number) => (node.firstTick = Math.min(node.firstTick ?? Infinity, tick));
  for (const [stackId, count] of perStack) {
    root.value += count;
    const tick = firstTick.get(stackId) ?? 0;
    seen(root, tick);
    if (stackId < 0) {
      const node = childOf(root, NO_STACK_NAME, '', 0);
      node.value += count;
      seen(node, tick);
      continue;
    }
    // Add the count to the stack's own node and every node above it.
    for (let stack = stackId; stack >= 0; stack = table.stacks.prefix[stack] ?? -1) {
      const node = nodeOf(stack);
      node.value += count;
      seen(node, tick);
    }
  }
  sortChildren(root);
  return root;
}

function sortChildren(node: FlameNode): void {
  node.children.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name));
  for (const child of node.children) sortChildren(child);
}
