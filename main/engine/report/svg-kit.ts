// Small helpers for the inline SVG charts: coordinates, axis ticks, rectangle paths, text.
import { html, type SafeHtml } from './escape-html.ts';
import { truncate } from './report-format.ts';

/** A coordinate with at most 2 decimals (keeps path strings short). */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** "Nice" tick values from 0 to `max` (steps of 1, 2 or 5 × 10^k), about `target` of them. */
export function niceTicks(max: number, target = 6): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0];
  const rough = max / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let value = 0; value <= max * (1 + 1e-9); value += step) ticks.push(Number(value.toPrecision(12)));
  return ticks;
}

/** A tick label for seconds: "0", "0.5 s", "2 min". */
export function tickLabelSeconds(value: number, step: number): string {
  if (value === 0) return '0';
  if (step >= 60 && value % 60 === 0) return `${value / 60} min`;
  if (step < 1e-3) return `${(value * 1e6).toFixed(0)} µs`;
  if (step < 0.1) return `${Number((value * 1e3).toPrecision(6))} ms`;
  return `${Number(value.toPrecision(6))} s`;
}

/** Rectangles (x, y, width, height) with each run of touching equal-height neighbours merged into one. */
export function mergeRects(
  rects: ReadonlyArray<readonly [number, number, number, number]>,
): Array<[number, number, number, number]> {
  const merged: Array<[number, number, number, number]> = [];
  for (const [x, y, w, h] of rects) {
    const last = merged[merged.length - 1];
    if (last && Math.abs(last[0] + last[2] - x) < 0.01 && Math.abs(last[1] - y) < 0.05 && Math.abs(last[3] - h) < 0.05)
      last[2] = x + w - last[0];
    else merged.push([x, y, w, h]);
  }
  return merged;
}

/** One path of axis-aligned rectangles (x, y, width, height), touching equal ones merged; empty string when there are none. */
export function rectPath(rects: ReadonlyArray<readonly [number, number, number, number]>): string {
  return mergeRects(rects)
    .map(([x, y, w, h]) => `M${px(x)} ${px(y)}h${px(w)}v${px(h)}h${px(-w)}z`)
    .join('');
}

/** A filled path, or nothing when `d` is empty. */
export function filledPath(d: string, fill: string, opacity?: number): SafeHtml | null {
  if (!d) return null;
  return html`<path d="${d}" fill="${fill}"${opacity === undefined ? null : html` fill-opacity="${opacity}"`}/>`;
}

/** A straight line from (x1, y1) to (x2, y2): grid lines, axes and markers. */
export function svgLine(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  stroke: string,
  options: { width?: number; dash?: string } = {},
): SafeHtml {
  const width = options.width === undefined ? null : html` stroke-width="${options.width}"`;
  const dash = options.dash === undefined ? null : html` stroke-dasharray="${options.dash}"`;
  return html`<line x1="${px(x1)}" x2="${px(x2)}" y1="${px(y1)}" y2="${px(y2)}" stroke="${stroke}" ${width}${dash} />`;
}

/** A text label, cut to `max` characters, with the full text as a hover title when cut. */
export function svgLabel(
  text: string,
  x: number,
  y: number,
  options: { max?: number; anchor?: 'start' | 'end' | 'middle'; size?: number; fill?: string; weight?: number } = {},
): SafeHtml {
  const shown = truncate(text, options.max ?? 40);
  const title = shown === text ? null : html`<title>${text}</title>`;
  return html`<text x="${px(x)}" y="${px(y)}" text-anchor="${options.anchor ?? 'start'}" font-size="${options.size ?? 12}" fill="${options.fill ?? '#1f2328'}"${options.weight ? html` font-weight="${options.weight}"` : null} dominant-baseline="middle">${title}${shown}</text>`;
}

/** An <svg> element sized by its viewBox (scales to the page width); `label` is its accessible name. */
export function svgRoot(
  width: number,
  height: number,
  label: string,
  content: SafeHtml | ReadonlyArray<SafeHtml | null>,
): SafeHtml {
  return html`<svg viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" height="${px(height)}" role="img" aria-label="${label}">${content}</svg>`;
}
