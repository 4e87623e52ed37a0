// The HTML report of a comparison (2–4 runs, the first is the baseline): runs, metrics with deltas
// and ratios, speedup bars, timelines on one shared time axis, per-thread states, function diff.
import type { BinnedTimeline } from '../../shared/run-views.ts';
import type { ComparisonView, CompareMetricRow } from '../../shared/compare-types.ts';
import type { RunSummary } from '../../shared/run-summary-types.ts';
import { html, type SafeHtml } from './escape-html.ts';
import {
  cardGrid,
  chartBlock,
  dataTable,
  factList,
  note,
  reportDocument,
  section,
  warningList,
  type Column,
} from './report-layout.ts';
import { formatDate, formatDelta, formatMetric, formatPercent, formatRatio, formatSeconds } from './report-format.ts';
import { SERIES_COLORS, RUN_COLORS } from '../../shared/thread-state-style.ts';
import { commandText, gilText, interpreterShort, interpreterText, runTitle } from './run-facts.ts';
import { reportMeta, timelineSection, type ReportOptions } from './run-report.ts';
import { stateLegend } from './run-sections.ts';
import { barChart } from './svg-bars.ts';
import { stateBars, type StateBarRow } from './svg-state-bars.ts';

const letter = (index: number): string => String.fromCharCode(65 + index);
const runColor = (index: number): string => RUN_COLORS[index % RUN_COLORS.length] ?? SERIES_COLORS.bar;

/** "A · 3.13.5t · GIL off". */
function runShort(run: RunSummary, index: number): string {
  return `${letter(index)} · ${interpreterShort(run)} · GIL ${run.gilMode}`;
}

function runsTable(runs: readonly RunSummary[]): SafeHtml {
  const rows = runs.map((run, index) => [
    html`<strong style="color:${runColor(index)}">${letter(index)}</strong>`,
    html`${runTitle(run)}${index === 0 ? html` <span class="muted">(baseline)</span>` : null}`,
    interpreterText(run),
    gilText(run),
    formatDate(run.createdAt),
    html`<span class="mono">${commandText(run)}</span>`,
  ]);
  return dataTable(
    [
      { header: '' },
      { header: 'Run' },
      { header: 'Interpreter' },
      { header: 'GIL mode' },
      { header: 'Recorded' },
      { header: 'Command' },
    ],
    rows,
    (i) => (i === 0 ? 'baseline' : null),
  );
}

function metricCell(row: CompareMetricRow, index: number): SafeHtml {
  const value = formatMetric(row.values[index], row.unit);
  if (index === 0) return html`${value}`;
  const ratio = row.ratios[index];
  return html`${value}<br><span class="muted">${formatDelta(row.deltas[index], row.unit)}${ratio === null || ratio === undefined ? '' : ` · ${formatRatio(ratio)}`}</span>`;
}

function metricsSection(view: ComparisonView): SafeHtml {
  const columns: Column[] = [
    { header: 'Metric' },
    ...view.runs.map((run, index) => ({ header: runShort(run, index), numeric: true })),
  ];
  const rows = view.metrics.map((row) => [row.label, ...view.runs.map((_, index) => metricCell(row, index))]);
  return section(
    'metrics',
    'Metrics',
    note('Differences (Δ) and ratios (×) are against run A.'),
    dataTable(columns, rows),
  );
}

/** Baseline wall ÷ each run's wall. */
function speedupSection(view: ComparisonView): SafeHtml | null {
  const baseline = view.runs[0]?.wallSeconds ?? null;
  if (!baseline) return null;
  const bars = view.runs.map((run, index) => ({
    label: `${runShort(run, index)} (${formatSeconds(run.wallSeconds)})`,
    value: run.wallSeconds ? baseline / run.wallSeconds : null,
    color: runColor(index),
  }));
  const chart = barChart(bars, {
    format: formatRatio,
    reference: { value: 1, label: 'A = 1×' },
    label: 'Speedup of each run versus run A',
  });
  return section(
    'speedup',
    'Speedup versus A',
    note('Run A’s wall time divided by each run’s: above 1× is faster than A.'),
    chartBlock(chart, null),
  );
}

function timelinesSection(view: ComparisonView, timelines: ReadonlyArray<BinnedTimeline | null>): SafeHtml {
  const axisSeconds = Math.max(1e-9, ...timelines.map((timeline) => (timeline ? timeline.toNs / 1e9 : 0)));
  const blocks = view.runs.map(
    (run, index) =>
      html`<h3><span style="color:${runColor(index)}">${letter(index)}</span> — ${runTitle(run)} <span class="muted">(${interpreterShort(run)}, GIL ${run.gilMode}, ${formatSeconds(run.wallSeconds)})</span></h3>${timelineSection(timelines[index] ?? null, run, axisSeconds)}`,
  );
  return section(
    'timelines',
    'Timelines',
    note('All runs on the same time axis; a dashed line marks the end of a shorter run.'),
    blocks,
  );
}

