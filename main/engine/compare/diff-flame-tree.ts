// The differential flame graph of run B against run A: B's flame tree with, on every node, how many of
// A's samples took the same call path. Pure; the caller builds both trees over the same sample scope.
import type { DiffFlameNode, FlameNode } from '../../shared/run-views.ts';
import { comparableFile } from './compare-runs.ts';

/** The key two runs' frames match by: function and file, library files without their interpreter's prefix. */
function matchKey(node: FlameNode): string {
  return `${node.name}\0${comparableFile(node.file)}`;
}

/** `other` (B) laid out as usual, each node carrying the samples `base` (A) had on the same path. */
export function diffFlameTrees(base: FlameNode, other: FlameNode): DiffFlameNode {
  const merge = (a: FlameNode | undefined, b: FlameNode | undefined): DiffFlameNode => {
    const shape = (b ?? a)!;
    const node: DiffFlameNode = {
      name: shape.name,
      file: shape.file,
      line: shape.line,
      value: b?.value ?? 0,
      baseline: a?.value ?? 0,
      children: [],
      ...(b?.firstTick === undefined ? {} : { firstTick: b.firstTick }),
    };
    const baseChildren = new Map((a?.children ?? []).map((child) => [matchKey(child), child]));
    for (const child of b?.children ?? []) {
      const key = matchKey(child);
      node.children.push(merge(baseChildren.get(key), child));
      baseChildren.delete(key);
    }
    // Paths only A took: zero wide in B's layout, kept so a reader of the tree sees what disappeared.
    for (const child of baseChildren.values()) node.children.push(merge(child, undefined));
    return node;
  };
  return merge(base, other);
}
