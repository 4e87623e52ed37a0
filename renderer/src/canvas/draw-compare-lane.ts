// Draws one run of a comparison: the ordinary timeline drawing over the lane's range, then the part of
// the shared axis after the run ended shaded and marked, so shorter runs read as shorter.
import type { BinnedTimeline } from '../../../main/shared/run-views.ts';
import type { TimeRange } from '../logic/zoom-range.ts';
import { timelineHeight, timelineLayout } from '../logic/timeline-geometry.ts';
import { drawTimeline } from './draw-timeline.ts';
import type { ThemeColors } from './theme-colors.ts';

// Draws `data` over `range`; `covered` (0..1) is the share of the plot the run really lasts.
export function drawCompareLane(
  ctx: CanvasRenderingContext2D,
  width: number,
  data: BinnedTimeline,
  range: TimeRange,
  covered: number,
  theme: ThemeColors,
): void {
  drawTimeline(ctx, width, data, range, theme);
  if (covered >= 0.999) return;
  const { gutter, axis } = timelineLayout;
  const plotWidth = Math.max(1, width - gutter - 8);
  const x = gutter + covered * plotWidth;
  const height = timelineHeight(data.threads.length, data.gil !== null);
  ctx.fillStyle = theme.background;
  ctx.globalAlpha = 0.7;
  ctx.fillRect(x, axis, gutter + plotWidth - x, height - axis);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = theme.muted;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(Math.round(x) + 0.5, axis);
  ctx.lineTo(Math.round(x) + 0.5, height);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = theme.muted;
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  if (gutter + plotWidth - x > 60) ctx.fillText('run ended', x + 6, axis + 10);
}
