// Horizontal bar charts as inline SVG: one value per row (e.g. speedup per configuration) with an
// optional min–max whisker and a reference line (e.g. the baseline's 1.0×).
import { html, type SafeHtml } from './escape-html.ts';
import { SERIES_COLORS } from '../../shared/thread-state-style.ts';
import { niceTicks, px, svgLabel, svgLine, svgRoot } from './svg-kit.ts';

/** One bar; null values are drawn as "no data". */
export interface Bar {
  label: string;
  value: number | null;
  /** Optional spread drawn as a whisker. */
  min?: number | null;
  max?: number | null;
  color?: string;
  /** Text after the bar (default: the formatted value). */
  valueText?: string;
}

/** How to draw the bars. */
export interface BarChartOptions {
  format: (value: number) => string;
  /** A vertical reference line, e.g. 1 for speedups. */
  reference?: { value: number; label: string } | null;
  label: string;
  /** Axis tick formatter (default: `format`). */
  tickFormat?: (value: number) => string;
}

const WIDTH = 1000;
const LABEL_WIDTH = 300;
const VALUE_WIDTH = 110;
const ROW = 24;
const BAR = 15;
const TOP = 8;
const AXIS = 22;

/** A horizontal bar chart, scaled from 0 to the largest value (or reference). */
export function barChart(bars: readonly Bar[], options: BarChartOptions): SafeHtml {
  const plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const values = bars
    .flatMap((bar) => [bar.value, bar.max ?? null])
    .filter((value): value is number => value !== null && Number.isFinite(value));
  const maxValue = Math.max(options.reference?.value ?? 0, ...values, 1e-9);
  const ticks = niceTicks(maxValue, 6);
  const axisMax = Math.max(maxValue, ticks[ticks.length - 1] ?? maxValue);
  const xOf = (value: number): number => LABEL_WIDTH + (Math.max(0, value) / axisMax) * plotWidth;
  const plotBottom = TOP + bars.length * ROW;
  const tickFormat = options.tickFormat ?? options.format;
  const parts: Array<SafeHtml | null> = [];
  for (const tick of ticks) {
    const x = xOf(tick);
    parts.push(svgLine(x, TOP, x, plotBottom, SERIES_COLORS.grid));
    parts.push(
      svgLabel(tickFormat(tick), x, plotBottom + 11, { anchor: 'middle', size: 11, fill: SERIES_COLORS.axis }),
    );
  }
  bars.forEach((bar, index) => {
    const mid = TOP + index * ROW + ROW / 2;
    parts.push(svgLabel(bar.label, LABEL_WIDTH - 8, mid, { anchor: 'end', max: 44 }));
    if (bar.value === null || !Number.isFinite(bar.value)) {
      parts.push(svgLabel('no data', LABEL_WIDTH + 4, mid, { size: 11, fill: SERIES_COLORS.axis }));
      return;
    }
    const end = xOf(bar.value);
    parts.push(
      html`<rect x="${LABEL_WIDTH}" y="${px(mid - BAR / 2)}" width="${px(Math.max(1, end - LABEL_WIDTH))}" height="${BAR}" fill="${bar.color ?? SERIES_COLORS.bar}"/>`,
    );
    const hasSpread = bar.min !== undefined && bar.max !== undefined && bar.min !== null && bar.max !== null;
    if (hasSpread) {
      const lo = xOf(bar.min!);
      const hi = xOf(bar.max!);
      parts.push(
        html`<path d="M${px(lo)} ${px(mid)}H${px(hi)}M${px(lo)} ${px(mid - 4)}V${px(mid + 4)}M${px(hi)} ${px(mid - 4)}V${px(mid + 4)}" stroke="#1f2328" stroke-width="1.2" fill="none"/>`,
      );
    }
    const textX = Math.max(end, hasSpread ? xOf(bar.max!) : end) + 6;
    parts.push(svgLabel(bar.valueText ?? options.format(bar.value), textX, mid, { size: 11.5 }));
  });
  if (options.reference) {
    const x = xOf(options.reference.value);
    parts.push(svgLine(x, TOP - 4, x, plotBottom, '#1f2328', { width: 1.2, dash: '4 3' }));
    parts.push(svgLabel(options.reference.label, x + 4, TOP - 1, { size: 10, fill: SERIES_COLORS.axis }));
  }
  parts.push(svgLine(LABEL_WIDTH, TOP, LABEL_WIDTH, plotBottom, SERIES_COLORS.axis));
  return svgRoot(WIDTH, plotBottom + AXIS, options.label, parts);
}
