// The HTML report of one run: header, summary cards, timeline, threads, top functions, GIL waits,
// warnings and (optionally) the output. One self-contained string; see report-layout.ts.
import type { BinnedTimeline, RunOutputView } from '../../shared/run-views.ts';
import type { RunSummary } from '../../shared/run-summary-types.ts';
import { html, type SafeHtml } from './escape-html.ts';
import {
  cardGrid,
  chartBlock,
  factList,
  note,
  reportDocument,
  section,
  warningList,
  type Card,
  type ReportMeta,
} from './report-layout.ts';
import { formatDate, formatNumber, formatPercent, formatSeconds } from './report-format.ts';
import { gilscopeVersion } from './report-version.ts';
import { hasSeveralProcesses } from '../../shared/process-groups.ts';
import { commandText, gilText, interpreterText, runTitle, statusText, verdictBlock } from './run-facts.ts';
import { functionsSection, gilWaitSection, outputSection, processesSection, threadsSection } from './run-sections.ts';
import { timelineChart, timelineLegend } from './svg-timeline.ts';

/** Options of every report renderer: header facts not in the data. */
export interface ReportOptions {
  /** Default: GILscope's package version. */
  version?: string;
  /** Default: now. */
  generatedAt?: Date;
}

/** Options of the run report. */
export interface RunReportOptions extends ReportOptions {
  /** The script's output (runs:output); shown at the end when given. */
  output?: RunOutputView | null;
}

/** The header facts and footer version of a report. */
export function reportMeta(options: ReportOptions): ReportMeta {
  return { version: options.version ?? gilscopeVersion(), generatedAt: options.generatedAt ?? new Date() };
}

/** The cards at the top of a run report. */
export function runCards(summary: RunSummary): Card[] {
  return [
    { label: 'Wall time', value: formatSeconds(summary.wallSeconds), note: statusText(summary) },
    { label: 'CPU time', value: formatSeconds(summary.cpuSeconds), note: 'all threads' },
    { label: 'Parallelism', value: formatNumber(summary.parallelism), note: 'CPU cores busy on average' },
    {
      label: 'GIL held',
      value: formatPercent(summary.gil?.heldFraction),
      note: summary.gil ? 'share of samples' : 'GIL state not read',
    },
    { label: 'GIL contention', value: formatPercent(summary.gil?.contention), note: 'samples with a thread waiting' },
    {
      label: 'Threads',
      value: String(summary.threads.length),
      note: `${summary.samples} samples at ${summary.rateHz} Hz`,
    },
  ];
}

/** The timeline section of a run (also used per run in comparisons). */
export function timelineSection(timeline: BinnedTimeline | null, summary: RunSummary, axisSeconds?: number): SafeHtml {
  if (!timeline || timeline.threads.length === 0) return note('No timeline was recorded for this run.');
  const gilNote =
    summary.gilEnabled === false && summary.gilEnabledChanges.length === 0
      ? 'GIL disabled for the whole run'
      : undefined;
  const { svg, omittedThreads } = timelineChart(timeline, {
    axisSeconds,
    label: `Timeline of ${runTitle(summary)}`,
    gilNote,
  });
  const switches = summary.gilEnabledChanges.map(
    (change) => `at ${formatSeconds(change.timeSeconds)} the GIL was ${change.enabled ? 'enabled' : 'disabled'}`,
  );
  return html`${chartBlock(svg, timelineLegend(timeline.gil !== null))}${omittedThreads > 0 ? note(`${omittedThreads} less busy thread(s) are not drawn; all are in the table below.`) : null}${
    switches.length > 0 ? note(`GIL switched during the run: ${switches.join('; ')}.`) : null
  }${timeline.gil ? null : note('The GIL state could not be read, so the GIL lane is left out.')}${
    timeline.gil && hasSeveralProcesses(summary)
      ? note('The GIL lane is the main process’s; every process has its own GIL (see Processes).')
      : null
  }`;
}

/** One run's facts for the report header. */
export function runFacts(summary: RunSummary, meta: ReportMeta): SafeHtml {
  return factList([
    ['Script', html`<span class="mono">${commandText(summary)}</span>`],
    ['Working directory', html`<span class="mono">${summary.cwd}</span>`],
    [
      'Attached to',
      summary.attachedPid === undefined
        ? null
        : `pid ${summary.attachedPid} (already running; GILscope sampled it and detached, never launched or stopped it)`,
    ],
    ['Interpreter', interpreterText(summary)],
    ['GIL mode', gilText(summary)],
    ['Recorded', formatDate(summary.createdAt)],
    ['Label', summary.label],
    ['GILscope', meta.version],
  ]);
}

/** The whole report of one run, as one self-contained HTML string. */
export function renderRunReport(
  summary: RunSummary,
  timeline: BinnedTimeline | null,
  options: RunReportOptions = {},
): string {
  const meta = reportMeta(options);
  const problem =
    summary.error ??
    (summary.status === 'failed' || summary.status === 'killed' ? `The run ${statusText(summary)}.` : null);
  const body = html`
${cardGrid(runCards(summary))}
${problem ? html`<div class="callout">${problem}</div>` : null}
${summary.status === 'running' ? null : verdictBlock(summary)}
${section('timeline', 'Timeline', timelineSection(timeline, summary))}
${processesSection(summary)}
${threadsSection(summary)}
${functionsSection(summary)}
${gilWaitSection(summary)}
${section('warnings', 'Warnings', warningList(summary.warnings))}
${outputSection(options.output)}`;
  return reportDocument({
    title: `GILscope report — ${runTitle(summary)}`,
    kind: 'Run report',
    heading: runTitle(summary),
    facts: runFacts(summary, meta),
    body,
    meta,
  });
}
