// The export formats' MIME types and file extensions: one table for the engine (file names and types of
// exports) and the renderer (browser downloads). Plain data, no Node or DOM.
import type { ExportTarget } from './compare-types.ts';

/** Formats a run, a comparison or an experiment can be exported to, in the order help texts list them. */
export const EXPORT_FORMATS = ['html', 'pdf', 'json', 'csv', 'speedscope', 'collapsed', 'trace'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

// The MIME type each format is served and downloaded as.
export const EXPORT_MIME_TYPES: Readonly<Record<ExportFormat, string>> = {
  html: 'text/html',
  pdf: 'application/pdf',
  json: 'application/json',
  csv: 'text/csv',
  speedscope: 'application/json',
  collapsed: 'text/plain',
  trace: 'application/json',
};

// The extension each format is saved with, with its leading dot.
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  html: '.html',
  pdf: '.pdf',
  json: '.json',
  csv: '.csv',
  speedscope: '.speedscope.json',
  collapsed: '.collapsed.txt',
  trace: '.trace.json',
};

/** "gilscope-run-12", "gilscope-compare-3-4", "gilscope-experiment-2" (+ "-timeline" for a timeline CSV). */
export function exportBaseName(target: ExportTarget, options: { timeline?: boolean } = {}): string {
  if (target.kind === 'run') return `gilscope-run-${target.runId}${options.timeline ? '-timeline' : ''}`;
  if (target.kind === 'compare') return `gilscope-compare-${target.runIds.join('-')}`;
  return `gilscope-experiment-${target.experimentId}`;
}

/** The file name an export of `target` as `format` is offered under. */
export function exportFileName(
  target: ExportTarget,
  format: ExportFormat,
  options: { timeline?: boolean } = {},
): string {
  return `${exportBaseName(target, options)}${EXPORT_EXTENSIONS[format]}`;
}
