// Renders a run, a comparison or an experiment in one export format: the single dispatch the CLI
// (`gilscope export`) and the app (`exports:save`) share. html and pdf are the report module's
// (main/engine/report); PDF needs a Chromium (see pdf-report.ts).
import { loadRunSummary } from '../analysis/run-summary.ts';
import { ComparisonError, loadComparisonOr } from '../compare/load-comparison.ts';
import { loadWholeTimeline } from '../analysis/load-timeline.ts';
import type { ExperimentReader } from '../experiment/experiment-store.ts';
import { experimentView } from '../experiment/experiment-view.ts';
import type { RunReader } from '../store/run-reader.ts';
import { PdfReportError } from '../report/pdf-report.ts';
import { ReportError, renderTargetHtml, renderTargetPdf } from '../report/report-export.ts';
import type { ExportTarget } from '../../shared/compare-types.ts';
import { EXPORT_MIME_TYPES, exportFileName, type ExportFormat } from '../../shared/export-formats.ts';
import { comparisonCsv } from './comparison-csv.ts';
import { experimentCsv } from './experiment-csv.ts';
import { exportRun } from './export-run.ts';
import { toJsonExport } from './json-export.ts';
import { runThreadsCsv, runTimelineCsv } from './run-csv.ts';

/** Bins of a run's timeline in JSON and timeline CSV exports unless asked otherwise. */
export const DEFAULT_EXPORT_BINS = 200;

/** An export that cannot be made; the message names the target or format. */
export class ExportError extends Error {
  override name = 'ExportError';
}

/** A finished export: what to name the file, its type, and its content. */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  content: string | Uint8Array;
}

/** Where exports read from. */
export interface ExportSources {
  runs: RunReader;
  experiments: ExperimentReader;
}

/** Options: `timeline` = CSV of a run's binned timeline instead of its thread table; `bins` for it and JSON. */
export interface ExportOptions {
  timeline?: boolean;
  bins?: number;
  /** Renderers for html/pdf; default: the report module's. */
  html?: (sources: ExportSources, target: ExportTarget) => string;
  pdf?: (sources: ExportSources, target: ExportTarget) => Promise<Uint8Array>;
}

// Renders `target` as `format`; throws ExportError (missing run/experiment, format not applicable).
export async function exportTarget(
  sources: ExportSources,
  target: ExportTarget,
  format: ExportFormat,
  options: ExportOptions = {},
): Promise<ExportedFile> {
  const file = (content: string | Uint8Array): ExportedFile => ({
    fileName: exportFileName(target, format, options),
    mimeType: EXPORT_MIME_TYPES[format],
    content,
  });
  if (format === 'html' || format === 'pdf') {
    try {
      return file(
        format === 'html'
          ? (options.html ?? renderTargetHtml)(sources, target)
          : await (options.pdf ?? renderTargetPdf)(sources, target),
      );
    } catch (error) {
      if (error instanceof ReportError || error instanceof PdfReportError || error instanceof ComparisonError)
        throw new ExportError(error.message);
      throw error;
    }
  }
  if (format === 'speedscope' || format === 'collapsed' || format === 'trace') {
    if (target.kind !== 'run')
      throw new ExportError(
        `format ${format} applies to a single run, not to a ${target.kind === 'compare' ? 'comparison' : 'experiment'}`,
      );
    const text = exportRun(sources.runs, target.runId, format);
    if (text === null) throw new ExportError(`no run ${target.runId}`);
    return file(text);
  }
  if (target.kind === 'run') {
    const summary = loadRunSummary(sources.runs, target.runId);
    if (!summary) throw new ExportError(`no run ${target.runId}`);
    const bins = options.bins ?? DEFAULT_EXPORT_BINS;
    if (format === 'json')
      return file(
        toJsonExport({ kind: 'run', run: summary, timeline: loadWholeTimeline(sources.runs, target.runId, bins) }),
      );
    if (!options.timeline) return file(runThreadsCsv(summary));
    const timeline = loadWholeTimeline(sources.runs, target.runId, bins);
    if (!timeline) throw new ExportError(`no run ${target.runId}`);
    return file(runTimelineCsv(target.runId, timeline));
  }
  if (target.kind === 'compare') {
    const comparison = loadComparisonOr(sources.runs, target.runIds, (message) => new ExportError(message));
    return file(format === 'json' ? toJsonExport({ kind: 'comparison', comparison }) : comparisonCsv(comparison));
  }
  const experiment = experimentView(sources.runs, sources.experiments, target.experimentId);
  if (!experiment) throw new ExportError(`no experiment ${target.experimentId}`);
  return file(format === 'json' ? toJsonExport({ kind: 'experiment', experiment }) : experimentCsv(experiment));
}
