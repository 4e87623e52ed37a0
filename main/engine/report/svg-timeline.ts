// The timeline chart as inline SVG: per thread a band of stacked state shares and a CPU lane under
// it, a GIL lane (share of time held, contention line) on top, and a time axis. No script needed.
import type { BinnedTimeline } from '../../shared/run-views.ts';
import { html, type SafeHtml } from './escape-html.ts';
import type { LegendKey } from './report-layout.ts';
import {
  SERIES_COLORS,
  STATE_ORDER,
  TIMELINE_SERIES,
  stateColor,
  stateLabel,
} from '../../shared/thread-state-style.ts';
import { bandSegmentsByState, binStartNs, busiestThreads, shareHeight } from '../../shared/timeline-geometry.ts';
import { niceTicks, px, rectPath, filledPath, svgLabel, svgLine, svgRoot, tickLabelSeconds } from './svg-kit.ts';

const WIDTH = 1000;
const LABEL_WIDTH = 190;
const RIGHT_PAD = 12;
const PLOT_WIDTH = WIDTH - LABEL_WIDTH - RIGHT_PAD;
const BAND = 18;
const CPU_LANE = 12;
const THREAD_GAP = 7;
const GIL_LANE = 36;
const AXIS = 24;
const TOP = 6;

/** How to draw a timeline. */
export interface TimelineChartOptions {
  /** Seconds the x axis spans (default: this timeline's own end); comparisons pass the longest run's so lanes align. */
  axisSeconds?: number;
  /** Threads beyond this many (the least busy) are left out, with a note. Default 40. */
  maxThreads?: number;
  /** Accessible name of the chart. */
  label?: string;
  /** Written inside the GIL lane, e.g. "GIL disabled" for a free-threaded run with the GIL off. */
  gilNote?: string;
}

type Thread = BinnedTimeline['threads'][number];

/** Legend keys for the timeline chart. */
export function timelineLegend(withGil: boolean): LegendKey[] {
  const keys: LegendKey[] = STATE_ORDER.map((state) => ({ label: stateLabel(state), color: stateColor(state) }));
  for (const series of TIMELINE_SERIES)
    if (series.key === 'cpu' || withGil)
      keys.push({ label: series.label, color: series.color, shape: series.key === 'contention' ? 'line' : undefined });
  return keys;
}

/** The chart and, when threads were left out, a note saying how many. */
export function timelineChart(
  timeline: BinnedTimeline,
  options: TimelineChartOptions = {},
): { svg: SafeHtml; omittedThreads: number } {
  const spanSeconds = Math.max(timeline.toNs / 1e9, 1e-9);
  const axisSeconds = Math.max(options.axisSeconds ?? spanSeconds, spanSeconds);
  const xOf = (ns: number): number => LABEL_WIDTH + (ns / 1e9 / axisSeconds) * PLOT_WIDTH;
  const binWidth = (timeline.binNs / 1e9 / axisSeconds) * PLOT_WIDTH;
  const threads = busiestThreads(timeline.threads, options.maxThreads ?? 40);
  const gilHeight = timeline.gil ? GIL_LANE + THREAD_GAP : 0;
  const lanesTop = TOP + gilHeight;
  const rowHeight = BAND + CPU_LANE + THREAD_GAP;
  const plotBottom = lanesTop + threads.length * rowHeight;
  const height = plotBottom + AXIS;
  const parts: Array<SafeHtml | null> = [];

  const ticks = niceTicks(axisSeconds, 8);
  const step = (ticks[1] ?? axisSeconds) - (ticks[0] ?? 0);
  for (const tick of ticks) {
    const x = LABEL_WIDTH + (tick / axisSeconds) * PLOT_WIDTH;
    parts.push(svgLine(x, TOP, x, plotBottom, SERIES_COLORS.grid, { width: 1 }));
    const anchor = x > LABEL_WIDTH + PLOT_WIDTH - 25 ? 'end' : 'middle';
    parts.push(
      svgLabel(tickLabelSeconds(tick, step), x, plotBottom + 12, { anchor, size: 11, fill: SERIES_COLORS.axis }),
    );
  }
  // The run's end, when the axis is longer (aligned comparisons).
  if (axisSeconds > spanSeconds * 1.001) {
    const x = xOf(timeline.toNs);
    parts.push(svgLine(x, TOP, x, plotBottom, SERIES_COLORS.axis, { dash: '3 3' }));
  }

  if (timeline.gil) parts.push(gilLane(timeline, xOf, binWidth, TOP, options.gilNote));
  // Several processes: lanes come grouped by process (see process-groups.ts); a rule between groups, the pid by each tid.
  const severalProcesses = new Set(threads.map((thread) => thread.pid)).size > 1;
  threads.forEach((thread, index) => {
    const top = lanesTop + index * rowHeight;
    if (severalProcesses && index > 0 && threads[index - 1]?.pid !== thread.pid)
      parts.push(svgLine(0, top - THREAD_GAP / 2, LABEL_WIDTH + PLOT_WIDTH, top - THREAD_GAP / 2, SERIES_COLORS.axis));
    parts.push(threadRows(timeline, thread, xOf, binWidth, top, severalProcesses));
  });
  parts.push(svgLine(LABEL_WIDTH, plotBottom, LABEL_WIDTH + PLOT_WIDTH, plotBottom, SERIES_COLORS.axis));

  return {
    svg: svgRoot(WIDTH, height, options.label ?? 'Timeline of thread states, CPU and GIL', parts),
    omittedThreads: timeline.threads.length - threads.length,
  };
}

