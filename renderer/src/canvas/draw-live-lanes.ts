// Draws the live per-thread lanes on one canvas: for each thread a CPU % area over a stacked state
// band, over the last `windowNs` of progress events. Only maps already-received figures to pixels.
import type { LiveProgress } from '../logic/live-run-store.ts';
import { formatClock, formatPercent } from '../logic/format.ts';
import { SERIES_COLORS, stateColor } from '../../../main/shared/thread-state-style.ts';
import type { ThemeColors } from './theme-colors.ts';
import { shareHeight, stackSegments } from '../../../main/shared/timeline-geometry.ts';

// Lane geometry in CSS pixels, shared with the component that sizes the canvas.
export const liveLaneLayout = { gutter: 168, cpuHeight: 16, bandHeight: 14, gap: 8, axis: 20 } as const;

// Height the canvas needs for `threadCount` lanes.
export function liveLanesHeight(threadCount: number): number {
  const { cpuHeight, bandHeight, gap, axis } = liveLaneLayout;
  return Math.max(1, threadCount) * (cpuHeight + bandHeight + gap) + axis;
}

// Draws every lane; `events` oldest first; lanes follow `threads` order.
export function drawLiveLanes(
  ctx: CanvasRenderingContext2D,
  width: number,
  events: readonly LiveProgress[],
  threads: ReadonlyArray<{ tid: number; name: string }>,
  windowNs: number,
  theme: ThemeColors,
): void {
  const { gutter, cpuHeight, bandHeight, gap, axis } = liveLaneLayout;
  const laneHeight = cpuHeight + bandHeight + gap;
  const plotWidth = Math.max(1, width - gutter - 8);
  const latest = events.length > 0 ? events[events.length - 1]!.elapsedNs : 0;
  const start = Math.max(0, latest - windowNs);
  const end = Math.max(windowNs, latest);
  const xOf = (ns: number) => gutter + ((ns - (end - windowNs)) / windowNs) * plotWidth;
  const lane = new Map<number, number>();
  threads.forEach((t, i) => lane.set(t.tid, i));
  const current = events[events.length - 1];

  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  threads.forEach((thread, i) => {
    const top = i * laneHeight;
    ctx.fillStyle = theme.lane;
    ctx.fillRect(gutter, top, plotWidth, cpuHeight + bandHeight);
    const now = current?.threads.find((t) => t.tid === thread.tid);
    ctx.fillStyle = now ? theme.text : theme.muted;
    const label = thread.name.length > 18 ? `${thread.name.slice(0, 17)}…` : thread.name;
    ctx.fillText(label, 4, top + cpuHeight / 2 + 1);
    ctx.fillStyle = theme.muted;
    ctx.fillText(now ? `CPU ${formatPercent(now.cpu, 0)}` : 'ended', 4, top + cpuHeight + bandHeight / 2 + 1);
  });

  // State bands: one column per event, stacked bottom-up in state order.
  let previousNs = Math.max(0, (events[0]?.elapsedNs ?? 0) - 1e8);
  for (const event of events) {
    const x0 = Math.max(gutter, xOf(Math.max(previousNs, start)));
    const x1 = xOf(event.elapsedNs);
    previousNs = event.elapsedNs;
    if (x1 <= gutter) continue;
    const w = Math.max(1, x1 - x0 + 0.5);
    for (const thread of event.threads) {
      const i = lane.get(thread.tid);
      if (i === undefined) continue;
      const bandTop = i * laneHeight + cpuHeight;
      for (const segment of stackSegments((state) => thread.states[state], bandHeight, 0)) {
        ctx.fillStyle = stateColor(segment.state);
        ctx.fillRect(x0, bandTop + segment.y, w, segment.h);
      }
    }
  }

  // CPU areas: one path per lane.
  ctx.strokeStyle = SERIES_COLORS.cpu;
  ctx.lineWidth = 1;
  threads.forEach((thread, i) => {
    const base = i * laneHeight + cpuHeight;
    ctx.beginPath();
    let started = false;
    let lastX: number = gutter;
    for (const event of events) {
      const t = event.threads.find((th) => th.tid === thread.tid);
      const x = xOf(event.elapsedNs);
      if (!t || x < gutter) continue;
      const y = base - shareHeight(t.cpu, cpuHeight - 1);
      if (!started) {
        ctx.moveTo(x, base);
        started = true;
      }
      ctx.lineTo(x, y);
      lastX = x;
    }
    if (!started) return;
    ctx.lineTo(lastX, base);
    ctx.closePath();
    ctx.globalAlpha = 0.35;
    ctx.fillStyle = SERIES_COLORS.cpu;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.stroke();
  });

  // Time axis.
  const axisTop = threads.length === 0 ? 0 : threads.length * laneHeight;
  ctx.fillStyle = theme.muted;
  ctx.strokeStyle = theme.grid;
  const stepNs = windowNs <= 30e9 ? 5e9 : 10e9;
  for (let t = Math.ceil((end - windowNs) / stepNs) * stepNs; t <= end; t += stepNs) {
    const x = xOf(t);
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, axisTop);
    ctx.stroke();
    ctx.textAlign = 'center';
    ctx.fillText(formatClock(t), Math.min(Math.max(x, gutter + 20), width - 24), axisTop + axis / 2);
  }
  ctx.textAlign = 'start';
}
