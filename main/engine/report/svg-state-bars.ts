// Stacked 100% bars of thread-state shares, one row per thread (or per thread and run), as inline SVG.
import { html, type SafeHtml } from './escape-html.ts';
import { STATE_ORDER, THREAD_STATE_STYLE, stateColor, stateLabel } from '../../shared/thread-state-style.ts';
import { formatPercent } from './report-format.ts';
import { px, svgLabel, svgRoot } from './svg-kit.ts';
import type { StateFractions } from '../../shared/vocabulary.ts';

/** One stacked bar: a label and the state shares (summing to about 1). */
export interface StateBarRow {
  label: string;
  /** A short tag drawn before the bar, e.g. the run letter in comparisons. */
  tag?: string;
  tagColor?: string;
  states: StateFractions | null;
  /** Extra space above this row (a new group). */
  groupStart?: boolean;
}

const WIDTH = 1000;
const LABEL_WIDTH = 230;
const TAG_WIDTH = 26;
const ROW = 22;
const BAR = 15;
const GROUP_GAP = 8;
const TOP = 4;

/** The stacked bars; segments wide enough carry their percentage. */
export function stateBars(rows: readonly StateBarRow[], label: string): SafeHtml {
  const hasTags = rows.some((row) => row.tag);
  const barX = LABEL_WIDTH + (hasTags ? TAG_WIDTH : 0);
  const barWidth = WIDTH - barX - 10;
  const parts: SafeHtml[] = [];
  let y = TOP;
  rows.forEach((row, index) => {
    if (row.groupStart && index > 0) y += GROUP_GAP;
    const mid = y + ROW / 2;
    if (row.label) parts.push(svgLabel(row.label, LABEL_WIDTH - 8, mid, { anchor: 'end', max: 32 }));
    if (row.tag) parts.push(svgLabel(row.tag, LABEL_WIDTH + 4, mid, { weight: 700, fill: row.tagColor ?? '#1f2328' }));
    if (!row.states) {
      parts.push(svgLabel('not in this run', barX + 4, mid, { size: 11, fill: '#59636e' }));
    } else {
      let x = barX;
      for (const state of STATE_ORDER) {
        const share = Math.max(0, row.states[state]);
        const width = share * barWidth;
        if (width < 0.3) continue;
        const title = `${stateLabel(state)}: ${formatPercent(share)}`;
        parts.push(
          html`<rect x="${px(x)}" y="${px(mid - BAR / 2)}" width="${px(width)}" height="${BAR}" fill="${stateColor(state)}"><title>${title}</title></rect>`,
        );
        if (width > 44) {
          parts.push(
            svgLabel(formatPercent(share, 0), x + width / 2, mid + 0.5, {
              anchor: 'middle',
              size: 10.5,
              fill: THREAD_STATE_STYLE[state].ink,
            }),
          );
        }
        x += width;
      }
    }
    y += ROW;
  });
  return svgRoot(WIDTH, y + TOP, label, parts);
}