function threadRows(
  timeline: BinnedTimeline,
  thread: Thread,
  xOf: (ns: number) => number,
  binWidth: number,
  top: number,
  showPid: boolean,
): SafeHtml {
  const bins = thread.sampled.length;
  const id = showPid && thread.pid !== undefined ? `pid ${thread.pid} · tid ${thread.tid}` : `tid ${thread.tid}`;
  const bands = bandSegmentsByState(thread.states, 0, bins - 1, BAND);
  const statePaths = STATE_ORDER.map((state) =>
    filledPath(
      rectPath(bands[state].map((s) => [xOf(binStartNs(timeline, s.bin)), top + s.y, binWidth, s.h])),
      stateColor(state),
    ),
  );
  const cpuTop = top + BAND + 1;
  const cpuRects: Array<[number, number, number, number]> = [];
  for (let bin = 0; bin < bins; bin++) {
    const h = shareHeight(thread.cpu[bin] ?? 0, CPU_LANE);
    if (h < 0.05) continue;
    cpuRects.push([xOf(binStartNs(timeline, bin)), cpuTop + CPU_LANE - h, binWidth, h]);
  }
  const plotEnd = LABEL_WIDTH + PLOT_WIDTH;
  return html`<g class="thread">
${svgLabel(thread.name, LABEL_WIDTH - 8, top + BAND / 2, { anchor: 'end', max: 24, size: 11.5, weight: 600 })}
${svgLabel(`${id} · CPU`, LABEL_WIDTH - 8, cpuTop + CPU_LANE / 2, { anchor: 'end', size: 10, fill: SERIES_COLORS.axis })}
<rect x="${LABEL_WIDTH}" y="${px(cpuTop)}" width="${px(plotEnd - LABEL_WIDTH)}" height="${CPU_LANE}" fill="#f6f8fa"/>
${statePaths}
${filledPath(rectPath(cpuRects), SERIES_COLORS.cpu, 0.8)}
</g>`;
}

function gilLane(
  timeline: BinnedTimeline,
  xOf: (ns: number) => number,
  binWidth: number,
  top: number,
  gilNote: string | undefined,
): SafeHtml {
  const gil = timeline.gil!;
  const heldRects: Array<[number, number, number, number]> = [];
  const points: string[] = [];
  gil.held.forEach((held, bin) => {
    const x = xOf(binStartNs(timeline, bin));
    const h = shareHeight(held, GIL_LANE);
    if ((gil.known[bin] ?? 0) > 0 && h >= 0.05) heldRects.push([x, top + GIL_LANE - h, binWidth, h]);
    points.push(`${px(x + binWidth / 2)},${px(top + GIL_LANE - shareHeight(gil.contention[bin] ?? 0, GIL_LANE))}`);
  });
  return html`<g class="gil">
${svgLabel('GIL', LABEL_WIDTH - 8, top + GIL_LANE / 2 - 6, { anchor: 'end', weight: 600 })}
${svgLabel('held · contention', LABEL_WIDTH - 8, top + GIL_LANE / 2 + 8, { anchor: 'end', size: 10, fill: SERIES_COLORS.axis })}
<rect x="${LABEL_WIDTH}" y="${top}" width="${PLOT_WIDTH}" height="${GIL_LANE}" fill="#f6f8fa"/>
${filledPath(rectPath(heldRects), SERIES_COLORS.gilHeld, 0.45)}
${gilNote ? svgLabel(gilNote, LABEL_WIDTH + 8, top + GIL_LANE / 2, { size: 11, fill: SERIES_COLORS.axis }) : null}
${points.length > 0 ? html`<polyline points="${points.join(' ')}" fill="none" stroke="${SERIES_COLORS.contention}" stroke-width="1.5" stroke-linejoin="round"/>` : null}
</g>`;
}
