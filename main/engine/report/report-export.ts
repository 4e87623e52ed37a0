// Reports for the export dispatch (engine/export/export-target.ts): an export target (run,
// comparison or experiment) read from the stores and rendered as HTML, or printed to PDF.
import type { RunOutputView } from '../../shared/run-views.ts';
import type { ExportTarget } from '../../shared/compare-types.ts';
import { loadRunSummary } from '../analysis/run-summary.ts';
import { loadComparisonOr } from '../compare/load-comparison.ts';
import { experimentView } from '../experiment/experiment-view.ts';
import type { ExperimentReader } from '../experiment/experiment-store.ts';
import type { RunReader } from '../store/run-reader.ts';
import { renderComparisonReport } from './comparison-report.ts';
import { renderExperimentReport } from './experiment-report.ts';
import { printPdf, type PdfOptions } from './pdf-report.ts';
import { loadReportTimeline } from './report-timeline.ts';
import { renderRunReport, type ReportOptions } from './run-report.ts';

/** Where reports read from (the same shape as the export dispatch's ExportSources). */
export interface ReportSources {
  runs: RunReader;
  experiments: ExperimentReader;
}

/** A report that cannot be made (missing run or experiment, runs that cannot be compared); one-line message. */
export class ReportError extends Error {
  override name = 'ReportError';
}

function runOutput(reader: RunReader, runId: number): RunOutputView {
  const output = reader.readOutput(runId);
  return {
    chunks: output.chunks.map((chunk) => ({ stream: chunk.stream, timeNs: chunk.timeNs, text: chunk.text })),
    truncated: output.truncated,
  };
}

/** The HTML report of `target`; throws ReportError when it does not exist. */
export function renderTargetHtml(sources: ReportSources, target: ExportTarget, options: ReportOptions = {}): string {
  if (target.kind === 'run') {
    const summary = loadRunSummary(sources.runs, target.runId);
    if (!summary) throw new ReportError(`no run ${target.runId}`);
    return renderRunReport(summary, loadReportTimeline(sources.runs, target.runId), {
      ...options,
      output: runOutput(sources.runs, target.runId),
    });
  }
  if (target.kind === 'compare') {
    const view = loadComparisonOr(sources.runs, target.runIds, (message) => new ReportError(message));
    const timelines = target.runIds.map((runId) => loadReportTimeline(sources.runs, runId));
    return renderComparisonReport(view, timelines, options);
  }
  const view = experimentView(sources.runs, sources.experiments, target.experimentId);
  if (!view) throw new ReportError(`no experiment ${target.experimentId}`);
  return renderExperimentReport(view, options);
}

/** The PDF report of `target` as bytes, printed with headless Chromium; throws ReportError or PdfReportError. */
export async function renderTargetPdf(
  sources: ReportSources,
  target: ExportTarget,
  options: ReportOptions & PdfOptions = {},
): Promise<Uint8Array> {
  return printPdf(renderTargetHtml(sources, target, options), options);
}
