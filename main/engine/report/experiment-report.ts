// The HTML report of an experiment: its spec, status, speedup per configuration (bars), wall-time
// spread per configuration, and the results table. One self-contained string.
import type { ExperimentConfigResult, ExperimentView } from '../../shared/compare-types.ts';
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
  type Card,
} from './report-layout.ts';
import { formatCommand, formatDate, formatNumber, formatPercent, formatRatio, formatSeconds } from './report-format.ts';
import { SERIES_COLORS } from '../../shared/thread-state-style.ts';
import { reportMeta, type ReportOptions } from './run-report.ts';
import { barChart } from './svg-bars.ts';
import { ceilingGapNote } from '../../shared/machine-load-note.ts';

function configLabel(config: ExperimentConfigResult): string {
  return config.label || config.key;
}

function spreadText(spread: ExperimentConfigResult['wallSeconds'], format: (value: number) => string): string {
  if (!spread) return '—';
  return spread.min === spread.max
    ? format(spread.median)
    : `${format(spread.median)} (${format(spread.min)}–${format(spread.max)})`;
}

function speedupChart(view: ExperimentView): SafeHtml {
  const bars = view.configs.map((config) => ({
    label: configLabel(config),
    value: config.speedup,
    color:
      config.key === view.baselineKey
        ? SERIES_COLORS.barBaseline
        : config.speedup !== null && config.speedup < 1
          ? SERIES_COLORS.barSlower
          : SERIES_COLORS.bar,
  }));
  return barChart(bars, {
    format: formatRatio,
    reference: { value: 1, label: 'baseline = 1×' },
    label: 'Speedup per configuration versus the baseline',
  });
}

function wallChart(view: ExperimentView): SafeHtml {
  const bars = view.configs.map((config) => ({
    label: configLabel(config),
    value: config.wallSeconds?.median ?? null,
    min: config.wallSeconds?.min ?? null,
    max: config.wallSeconds?.max ?? null,
    color: config.key === view.baselineKey ? SERIES_COLORS.barBaseline : SERIES_COLORS.bar,
  }));
  return barChart(bars, { format: formatSeconds, label: 'Median wall time per configuration with min–max' });
}

function resultsTable(view: ExperimentView): SafeHtml {
  const rows = view.configs.map((config) => [
    html`${configLabel(config)}${config.key === view.baselineKey ? html` <span class="muted">(baseline)</span>` : null}`,
    html`<span class="mono">${config.interpreter.path}</span><br><span class="muted">${config.interpreter.version}${config.interpreter.freeThreaded ? ' free-threaded' : ''}</span>`,
    config.gilMode,
    config.varyValue,
    `${config.runIds.length}${config.failures > 0 ? ` (${config.failures} failed)` : ''}`,
    spreadText(config.wallSeconds, formatSeconds),
    formatRatio(config.speedup),
    spreadText(config.parallelism, (value) => formatNumber(value)),
    spreadText(config.processes ?? null, (value) => String(value)),
    spreadText(config.gilWait ?? null, (value) => formatPercent(value)),
    spreadText(config.contention, (value) => formatPercent(value)),
  ]);
  const columns = [
    { header: 'Configuration' },
    { header: 'Interpreter' },
    { header: 'GIL' },
    { header: view.spec.vary ? view.spec.vary.name : 'Value' },
    { header: 'Runs', numeric: true },
    { header: 'Wall (median, min–max)', numeric: true },
    { header: 'Speedup', numeric: true },
    { header: 'Parallelism', numeric: true },
    { header: 'Processes', numeric: true, title: 'Processes that did the work (with a busy thread)' },
    { header: 'GIL wait', numeric: true, title: 'Busy threads’ share of time waiting for their own process’s GIL' },
    { header: 'Contention', numeric: true, title: 'Main process’s samples with a GIL waiter' },
  ];
  return dataTable(columns, rows, (i) => (view.configs[i]?.key === view.baselineKey ? 'baseline' : null));
}

function cards(view: ExperimentView): Card[] {
  const withSpeedup = view.configs.filter((config) => config.speedup !== null && config.key !== view.baselineKey);
  const best = [...withSpeedup].sort((a, b) => (b.speedup ?? 0) - (a.speedup ?? 0))[0];
  const baseline = view.configs.find((config) => config.key === view.baselineKey);
  const runs = view.configs.reduce((total, config) => total + config.runIds.length, 0);
  const failures = view.configs.reduce((total, config) => total + config.failures, 0);
  return [
    { label: 'Status', value: view.status, note: `${view.progress.done} of ${view.progress.total} runs done` },
    {
      label: 'Configurations',
      value: String(view.configs.length),
      note: `${runs} runs${failures > 0 ? `, ${failures} failed` : ''}`,
    },
    {
      label: 'Baseline wall time',
      value: formatSeconds(baseline?.wallSeconds?.median),
      note: baseline ? configLabel(baseline) : 'no baseline',
    },
    { label: 'Best speedup', value: formatRatio(best?.speedup), note: best ? configLabel(best) : null },
  ];
}

/** The whole report of an experiment, as one self-contained HTML string. */
export function renderExperimentReport(view: ExperimentView, options: ReportOptions = {}): string {
  const meta = reportMeta(options);
  const spec = view.spec;
  const facts = factList([
    ['Script', html`<span class="mono">${formatCommand([spec.script, ...spec.args])}</span>`],
    ['Working directory', spec.cwd === null ? 'the script’s folder' : html`<span class="mono">${spec.cwd}</span>`],
    ['Interpreters', html`<span class="mono">${spec.interpreters.join(', ')}</span>`],
    ['GIL modes', spec.gilModes.join(', ')],
    ['Repetitions', String(spec.repeat)],
    [
      'Varied',
      spec.vary
        ? `${spec.vary.kind === 'arg' ? 'argument' : 'environment variable'} ${spec.vary.name} = ${spec.vary.values.join(', ')}`
        : null,
    ],
    [
      'Sampling',
      `${spec.rateHz} Hz${spec.durationSeconds ? `, at most ${formatSeconds(spec.durationSeconds)} per run` : ''}`,
    ],
    ['Started', formatDate(view.createdAt)],
    ['GILscope', meta.version],
  ]);
  const hasResults = view.configs.length > 0;
  const gapNote = view.status === 'running' ? null : ceilingGapNote(view);
  const body = html`
${cardGrid(cards(view))}
${view.error ? html`<div class="callout">${view.error}</div>` : null}
${gapNote ? note(gapNote) : null}
${view.status === 'running' || view.status === 'cancelled' ? note(`This experiment is ${view.status}: results cover the runs finished so far.`) : null}
${section('speedup', 'Speedup per configuration', note('The baseline’s median wall time divided by each configuration’s: above 1× is faster.'), hasResults ? chartBlock(speedupChart(view), null) : note('No results yet.'))}
${hasResults ? section('wall', 'Wall time per configuration', chartBlock(wallChart(view), null)) : null}
${section('results', 'Results', hasResults ? resultsTable(view) : note('No results yet.'))}
${section('warnings', 'Warnings', warningList(view.configs.filter((config) => config.failures > 0).map((config) => `${configLabel(config)}: ${config.failures} run(s) did not complete.`)))}`;
  const heading = `Experiment ${view.id}: ${spec.script.split('/').pop() ?? spec.script}`;
  return reportDocument({
    title: `GILscope report — ${heading}`,
    kind: 'Experiment report',
    heading,
    facts,
    body,
    meta,
  });
}
