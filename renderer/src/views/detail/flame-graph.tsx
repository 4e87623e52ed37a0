// Our own canvas icicle graph (root on top): click a frame to focus it, click the root row (or
// "Reset") to go back; hover shows the frame, its file:line and share. Search (Ctrl+F) highlights
// matching frames; the tree can be shown top-down or inverted (innermost frames first), siblings
// heaviest first or in time order (logic/flame-views.ts). Its height follows the stack depth.
// No library: the tree comes pre-aggregated from runs:flamegraph, so drawing is one loop of fillRects.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FlameNode } from '../../../../main/shared/run-views.ts';
import { flameMatches, invertFlame, orderFlame, searchFlame, type FlameOrder } from '../../logic/flame-views.ts';
import { drawFlameRows } from '../../canvas/draw-flame.ts';
import { formatPercent, plural } from '../../logic/format.ts';
import { OptionSelect, type SelectSpec } from '../../components/option-select.tsx';
import { flameColor } from '../../logic/flame-layout.ts';
import { FlameCanvas } from './flame-canvas.tsx';
import { useFlameNavigation } from './use-flame-navigation.ts';

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
  const searchRef = useRef<HTMLInputElement>(null);
  const [inverted, setInverted] = useState(false);
  const [order, setOrder] = useState<FlameOrder>('left-heavy');
  const [query, setQuery] = useState('');
  const root = useMemo(
    () => (inverted ? orderFlame(invertFlame(props.root), order) : orderFlame(props.root, order)),
    [props.root, inverted, order],
  );
  const nav = useFlameNavigation(root);
  const { canvasRef, size, layout, hover, height, breadcrumbs, focus, setFocus } = nav;
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

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || size.width === 0) return;
    const searching = query.trim() !== '';
    drawFlameRows(canvas, size, height, layout.rects, (rect, theme) => {
      const match = searching && flameMatches(rect.node, query);
      return {
        fill:
          rect === hover ? theme.accent : match ? SEARCH_COLOR : flameColor(rect.node.name, rect.node.file, theme.dark),
        // While searching, frames that do not match fade so the matches stand out.
        alpha: searching && !match ? 0.3 : 1,
      };
    });
  }, [layout, size, height, hover, query]);

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
      <FlameCanvas
        nav={nav}
        testId="flame-graph"
        label="Flame graph"
        data={{
          'data-samples': root.value,
          'data-view': inverted ? 'inverted' : 'top-down',
          'data-order': order,
          'data-rows': layout.maxDepth + 1,
          'data-matched-samples': found.samples,
        }}
        onFrameDoubleClick={(rect) => {
          if (rect.node.file !== '' && !rect.node.file.startsWith('<'))
            props.onOpenSource?.(rect.node.file, rect.node.line);
        }}
      />
      <p className="hint mono flame-status" data-testid="flame-hover">
        {hover
          ? `${hover.node.name} — ${hover.node.file}${hover.node.line ? `:${hover.node.line}` : ''} — ${plural(hover.node.value, 'sample')}, ${formatPercent(hover.node.value / root.value)} of all`
          : 'Hover a frame for details; click to zoom into it, double-click to open its source.'}
      </p>
    </div>
  );
}