function threadsSection(view: ComparisonView): SafeHtml {
  if (view.threads.length === 0) return section('threads', 'Threads', note('No threads to compare.'));
  const rows: StateBarRow[] = view.threads.flatMap((thread) =>
    thread.perRun.map((entry, index) => ({
      label: index === 0 ? thread.name : '',
      tag: letter(index),
      tagColor: runColor(index),
      states: entry?.states ?? null,
      groupStart: index === 0,
    })),
  );
  const columns: Column[] = [
    { header: 'Thread' },
    ...view.runs.map((_, index) => ({ header: `CPU ${letter(index)}`, numeric: true })),
    ...view.runs.map((_, index) => ({ header: `GIL wait ${letter(index)}`, numeric: true })),
    ...view.runs.map((_, index) => ({ header: `Running ${letter(index)}`, numeric: true })),
  ];
  const table = view.threads.map((thread) => [
    thread.name,
    ...thread.perRun.map((entry) => formatSeconds(entry?.cpuSeconds)),
    ...thread.perRun.map((entry) => formatPercent(entry?.states.gilWait)),
    ...thread.perRun.map((entry) => formatPercent(entry?.states.running)),
  ]);
  return section(
    'threads',
    'Threads',
    note('Threads are matched across runs by name.'),
    chartBlock(stateBars(rows, 'Thread states per run'), null),
    stateLegend(),
    dataTable(columns, table),
  );
}

function functionsSection(view: ComparisonView, limit = 25): SafeHtml {
  if (view.functions.length === 0) return section('functions', 'Function diff', note('No Python stacks to compare.'));
  const last = letter(view.runs.length - 1);
  const columns: Column[] = [
    { header: 'Function' },
    ...view.runs.map((_, index) => ({ header: `Self ${letter(index)}`, numeric: true })),
    ...view.runs.map((_, index) => ({ header: `Total ${letter(index)}`, numeric: true })),
    { header: `Self change A→${last}`, numeric: true },
  ];
  const rows = view.functions
    .slice(0, limit)
    .map((fn) => [
      html`<span class="mono">${fn.function}</span><br><span class="muted mono">${fn.file}</span>`,
      ...fn.self.map((value) => formatPercent(value)),
      ...fn.total.map((value) => formatPercent(value)),
      formatDelta(fn.selfChange, 'fraction'),
    ]);
  return section(
    'functions',
    'Function diff',
    note('Shares of on-CPU samples per run, sorted by the largest change.'),
    dataTable(columns, rows),
  );
}

function warningsSection(view: ComparisonView): SafeHtml {
  const warnings = view.runs.flatMap((run, index) => [
    ...(run.error ? [`${letter(index)}: ${run.error}`] : []),
    ...run.warnings.map((warning) => `${letter(index)}: ${warning}`),
  ]);
  return section('warnings', 'Warnings', warningList(warnings));
}

/** The whole report of a comparison; `timelines[i]` belongs to `view.runs[i]` (null = none). */
export function renderComparisonReport(
  view: ComparisonView,
  timelines: ReadonlyArray<BinnedTimeline | null>,
  options: ReportOptions = {},
): string {
  const meta = reportMeta(options);
  const scripts = [...new Set(view.runs.map((run) => run.script))];
  const cards = view.runs.map((run, index) => ({
    label: runShort(run, index),
    value: formatSeconds(run.wallSeconds),
    note: `parallelism ${run.parallelism?.toFixed(2) ?? '—'} · contention ${formatPercent(run.gil?.contention)}`,
  }));
  const sentences = view.verdict.filter((entry) => entry.lines.length > 0);
  const body = html`
${cardGrid(cards)}
${sentences.length > 0 ? html`<div class="verdict verdict-other">${sentences.map((entry) => html`<p>${entry.lines.join(' ')}</p>`)}</div>` : null}
${section('runs', 'Runs', runsTable(view.runs))}
${metricsSection(view)}
${speedupSection(view)}
${timelinesSection(view, timelines)}
${threadsSection(view)}
${functionsSection(view)}
${warningsSection(view)}`;
  const heading = `Comparison of ${view.runs.length} runs`;
  const facts = factList([
    [
      'Script',
      scripts.length === 1 ? html`<span class="mono">${scripts[0]}</span>` : `${scripts.length} different scripts`,
    ],
    ['Runs', view.runs.map((run, index) => `${letter(index)} = run ${run.runId}`).join(', ')],
    ['Baseline', view.runs[0] ? runTitle(view.runs[0]) : null],
    ['GILscope', meta.version],
  ]);
  return reportDocument({
    title: `GILscope report — ${heading}`,
    kind: 'Comparison report',
    heading,
    facts,
    body,
    meta,
  });
}
