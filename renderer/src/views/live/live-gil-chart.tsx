// Overall GIL held % and contention % over the live window (chart.js, no animation, updated at most 10×/s).
import { useEffect, useRef } from 'react';
import { Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useFrameLoop } from '../../canvas/use-frame-loop.ts';
import { readThemeColors } from '../../canvas/theme-colors.ts';
import { formatClock } from '../../logic/format.ts';
import type { LiveRunStore } from '../../logic/live-run-store.ts';
import { SERIES_COLORS } from '../../../../main/shared/thread-state-style.ts';
import { liveWindowNs } from '../../logic/zoom-range.ts';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Tooltip);

// The chart; the legend is the surrounding panel's (same colours as the lanes).
export function LiveGilChart(props: { store: LiveRunStore; windowSeconds: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart<'line', Array<{ x: number; y: number }>> | null>(null);
  const drawn = useRef({ version: -1, at: 0 });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const theme = readThemeColors();
    const chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: [
          {
            label: 'GIL held',
            data: [],
            borderColor: SERIES_COLORS.gilHeld,
            backgroundColor: `${SERIES_COLORS.gilHeld}33`,
            fill: 'origin',
            borderWidth: 1.5,
            pointRadius: 0,
          },
          { label: 'Contention', data: [], borderColor: SERIES_COLORS.contention, borderWidth: 1.5, pointRadius: 0 },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: {
            type: 'linear',
            ticks: { color: theme.muted, callback: (v) => formatClock(Number(v) * 1e9), maxTicksLimit: 8 },
            grid: { color: theme.grid },
          },
          y: {
            min: 0,
            max: 100,
            ticks: { color: theme.muted, callback: (v) => `${v}%`, stepSize: 50 },
            grid: { color: theme.grid },
          },
        },
        plugins: {
          // The panel draws the one legend; chart.js's own is registered app-wide by the experiments chart.
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => `${item.dataset.label}: ${Number(item.parsed.y).toFixed(0)}%`,
              title: (items) => formatClock(Number(items[0]?.parsed.x ?? 0) * 1e9),
            },
          },
        },
      },
    });
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
  }, []);

  useFrameLoop((now) => {
    const chart = chartRef.current;
    const { store } = props;
    if (!chart || drawn.current.version === store.version() || now - drawn.current.at < 95) return;
    drawn.current = { version: store.version(), at: now };
    const held: Array<{ x: number; y: number }> = [];
    const contention: Array<{ x: number; y: number }> = [];
    const events = store.progress.toArray();
    const latest = events[events.length - 1]?.elapsedNs ?? 0;
    const windowSeconds = liveWindowNs(latest, props.windowSeconds * 1e9) / 1e9;
    for (const event of events) {
      if (!event.gil || event.elapsedNs < latest - windowSeconds * 1e9) continue;
      held.push({ x: event.elapsedNs / 1e9, y: event.gil.held * 100 });
      contention.push({ x: event.elapsedNs / 1e9, y: event.gil.contention * 100 });
    }
    chart.data.datasets[0]!.data = held;
    chart.data.datasets[1]!.data = contention;
    const max = Math.max(windowSeconds, latest / 1e9);
    chart.options.scales!.x!.min = max - windowSeconds;
    chart.options.scales!.x!.max = max;
    chart.update('none');
    // What chart.js reserved for a legend of its own (0 = none): the e2e checks there is only the panel's.
    if (canvasRef.current) canvasRef.current.dataset.legendHeight = String(chart.legend?.height ?? 0);
  });

  return (
    <div className="gil-chart" data-testid="live-gil-chart">
      <canvas ref={canvasRef} role="img" aria-label="GIL held and contention over time" />
    </div>
  );
}
