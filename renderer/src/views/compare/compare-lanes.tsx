// Per-run timelines of a comparison, stacked: one canvas per run with the threads matched by name at
// the same height, on a shared seconds axis or each normalized to its own length.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BinnedTimeline } from '../../../../main/shared/run-views.ts';
import type { ComparisonView } from '../../../../main/shared/compare-types.ts';
import { getApi } from '../../api/get-api.ts';
import { errorMessage } from '../../api/use-request.ts';
import { drawCompareLane } from '../../canvas/draw-compare-lane.ts';
import { timelineHeight, timelineLayout } from '../../logic/timeline-geometry.ts';
import { timelineHover, type TimelineHover } from '../../logic/timeline-hit.ts';
import { readThemeColors } from '../../canvas/theme-colors.ts';
import { prepareCanvas, useElementSize } from '../../canvas/use-canvas-size.ts';
import { ChoiceButtons, type Choice } from '../../components/choice-buttons.tsx';
import { Notice } from '../../components/notice.tsx';
import { StateLegend } from '../../components/state-legend.tsx';
import { alignThreads, coveredFraction, laneRange, sharedSpanNs, type LaneMode } from '../../logic/compare-time.ts';
import { formatSeconds } from '../../logic/format.ts';
import { TIMELINE_SERIES } from '../../../../main/shared/thread-state-style.ts';
import { binsForRange } from '../../logic/zoom-range.ts';
import { TimelineTooltip } from '../../components/timeline-tooltip.tsx';
import { RunHeading } from './run-heading.tsx';

// One lane canvas; redrawn when its data, range or width changes.
const TIME_AXES: ReadonlyArray<Choice<LaneMode>> = [
  {
    value: 'aligned',
    label: 'Shared time axis',
    testId: 'lanes-aligned',
    title: 'One seconds axis for all runs: shorter runs end earlier',
  },
  {
    value: 'normalized',
    label: 'Normalize to run length',
    testId: 'lanes-normalized',
    title: 'Each run stretched to its own length, so phases line up',
  },
];

function LaneCanvas(props: {
  data: BinnedTimeline;
  mode: LaneMode;
  sharedNs: number;
  width: number;
  dpr: number;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { data, mode, sharedNs, width, dpr } = props;
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || width === 0) return;
    const frame = requestAnimationFrame(() => {
      const height = timelineHeight(data.threads.length, data.gil !== null);
      canvas.style.height = `${height}px`;
      const ctx = prepareCanvas(canvas, width, height, dpr);
      if (!ctx) return;
      drawCompareLane(
        ctx,
        width,
        data,
        laneRange(data, mode, sharedNs),
        coveredFraction(data, mode, sharedNs),
        readThemeColors(),
      );
      canvas.dataset.drawn = 'true';
    });
    return () => cancelAnimationFrame(frame);
  }, [data, mode, sharedNs, width, dpr]);
  const [hover, setHover] = useState<TimelineHover | null>(null);
  useEffect(() => setHover(null), [data, mode, sharedNs, width]);
  const showHover = (clientX: number, clientY: number) => {
    const rect = ref.current?.getBoundingClientRect();
    if (rect) setHover(timelineHover(data, laneRange(data, mode, sharedNs), rect, clientX, clientY));
  };
  return (
    <div className="tooltip-anchor">
      <canvas
        ref={ref}
        className="timeline-canvas static"
        role="img"
        aria-label={props.label}
        data-testid="compare-lane"
        onPointerMove={(e) => showHover(e.clientX, e.clientY)}
        onPointerLeave={() => setHover(null)}
      />
      {hover && <TimelineTooltip {...hover} />}
    </div>
  );
}

// One bin count for all runs (each binned over its own length): about one per device pixel, but never
// finer than 1.5 sampling periods of the shortest run, so sparse samples do not draw as spikes.
function comparisonBins(runs: ComparisonView['runs'], plotWidth: number, dpr: number): number {
  let bins = Infinity;
  for (const run of runs)
    if (run.wallSeconds !== null && run.wallSeconds > 0)
      bins = Math.min(bins, binsForRange(run.wallSeconds * 1e9, plotWidth, dpr, run.rateHz));
  return Number.isFinite(bins) ? Math.max(1, bins) : Math.max(1, Math.round(plotWidth * dpr));
}

// Loads `compare:timelines` once the width is known (about one bin per device pixel).
export function CompareLanes(props: { comparison: ComparisonView; onOpenRun: (runId: number) => void }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(wrapRef);
  const [mode, setMode] = useState<LaneMode>('aligned');
  const [state, setState] = useState<
    | { kind: 'loading' }
    | { kind: 'ready'; timelines: Array<BinnedTimeline | null> }
    | { kind: 'error'; message: string }
  >({ kind: 'loading' });
  const runIds = props.comparison.runs.map((r) => r.runId);
  const idsKey = runIds.join(',');
  const hasWidth = size.width > 0;

  useEffect(() => {
    if (!hasWidth) return;
    let cancelled = false;
    const width = Math.max(100, (wrapRef.current?.getBoundingClientRect().width ?? 800) - timelineLayout.gutter - 8);
    const bins = comparisonBins(props.comparison.runs, width, window.devicePixelRatio || 1);
    getApi()
      .request('compare:timelines', { runIds: idsKey.split(',').map(Number), bins })
      .then(
        (timelines) => !cancelled && setState({ kind: 'ready', timelines }),
        (error: unknown) => !cancelled && setState({ kind: 'error', message: errorMessage(error) }),
      );
    return () => {
      cancelled = true;
    };
  }, [idsKey, hasWidth]);

  const threadRows = props.comparison.threads;
  const timelines = useMemo(
    () => (state.kind === 'ready' ? state.timelines.map((t, i) => t && alignThreads(t, threadRows, i)) : []),
    [state, threadRows],
  );
  const shared = sharedSpanNs(timelines);
  return (
    <div className="panel" data-testid="compare-lanes" data-mode={mode}>
      <div className="panel-title row spread">
        <h3>Threads over time</h3>
        <StateLegend extra={TIMELINE_SERIES} />
      </div>
      <div className="row toolbar">
        <ChoiceButtons kind="segmented" label="Time axis" choices={TIME_AXES} value={mode} onChange={setMode} />
        <span className="muted">
          {mode === 'aligned'
            ? `0 – ${formatSeconds(shared / 1e9)} for every run`
            : 'Each run from its start (left) to its end (right)'}
        </span>
      </div>
      {state.kind === 'error' && (
        <Notice tone="error" title="Timelines unavailable:">
          {state.message}
        </Notice>
      )}
      <div ref={wrapRef} className="compare-lanes">
        {state.kind === 'loading' && <div className="muted compare-loading">Loading timelines…</div>}
        {props.comparison.runs.map((run, i) => {
          const data = timelines[i];
          return (
            <div key={run.runId} className="compare-lane">
              <div className="compare-lane-title row spread">
                <RunHeading run={run} index={i} onOpen={props.onOpenRun} />
                <span className="muted">{formatSeconds(run.wallSeconds)}</span>
              </div>
              {state.kind === 'ready' && !data && <p className="muted">No samples in this run.</p>}
              {data && size.width > 0 && (
                <LaneCanvas
                  data={data}
                  mode={mode}
                  sharedNs={shared}
                  width={size.width}
                  dpr={size.dpr}
                  label={`Timeline of run ${run.runId}`}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
