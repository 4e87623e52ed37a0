// Our own canvas icicle graph (root on top): click a frame to focus it, click the root row (or
// "Reset") to go back; hover shows the frame, its file:line and share. Search (Ctrl+F) highlights
// matching frames; the tree can be shown top-down or inverted (innermost frames first), siblings
// heaviest first or in time order (logic/flame-views.ts). Its height follows the stack depth.
// No library: the tree comes pre-aggregated from runs:flamegraph, so drawing is one loop of fillRects.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FlameNode } from '../../../../main/shared/run-views.ts';
import { flameMatches, invertFlame, orderFlame, searchFlame, type FlameOrder } from '../../logic/flame-views.ts';
import { readThemeColors } from '../../canvas/theme-colors.ts';
import { prepareCanvas, useElementSize } from '../../canvas/use-canvas-size.ts';
import { formatPercent, plural } from '../../logic/format.ts';
import { OptionSelect, type SelectSpec } from '../../components/option-select.tsx';
import { flameColor, hitTest, layoutFlame, pathTo, type FlameRect } from '../../logic/flame-layout.ts';

const rowHeight = 18;

const DIRECTION_SELECT: SelectSpec<'top-down' | 'inverted'> = {
  label: 'Flame graph direction',
  testId: 'flame-view-select',
  options: [
    { value: 'top-down', label: 'Top-down (callers first)' },
    { value: 'inverted', label: 'Inverted (where the time is spent first)' },
  ],
};
const ORDER_SELECT: SelectSpec<FlameOrder> = {
  label: 'Frame order',
  testId: 'flame-order-select',
  options: [
    { value: 'left-heavy', label: 'Left-heavy (largest first)' },
    { value: 'time', label: 'Time order (first seen first)' },
  ],
};
/** Fill of frames matching the search. */
const SEARCH_COLOR = '#CC79A7';

// Draws `root`; `total` is the unfocused root's sample count (shares are of the whole).
// `onOpenSource` opens the focused frame's file at its line.
export function FlameGraph(props: { root: FlameNode; onOpenSource?: (file: string, line: number) => void }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const size = useElementSize(wrapRef);
  const [inverted, setInverted] = useState(false);
  const [order, setOrder] = useState<FlameOrder>('left-heavy');
  const [query, setQuery] = useState('');
  const root = useMemo(
    () => (inverted ? orderFlame(invertFlame(props.root), order) : orderFlame(props.root, order)),
    [props.root, inverted, order],
  );
  const [focus, setFocus] = useState<FlameNode>(root);
  const [hover, setHover] = useState<FlameRect | null>(null);
  useEffect(() => setFocus(root), [root]);
  const found = useMemo(() => searchFlame(root, query), [root, query]);
  // Ctrl+F searches the flame graph while it is on screen (the browser's own find cannot see a canvas).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const minWidth = size.width > 0 ? 0.5 / size.width : 0.001;
  const layout = useMemo(() => layoutFlame(focus, minWidth), [focus, minWidth]);
  const breadcrumbs = useMemo(() => pathTo(root, focus) ?? [root], [root, focus]);
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
    const searching = query.trim() !== '';
    for (const rect of layout.rects) {
      const x = rect.x0 * size.width;
      const w = (rect.x1 - rect.x0) * size.width;
      const y = rect.depth * rowHeight;
      const match = searching && flameMatches(rect.node, query);
      // While searching, frames that do not match fade so the matches stand out.
      ctx.globalAlpha = searching && !match ? 0.3 : 1;
      ctx.fillStyle =
        rect === hover ? theme.accent : match ? SEARCH_COLOR : flameColor(rect.node.name, rect.node.file, theme.dark);
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
    ctx.globalAlpha = 1;
    canvas.dataset.drawn = 'true';
  }, [layout, size, height, hover, query]);

  const rectAt = (clientX: number, clientY: number): FlameRect | null => {
    const box = canvasRef.current?.getBoundingClientRect();
    if (!box || size.width === 0) return null;
    return hitTest(layout.rects, (clientX - box.left) / size.width, Math.floor((clientY - box.top) / rowHeight));
  };

  return (
    <div className="flame">
      <div className="row wrap flame-toolbar">
        <input
          ref={searchRef}
          type="search"
          className="flame-search"
          data-testid="flame-search"
          placeholder="Search functions or files (Ctrl+F)"
          aria-label="Search the flame graph"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setQuery('')}
        />
        {query.trim() !== '' && (
          <span className="muted" data-testid="flame-search-result">
            {found.frames === 0
              ? 'no match'
              : `${plural(found.frames, 'frame')} match, ${formatPercent(found.samples / Math.max(1, root.value))} of samples`}
          </span>
        )}
        <OptionSelect
          {...DIRECTION_SELECT}
          value={inverted ? 'inverted' : 'top-down'}
          onChange={(v) => setInverted(v === 'inverted')}
        />
        <OptionSelect {...ORDER_SELECT} value={order} onChange={setOrder} />
      </div>
      <div className="row breadcrumbs">
        {breadcrumbs.map((node, i) => (
          <button type="button" key={i} className="chip" onClick={() => setFocus(node)} disabled={node === focus}>
            {node.name}
          </button>
        ))}
        {props.onOpenSource && focus.file !== '' && !focus.file.startsWith('<') && (
          <button
            type="button"
            className="link flame-source"
            data-testid="flame-open-source"
            onClick={() => props.onOpenSource?.(focus.file, focus.line)}
          >
            Source of {focus.name}
          </button>
        )}
      </div>
      <div ref={wrapRef} className="flame-wrap">
        <canvas
          ref={canvasRef}
          data-testid="flame-graph"
          data-samples={root.value}
          data-view={inverted ? 'inverted' : 'top-down'}
          data-order={order}
          data-rows={layout.maxDepth + 1}
          data-matched-samples={found.samples}
          role="img"
          aria-label="Flame graph"
          onMouseMove={(e) => setHover(rectAt(e.clientX, e.clientY))}
          onMouseLeave={() => setHover(null)}
          onDoubleClick={(e) => {
            const rect = rectAt(e.clientX, e.clientY);
            if (rect && rect.node.file !== '' && !rect.node.file.startsWith('<'))
              props.onOpenSource?.(rect.node.file, rect.node.line);
          }}
          onClick={(e) => {
            const rect = rectAt(e.clientX, e.clientY);
            if (rect)
              setFocus(
                rect.depth === 0 && rect.node === focus ? (breadcrumbs[breadcrumbs.length - 2] ?? root) : rect.node,
              );
          }}
        />
      </div>
      <p className="hint mono flame-status" data-testid="flame-hover">
        {hover
          ? `${hover.node.name} — ${hover.node.file}${hover.node.line ? `:${hover.node.line}` : ''} — ${plural(hover.node.value, 'sample')}, ${formatPercent(hover.node.value / root.value)} of all`
          : 'Hover a frame for details; click to zoom into it, double-click to open its source.'}
      </p>
    </div>
  );
}
