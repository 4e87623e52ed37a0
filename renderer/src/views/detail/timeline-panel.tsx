// The run's timeline with zoom, pan and a selected range: wheel zooms around the cursor, drag selects a
// range (which the detail's other panels follow), Shift+drag or a sideways wheel pans, buttons step;
// hovering shows the bin under the pointer.
// Each settled range re-queries runs:timeline for about one bin per pixel (debounced, stale answers dropped).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BinnedTimeline } from '../../../../main/shared/run-views.ts';
import { getApi } from '../../api/get-api.ts';
import { errorMessage } from '../../api/use-request.ts';
import { drawTimeline, MISSED_TICKS_COLOR } from '../../canvas/draw-timeline.ts';
import { timelineHeight, timelineLayout } from '../../logic/timeline-geometry.ts';
import { timelineHover, type TimelineHover } from '../../logic/timeline-hit.ts';
import { readThemeColors } from '../../canvas/theme-colors.ts';
import { prepareCanvas, useElementSize } from '../../canvas/use-canvas-size.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { Notice } from '../../components/notice.tsx';
import { StateLegend } from '../../components/state-legend.tsx';
import { formatClock, formatSeconds } from '../../logic/format.ts';
import { TIMELINE_SERIES } from '../../../../main/shared/thread-state-style.ts';
import { TimelineTooltip } from '../../components/timeline-tooltip.tsx';
import { selectionFromDrag, selectionOverlay } from '../../logic/time-selection.ts';
import { countMissed, missedBins } from '../../logic/missed-bins.ts';
import {
  binsForRange,
  binsForWidth,
  clampRange,
  panBy,
  sameRange,
  wheelZoomFactor,
  zoomAround,
  type TimeRange,
} from '../../logic/zoom-range.ts';

const debounceMs = 120;

