// Our own canvas icicle graph (root on top): click a frame to focus it, click the root row (or
// "Reset") to go back; hover shows the frame, its file:line and share. No library: the tree comes
// pre-aggregated from runs:flamegraph, so layout is ~40 lines and drawing one loop of fillRects.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FlameNode } from '../../../../main/shared/api-contract.ts';
import { readThemeColors } from '../../canvas/theme-colors.ts';
import { prepareCanvas, useElementSize } from '../../canvas/use-canvas-size.ts';
import { formatPercent, plural } from '../../logic/format.ts';
import { flameColor, hitTest, layoutFlame, pathTo, type FlameRect } from '../../logic/flame-layout.ts';

const rowHeight = 18;

// Draws `root`; `total` is the unfocused root's sample count (shares are of the whole).
export function FlameGraph(props: { root: FlameNode }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(wrapRef);
  const [focus, setFocus] = useState<FlameNode>(props.root);
  const [hover, setHover] = useState<FlameRect | null>(null);
  useEffect(() => setFocus(props.root), [props.root]);
  const minWidth = size.width > 0 ? 0.5 / size.width : 0.001;
  const layout = useMemo(() => layoutFlame(focus, minWidth), [focus, minWidth]);
  const breadcrumbs = useMemo(() => pathTo(props.root, focus) ?? [props.root], [props.root, focus]);
  const height = (layout.maxDepth + 1) * rowHeight + 2;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width === 0) return;
    canvas.style.height = `${height}px`;
    const ctx = prepareCanvas(canvas, size.width, height, size.dpr);
    if (!ctx) return;
    const theme = readThemeColors();
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const rect of layout.rects) {
      const x = rect.x0 * size.width;
      const w = (rect.x1 - rect.x0) * size.width;
      const y = rect.depth * rowHeight;
      ctx.fillStyle = rect === hover ? theme.accent : flameColor(rect.node.name, rect.node.file, theme.dark);
      ctx.fillRect(x, y, Math.max(0.5, w - 1), rowHeight - 1);
      if (w > 30) {
        ctx.fillStyle = theme.dark ? '#f1f1f1' : '#1b1b1b';
        ctx.save();
        ctx.beginPath();
        ctx.rect(x, y, w - 2, rowHeight);
        ctx.clip();
        ctx.fillText(rect.node.name, x + 3, y + rowHeight / 2);
        ctx.restore();
      }
    }
    canvas.dataset.drawn = 'true';
  }, [layout, size, height, hover]);

  const rectAt = (clientX: number, clientY: number): FlameRect | null => {
    const box = canvasRef.current?.getBoundingClientRect();
    if (!box || size.width === 0) return null;
    return hitTest(layout.rects, (clientX - box.left) / size.width, Math.floor((clientY - box.top) / rowHeight));
  };

  return (
    <div className="flame">
      <div className="row breadcrumbs">
        {breadcrumbs.map((node, i) => (
          <button type="button" key={i} className="chip" onClick={() => setFocus(node)} disabled={node === focus}>
            {node.name}
          </button>
        ))}
      </div>
      <div ref={wrapRef} className="flame-wrap">
        <canvas
          ref={canvasRef}
          data-testid="flame-graph"
          data-samples={props.root.value}
          role="img"
          aria-label="Flame graph"
          onMouseMove={(e) => setHover(rectAt(e.clientX, e.clientY))}
          onMouseLeave={() => setHover(null)}
          onClick={(e) => {
            const rect = rectAt(e.clientX, e.clientY);
            if (rect)
              setFocus(
                rect.depth === 0 && rect.node === focus
                  ? (breadcrumbs[breadcrumbs.length - 2] ?? props.root)
                  : rect.node,
              );
          }}
        />
      </div>
      <p className="hint mono flame-status" data-testid="flame-hover">
        {hover
          ? `${hover.node.name} — ${hover.node.file}${hover.node.line ? `:${hover.node.line}` : ''} — ${plural(hover.node.value, 'sample')}, ${formatPercent(hover.node.value / props.root.value)} of all`
          : 'Hover a frame for details; click to zoom into it.'}
      </p>
    </div>
  );
}
