// The export formats' MIME types and file extensions: one table for the engine (file names and types of
// exports) and the renderer (browser downloads). Plain data, no Node or DOM.
import type { ExportFormat } from './compare-types.ts';

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
