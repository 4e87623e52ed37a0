// Speedup per configuration as chart.js bars, or, when a value was varied, one line per interpreter ×
// GIL mode across the values (e.g. thread counts). 1× (the baseline) is drawn as a dashed line.
import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import type { ExperimentView } from '../../../../main/shared/compare-types.ts';
import { readThemeColors } from '../../canvas/theme-colors.ts';
import { speedupSeries } from '../../logic/experiment-results.ts';
import { speedupRange } from '../../logic/experiment-conclusion.ts';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

// Okabe–Ito colours for series (same palette as the states).
const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];

// The chart; rebuilt when the experiment's figures change (a handful of points, so no incremental update).
export function SpeedupChart(props: { experiment: ExperimentView }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const series = speedupSeries(props.experiment);
  // Per bar, the range between the slowest and fastest repetitions (bar charts only: one bar per configuration).
  const baseline = props.experiment.configs.find((c) => c.key === props.experiment.baselineKey);
  const ranges =
    series.kind === 'bar' && baseline ? props.experiment.configs.map((c) => speedupRange(c, baseline)) : [];
  const seriesKey = JSON.stringify({ series, ranges });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const { series: s, ranges: bars } = JSON.parse(seriesKey) as { series: typeof series; ranges: typeof ranges };
    const theme = readThemeColors();
    const datasets: Array<ChartDataset<'bar' | 'line', Array<number | null>>> = s.datasets.map((d, i) =>
      s.kind === 'bar'
        ? {
            type: 'bar',
            label: d.label,
            data: d.data,
            backgroundColor: d.data.map((v) => (v !== null && v >= 1 ? '#009E73' : '#D55E00')),
            borderRadius: 3,
            maxBarThickness: 56,
          }
        : {
            type: 'line',
            label: d.label,
            data: d.data,
            borderColor: palette[i % palette.length],
            backgroundColor: palette[i % palette.length],
            borderWidth: 2,
            pointRadius: 3,
            spanGaps: true,
          },
    );
    datasets.push({
      type: 'line',
      label: 'Baseline (1×)',
      data: s.labels.map(() => 1),
      borderColor: theme.muted,
      borderDash: [5, 4],
      borderWidth: 1,
      pointRadius: 0,
    });
    // Min–max whiskers over the bars, drawn after them in the bars' own coordinates.
    let whiskers = 0;
    const rangeBars = {
      id: 'gilscopeRangeBars',
      afterDatasetsDraw(target: Chart) {
        const meta = target.getDatasetMeta(0);
        const y = target.scales.y;
        if (!y || meta.type !== 'bar') return;
        const ctx = target.ctx;
        ctx.save();
        ctx.strokeStyle = theme.text;
        ctx.lineWidth = 1.5;
        whiskers = 0;
        bars.forEach((range, i) => {
          const bar = meta.data[i];
          if (!range || !bar) return;
          const x = bar.x;
          const top = y.getPixelForValue(range.max);
          const bottom = y.getPixelForValue(range.min);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, bottom);
          ctx.moveTo(x - 6, top);
          ctx.lineTo(x + 6, top);
          ctx.moveTo(x - 6, bottom);
          ctx.lineTo(x + 6, bottom);
          ctx.stroke();
          whiskers++;
        });
        ctx.restore();
        canvas.dataset.rangeBars = String(whiskers);
      },
    };
    const chart = new Chart<'bar' | 'line', Array<number | null>, string>(canvas, {
      type: s.kind,
      plugins: [rangeBars],
      data: { labels: s.labels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { ticks: { color: theme.muted, autoSkip: false, maxRotation: 30 }, grid: { display: false } },
          y: {
            beginAtZero: true,
            // Room for the whiskers above the tallest bar.
            suggestedMax: Math.max(1, ...bars.map((range) => range?.max ?? 0)) * 1.05,
            title: { display: true, text: 'Speedup vs baseline (×)', color: theme.muted },
            ticks: { color: theme.muted, callback: (v) => `${Number(v).toFixed(1)}×` },
            grid: { color: theme.grid },
          },
        },
        plugins: {
          legend: { display: s.kind === 'line', labels: { color: theme.text } },
          tooltip: {
            callbacks: {
              label: (item) =>
                `${item.dataset.label ?? ''}: ${item.parsed.y === null ? '—' : `${Number(item.parsed.y).toFixed(2)}×`}`,
            },
          },
        },
      },
    });
    canvas.dataset.drawn = 'true';
    return () => chart.destroy();
  }, [seriesKey]);

  return (
    <div className="speedup-chart" data-testid="speedup-chart" data-kind={series.kind}>
      <canvas ref={canvasRef} role="img" aria-label="Speedup per configuration" />
    </div>
  );
}
