// The state both flame graphs keep: the focused frame (reset when the tree changes), the hovered one, the
// layout of the focused subtree at the canvas's width, the breadcrumbs back to the root, and which frame
// lies under the mouse.
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { FlameNode } from '../../../../main/shared/run-views.ts';
import { FLAME_ROW_HEIGHT } from '../../canvas/draw-flame.ts';
import { useElementSize } from '../../canvas/use-canvas-size.ts';
import { hitTest, layoutFlame, pathTo, type FlameRect } from '../../logic/flame-layout.ts';

export interface FlameNavigation<N extends FlameNode> {
  wrapRef: RefObject<HTMLDivElement | null>;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  size: { width: number; dpr: number };
  focus: N;
  setFocus: (node: N) => void;
  hover: FlameRect | null;
  setHover: (rect: FlameRect | null) => void;
  layout: { rects: FlameRect[]; maxDepth: number };
  /** The focused frame's callers, root first (the last is the focus). */
  breadcrumbs: N[];
  /** The canvas's height in CSS pixels: one row per level of the focused subtree. */
  height: number;
  rectAt: (clientX: number, clientY: number) => FlameRect | null;
  root: N;
}

export function useFlameNavigation<N extends FlameNode>(root: N): FlameNavigation<N> {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(wrapRef);
  const [focus, setFocus] = useState<N>(root);
  const [hover, setHover] = useState<FlameRect | null>(null);
  useEffect(() => setFocus(root), [root]);
  const minWidth = size.width > 0 ? 0.5 / size.width : 0.001;
  const layout = useMemo(() => layoutFlame(focus, minWidth), [focus, minWidth]);
  const breadcrumbs = useMemo(() => (pathTo(root, focus) ?? [root]) as N[], [root, focus]);
  const rectAt = (clientX: number, clientY: number): FlameRect | null => {
    const box = canvasRef.current?.getBoundingClientRect();
    if (!box || size.width === 0) return null;
    const depth = Math.floor((clientY - box.top) / FLAME_ROW_HEIGHT);
    return hitTest(layout.rects, (clientX - box.left) / size.width, depth);
  };
  const height = (layout.maxDepth + 1) * FLAME_ROW_HEIGHT + 2;
  return { wrapRef, canvasRef, size, focus, setFocus, hover, setHover, layout, breadcrumbs, height, rectAt, root };
}
