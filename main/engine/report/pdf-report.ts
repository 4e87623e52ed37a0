// Prints a report's HTML to PDF with a headless Chromium (no shell: execa with an args array). The
// HTML does not depend on the printer, so Electron can print the same string with printToPDF.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { CHROMIUM_SEARCH_TEXT, findChromium } from './find-chromium.ts';

/** How to print. */
export interface PdfOptions {
  /** The browser to use (default: findChromium()). */
  chromium?: string;
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
}

/** A PDF could not be written; the message is one line, fit for the CLI and the UI. */
export class PdfReportError extends Error {
  override name = 'PdfReportError';
}

/** Writes `html` as a PDF to `outFile` (A4, the report's own print styles, no browser header/footer). */
export async function writePdfReport(html: string, outFile: string, options: PdfOptions = {}): Promise<void> {
  const pdf = await printPdf(html, options);
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  fs.writeFileSync(outFile, pdf);
}

/** `html` printed as a PDF, as bytes (for downloads and export dispatch). */
export async function printPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  let chromium: string | null;
  try {
    chromium = options.chromium ?? findChromium();
  } catch (error) {
    throw new PdfReportError(`Cannot write a PDF: ${(error as Error).message}`);
  }
  if (!chromium) throw new PdfReportError(`Cannot write a PDF: no Chromium or Chrome found (${CHROMIUM_SEARCH_TEXT})`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-pdf-'));
  try {
    const htmlFile = path.join(work, 'report.html');
    const pdfFile = path.join(work, 'report.pdf');
    fs.writeFileSync(htmlFile, html);
    const result = await execa(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        '--no-first-run',
        '--no-default-browser-check',
        `--user-data-dir=${path.join(work, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${pdfFile}`,
        pathToFileURL(htmlFile).href,
      ],
      { reject: false, stdin: 'ignore', timeout: options.timeoutMs ?? 60_000, cleanup: true, all: true },
    );
    if (!isPdf(pdfFile)) {
      const reason = result.timedOut ? 'timed out' : `exited with ${result.exitCode ?? result.signal ?? 'an error'}`;
      const detail = lastLine(result.all);
      throw new PdfReportError(
        `Cannot write a PDF: ${chromium} ${reason} without printing${detail ? ` (${detail})` : ''}`,
      );
    }
    return new Uint8Array(fs.readFileSync(pdfFile));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function isPdf(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(5);
      fs.readSync(fd, head, 0, 5, 0);
      return head.toString('latin1') === '%PDF-';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

function lastLine(text: unknown): string {
  if (typeof text !== 'string') return '';
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return (lines[lines.length - 1] ?? '').slice(0, 200);
}
