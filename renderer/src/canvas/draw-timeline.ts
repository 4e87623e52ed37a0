// Draws a BinnedTimeline on one canvas: a GIL row (held area, contention line) and per thread a CPU
// area over a stacked state band. Bins are placed by time, so data fetched for the previous range
// stays correctly placed while the user zooms or pans and finer bins are on their way.
import type { BinnedTimeline } from '../../../main/shared/run-views.ts';
import { formatClock } from '../logic/format.ts';
import { SERIES_COLORS, STATE_ORDER, stateColor } from '../../../main/shared/thread-state-style.ts';
import { missedBins } from '../logic/missed-bins.ts';
import { timelineHeight, timelineLayout } from '../logic/timeline-geometry.ts';
import { bandSegmentsByState, binCount, binStartNs, shareHeight } from '../../../main/shared/timeline-geometry.ts';
import { tickStepNs, type TimeRange } from '../logic/zoom-range.ts';
import type { ThemeColors } from './theme-colors.ts';

// Draws `data` for the visible `view` (ns relative to the run's start, like the data's fromNs/toNs).
export function drawTimeline(
  ctx: CanvasRenderingContext2D,
  width: number,
  data: BinnedTimeline,
  view: TimeRange,
  theme: ThemeColors,
): void {
  const { gutter, gilHeight, cpuHeight, bandHeight, gap, axis } = timelineLayout;
  const plotWidth = Math.max(1, width - gutter - 8);
  const span = view.to - view.from;
  const xOf = (ns: number) => gutter + ((ns - view.from) / span) * plotWidth;
  const bins = binCount(data);
  // Only the bins that intersect the view.
  const firstBin = Math.max(0, Math.floor((view.from - data.fromNs) / data.binNs));
  const lastBin = Math.min(bins - 1, Math.ceil((view.to - data.fromNs) / data.binNs));
  const right = gutter + plotWidth;
  const binX0 = (b: number) => Math.min(right, Math.max(gutter, xOf(binStartNs(data, b))));
  const binX1 = (b: number) => Math.max(gutter, Math.min(right, xOf(binStartNs(data, b + 1))));

  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  let top = axis;

  // Axis ticks and grid lines.
  const step = tickStepNs(span, Math.max(2, Math.floor(plotWidth / 110)));
  const totalHeight = timelineHeight(data.threads.length, data.gil !== null);
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'center';
  for (let t = Math.ceil(view.from / step) * step; t <= view.to; t += step) {
    const x = Math.round(xOf(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, axis - 4);
    ctx.lineTo(x, totalHeight);
    ctx.stroke();
    ctx.fillText(
      step < 1e8 ? `${(t / 1e9).toFixed(3)} s` : formatClock(t),
      Math.min(Math.max(x, gutter + 28), width - 30),
      axis / 2,
    );
  }
  ctx.textAlign = 'start';

  // Several processes: their lanes come grouped (the engine orders them so), a rule between groups, the pid by
  // each tid; the GIL row is the main process's (each process has its own GIL; the thread table gives them all).
  const severalProcesses = new Set(data.threads.map((thread) => thread.pid)).size > 1;
  if (data.gil) {
    const gil = data.gil;
    ctx.fillStyle = theme.lane;
    ctx.fillRect(gutter, top, plotWidth, gilHeight);
    ctx.fillStyle = theme.text;
    ctx.fillText(severalProcesses ? 'main GIL held' : 'GIL held', 4, top + gilHeight / 3);
    ctx.fillStyle = SERIES_COLORS.contention;
    ctx.fillText('contention', 4, top + (2 * gilHeight) / 3);
    ctx.fillStyle = SERIES_COLORS.gilHeld;
    ctx.globalAlpha = 0.55;
    for (let b = firstBin; b <= lastBin; b++) {
      if ((gil.known[b] ?? 0) <= 0) continue;
      const h = shareHeight(gil.held[b] ?? 0, gilHeight);
      const x0 = binX0(b);
      ctx.fillRect(x0, top + gilHeight - h, Math.max(0.75, binX1(b) - x0), h);
    }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = SERIES_COLORS.contention;
    ctx.lineWidth = 1.25;
    ctx.beginPath();
    let pen = false;
    for (let b = firstBin; b <= lastBin; b++) {
      if ((gil.known[b] ?? 0) <= 0) {
        pen = false;
        continue;
      }
      const x = (binX0(b) + binX1(b)) / 2;
      const y = top + gilHeight - shareHeight(gil.contention[b] ?? 0, gilHeight - 1);
      if (pen) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      pen = true;
    }
    ctx.stroke();
    ctx.lineWidth = 1;
    top += gilHeight + gap;
  }

  let previousPid = data.threads[0]?.pid;
  for (const thread of data.threads) {
    if (severalProcesses && thread.pid !== previousPid) {
      ctx.fillStyle = theme.muted;
      ctx.fillRect(0, top - gap / 2 - 0.5, width, 1);
      previousPid = thread.pid;
    }
    ctx.fillStyle = theme.lane;
    ctx.fillRect(gutter, top, plotWidth, cpuHeight + bandHeight);
    ctx.fillStyle = theme.text;
    const label = thread.name.length > 19 ? `${thread.name.slice(0, 18)}…` : thread.name;
    ctx.fillText(label, 4, top + cpuHeight / 2 + 1);
    ctx.fillStyle = theme.muted;
    const id = severalProcesses && thread.pid !== undefined ? `pid ${thread.pid} · ${thread.tid}` : String(thread.tid);
    ctx.fillText(id, 4, top + cpuHeight + bandHeight / 2 + 1);
    // State band: one path per state and lane, far fewer canvas calls than a fillRect per bin.
    const bandTop = top + cpuHeight;
    const bands = bandSegmentsByState(thread.states, firstBin, lastBin, bandHeight, 0);
    for (const state of STATE_ORDER) {
      ctx.beginPath();
      for (const segment of bands[state]) {
        const x0 = binX0(segment.bin);
        ctx.rect(x0, bandTop + segment.y, Math.max(0.75, binX1(segment.bin) - x0), segment.h);
      }
      ctx.fillStyle = stateColor(state);
      ctx.fill();
    }
    // CPU area (cores of this thread, 0..1).
    const base = top + cpuHeight;
    ctx.beginPath();
    ctx.moveTo(binX0(firstBin), base);
    for (let b = firstBin; b <= lastBin; b++) {
      const y = base - shareHeight(thread.cpu[b] ?? 0, cpuHeight - 1);
      ctx.lineTo(binX0(b), y);
      ctx.lineTo(binX1(b), y);
    }
    ctx.lineTo(binX1(Math.max(firstBin, lastBin)), base);
    ctx.closePath();
    ctx.fillStyle = SERIES_COLORS.cpu;
    ctx.globalAlpha = 0.4;
    ctx.fill();
    ctx.globalAlpha = 1;
    top += cpuHeight + bandHeight + gap;
  }

  // Missed ticks: a grey veil over every row, so a gap reads as "not measured here", not as "nothing ran".
  const missed = missedBins(data);
  ctx.fillStyle = MISSED_TICKS_COLOR;
  ctx.beginPath();
  for (let b = firstBin; b <= lastBin; b++) {
    if (!missed[b]) continue;
    const x0 = binX0(b);
    ctx.rect(x0, axis, Math.max(1, binX1(b) - x0), totalHeight - axis);
  }
  ctx.fill();
}

/** The veil over bins without any tick (also the legend's swatch). */
export const MISSED_TICKS_COLOR = 'rgba(120, 120, 120, 0.35)';
