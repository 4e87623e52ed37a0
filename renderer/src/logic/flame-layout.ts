// Lays a flame tree out as icicle rectangles (root on top) in 0..1 horizontal units, for a canvas to
// draw. Pure: the canvas only maps these rectangles to pixels.
import type { FlameNode } from '../../../main/shared/run-views.ts';

// One drawable frame: [x0, x1) across the focused root's width, `depth` rows below it.
export interface FlameRect {
  x0: number;
  x1: number;
  depth: number;
  node: FlameNode;
  /** Share of the focused root's samples. */
  share: number;
}

// Flattens `root` breadth-independent (pre-order); frames narrower than `minWidth` (and their children) are skipped.
export function layoutFlame(root: FlameNode, minWidth: number): { rects: FlameRect[]; maxDepth: number } {
  const rects: FlameRect[] = [];
  let maxDepth = 0;
  if (root.value <= 0) return { rects, maxDepth };
  const walk = (node: FlameNode, x0: number, depth: number): void => {
    const width = node.value / root.value;
    if (width < minWidth) return;
    rects.push({ x0, x1: x0 + width, depth, node, share: width });
    if (depth > maxDepth) maxDepth = depth;
    let x = x0;
    for (const child of node.children) {
      walk(child, x, depth + 1);
      x += child.value / root.value;
    }
  };
  walk(root, 0, 0);
  return { rects, maxDepth };
}

// The path of nodes from `root` to `target` (inclusive), or null when it is not in the tree.
export function pathTo(root: FlameNode, target: FlameNode): FlameNode[] | null {
  if (root === target) return [root];
  for (const child of root.children) {
    const sub = pathTo(child, target);
    if (sub) return [root, ...sub];
  }
  return null;
}

// The rectangle under a point (x in 0..1, row index), or null.
export function hitTest(rects: readonly FlameRect[], x: number, depth: number): FlameRect | null {
  for (const rect of rects) if (rect.depth === depth && x >= rect.x0 && x < rect.x1) return rect;
  return null;
}

// A stable colour per function name (warm hues for Python code, grey for the synthetic root).
export function flameColor(name: string, file: string, dark: boolean): string {
  if (file === '' && name.startsWith('<')) return dark ? '#4a4f57' : '#c9ccd1';
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  const hue = 20 + ((hash >>> 0) % 40);
  const light = dark ? 38 + ((hash >>> 8) % 12) : 62 + ((hash >>> 8) % 14);
  return `hsl(${hue} 75% ${light}%)`;
}