// `onFirstDraw` fires once, right after the first timeline is on the canvas (used for the load-time figure).
// `rateHz` (once the summary is in) keeps bins at least 1.5 sampling periods wide.
// `selection` is the range the other panels show (null = the whole run); a drag proposes a new one through `onSelect`.
export function TimelinePanel(props: {
  runId: number;
  rateHz: number | null;
  onFirstDraw?: () => void;
  selection: TimeRange | null;
  onSelect: (range: TimeRange | null) => void;
}) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(wrapRef);
  const [data, setData] = useState<BinnedTimeline | null>(null);
  const [state, setState] = useState<{ kind: 'loading' | 'ready' | 'empty' } | { kind: 'error'; message: string }>({
    kind: 'loading',
  });
  const [bounds, setBounds] = useState<TimeRange | null>(null);
  const [view, setView] = useState<TimeRange | null>(null);
  const sequence = useRef(0);
  const requested = useRef<{ range: TimeRange; bins: number } | null>(null);
  const firstDrawn = useRef(false);
  const onFirstDrawRef = useRef(props.onFirstDraw);
  onFirstDrawRef.current = props.onFirstDraw;
  const drag = useRef<{ x: number; view: TimeRange; pan: boolean } | null>(null);
  // The range being dragged out, shown before it is handed to onSelect on release.
  const [dragging, setDragging] = useState<TimeRange | null>(null);
  const [hover, setHover] = useState<TimelineHover | null>(null);
  const missed = useMemo(() => (data ? missedBins(data) : new Uint8Array(0)), [data]);
  const plotWidth = Math.max(1, size.width - timelineLayout.gutter - 8);
  // Zooming in further than ten samples shows nothing more.
  const minSpanNs = Math.max(50e6, props.rateHz ? 10e9 / props.rateHz : 0);

  // First load: the whole run.
  useEffect(() => {
    if (size.width === 0 || bounds) return;
    const id = ++sequence.current;
    getApi()
      .request('runs:timeline', {
        runId: props.runId,
        fromNs: null,
        toNs: null,
        bins: binsForWidth(plotWidth, size.dpr),
      })
      .then(
        (timeline) => {
          if (id !== sequence.current) return;
          if (!timeline || timeline.toNs <= timeline.fromNs) return setState({ kind: 'empty' });
          const full = { from: timeline.fromNs, to: timeline.toNs };
          setBounds(full);
          setView(full);
          setData(timeline);
          setState({ kind: 'ready' });
        },
        (error: unknown) => setState({ kind: 'error', message: errorMessage(error) }),
      );
    // Load once per run, when the width is known (later widths are handled by the range effect).
  }, [props.runId, size.width > 0]);

  // Finer bins for the visible range once it settles.
  useEffect(() => {
    if (!view || !bounds || !data) return;
    const bins = binsForRange(view.to - view.from, plotWidth, size.dpr, props.rateHz);
    const last = requested.current;
    if (last && sameRange(view, last.range) && last.bins === bins) return;
    const have = data.threads[0]?.cpu.length ?? data.gil?.held.length ?? 0;
    if (sameRange(view, { from: data.fromNs, to: data.toNs }) && Math.abs(have - bins) <= bins * 0.1) return;
    const timer = setTimeout(() => {
      requested.current = { range: view, bins };
      const id = ++sequence.current;
      getApi()
        .request('runs:timeline', { runId: props.runId, fromNs: Math.floor(view.from), toNs: Math.ceil(view.to), bins })
        .then(
          (timeline) => id === sequence.current && timeline && setData(timeline),
          (error: unknown) => id === sequence.current && setState({ kind: 'error', message: errorMessage(error) }),
        );
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [view, bounds, data, plotWidth, size.dpr, props.runId, props.rateHz]);

  // Draw whenever the data, the view or the size changes.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !data || !view || size.width === 0) return;
    const frame = requestAnimationFrame(() => {
      const height = timelineHeight(data.threads.length, data.gil !== null);
      canvas.style.height = `${height}px`;
      const ctx = prepareCanvas(canvas, size.width, height, size.dpr);
      if (!ctx) return;
      const started = performance.now();
      drawTimeline(ctx, size.width, data, view, readThemeColors());
      performance.measure('gilscope:timeline-draw', { start: started, end: performance.now() });
      canvas.dataset.drawn = 'true';
      if (!firstDrawn.current) {
        firstDrawn.current = true;
        onFirstDrawRef.current?.();
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [data, view, size]);

  const anchorOf = useCallback(
    (clientX: number) => {
      const rect = canvasRef.current?.getBoundingClientRect();
      if (!rect) return 0.5;
      return (clientX - rect.left - timelineLayout.gutter) / plotWidth;
    },
    [plotWidth],
  );

  // A zoom or new bins move what is under the pointer: the next move shows it again.
  useEffect(() => setHover(null), [data, view, size.width]);

  const showHover = (clientX: number, clientY: number) => {
    const rect = canvasRef.current?.getBoundingClientRect();
    setHover(rect && data && view ? timelineHover(data, view, rect, clientX, clientY) : null);
  };

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !bounds) return;
    const onWheel = (event: WheelEvent) => {
      if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        setView((v) => v && panBy(v, event.deltaX / plotWidth, bounds, minSpanNs));
        return;
      }
      event.preventDefault();
      const anchor = anchorOf(event.clientX);
      setView((v) => v && zoomAround(v, anchor, wheelZoomFactor(event.deltaY), bounds, minSpanNs));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [bounds, anchorOf, plotWidth, minSpanNs]);

  if (state.kind === 'error')
    return (
      <Notice tone="error" title="Timeline unavailable:">
        {state.message}
      </Notice>
    );
  if (state.kind === 'empty') return <EmptyState title="No samples in this run" testId="timeline-empty" />;

  const zoom = (factor: number) => bounds && setView((v) => v && zoomAround(v, 0.5, factor, bounds, minSpanNs));
  const zoomed = bounds && view && !sameRange(view, bounds);
  const missedCount = countMissed(missed);
  const plotX = (clientX: number) =>
    clientX - (canvasRef.current?.getBoundingClientRect().left ?? 0) - timelineLayout.gutter;
  const shownSelection = dragging ?? props.selection;
  const overlay = shownSelection && view ? selectionOverlay(shownSelection, view, plotWidth) : null;
  return (
    <div className="panel">
      <div className="panel-title row spread">
        <h3>Timeline</h3>
        <StateLegend
          extra={[
            ...TIMELINE_SERIES,
            ...(missedCount > 0 ? [{ label: 'Missed ticks (machine busy)', color: MISSED_TICKS_COLOR }] : []),
          ]}
        />
      </div>
      <div className="row toolbar">
        <button
          type="button"
          data-testid="timeline-zoom-in"
          onClick={() => zoom(0.5)}
          disabled={!bounds}
          title="Zoom in (or scroll the wheel over the timeline)"
        >
          Zoom in
        </button>
        <button type="button" data-testid="timeline-zoom-out" onClick={() => zoom(2)} disabled={!zoomed}>
          Zoom out
        </button>
        <button type="button" data-testid="timeline-reset" onClick={() => bounds && setView(bounds)} disabled={!zoomed}>
          Whole run
        </button>
        <span className="muted" data-testid="timeline-range">
          {view
            ? `${formatClock(view.from)} – ${formatClock(view.to)} (${formatSeconds((view.to - view.from) / 1e9)})`
            : 'Loading…'}
          {data ? ` · ${formatSeconds(data.binNs / 1e9)} per bin` : ''}
        </span>
        {props.selection && (
          <span className="range-chip" data-testid="timeline-selection-label">
            Range {formatClock(props.selection.from)} – {formatClock(props.selection.to)} (
            {formatSeconds((props.selection.to - props.selection.from) / 1e9)})
            <button
              type="button"
              className="link"
              data-testid="timeline-clear-range"
              onClick={() => props.onSelect(null)}
            >
              Clear range
            </button>
          </span>
        )}
        <span className="muted hint-right">Wheel: zoom · drag: select a range · Shift+drag: pan</span>
      </div>
      <div ref={wrapRef} className="timeline-wrap">
        <canvas
          ref={canvasRef}
          className={`timeline-canvas${drag.current ? ' dragging' : ''}`}
          data-testid="timeline-canvas"
          data-missed-bins={missedCount}
          role="img"
          aria-label="Run timeline per thread"
          onPointerDown={(e) => {
            if (!view || e.button !== 0) return;
            drag.current = { x: e.clientX, view, pan: e.shiftKey };
            e.currentTarget.setPointerCapture(e.pointerId);
          }}
          onPointerMove={(e) => {
            if (!drag.current || !bounds) return showHover(e.clientX, e.clientY);
            setHover(null);
            const start = drag.current;
            if (!start.pan)
              return setDragging(selectionFromDrag(plotX(start.x), plotX(e.clientX), start.view, plotWidth, bounds));
            setView(
              clampRange(panBy(start.view, -(e.clientX - start.x) / plotWidth, bounds, minSpanNs), bounds, minSpanNs),
            );
          }}
          onPointerUp={(e) => {
            const start = drag.current;
            drag.current = null;
            setDragging(null);
            if (!start || start.pan || !bounds) return;
            const range = selectionFromDrag(plotX(start.x), plotX(e.clientX), start.view, plotWidth, bounds);
            if (range) props.onSelect(range);
          }}
          onPointerCancel={() => {
            drag.current = null;
            setDragging(null);
          }}
          onPointerLeave={() => setHover(null)}
        />
        {overlay && (
          <div
            className="timeline-selection"
            data-testid="timeline-selection"
            style={{ left: timelineLayout.gutter + overlay.left, width: overlay.width }}
          />
        )}
        {hover && <TimelineTooltip {...hover} missed={missed[hover.hit.bin] === 1} />}
        {state.kind === 'loading' && <div className="loading-overlay">Loading timeline…</div>}
      </div>
    </div>
  );
}
