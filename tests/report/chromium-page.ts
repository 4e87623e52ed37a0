// Opens report HTML in real Chromium (Playwright, Debian's, as the e2e runs it) and records anything
// that would mean script ran or something was fetched: dialogs, page errors, requests, console errors.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium.ts';

/** Where the tests leave screenshots and PDFs to look at. */
export const ARTIFACT_DIR = path.resolve(import.meta.dirname, '../../test-results/report');

/** What happened while a report was open. */
export interface OpenedReport {
  page: Page;
  dialogs: string[];
  pageErrors: string[];
  requests: string[];
  consoleErrors: string[];
}

let browser: Browser | null = null;

/** One browser for the whole test file. */
export async function launchBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return browser;
}

/** Closes the browser if it was launched. */
export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

/** Loads `html` into a fresh page (as a file URL, the way a user opens a saved report). */
export async function openReport(html: string, name: string): Promise<OpenedReport> {
  const context = await (await launchBrowser()).newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const opened: OpenedReport = { page, dialogs: [], pageErrors: [], requests: [], consoleErrors: [] };
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => opened.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') opened.consoleErrors.push(message.text());
  });
  fs.mkdirSync(ARTIFACT_DIR, { recursive: true });
  const file = path.join(ARTIFACT_DIR, `${name}.html`);
  fs.writeFileSync(file, html);
  const fileUrl = pathToFileURL(file).href;
  page.on('request', (request) => {
    if (request.url() !== fileUrl) opened.requests.push(request.url());
  });
  await page.goto(fileUrl, { waitUntil: 'load' });
  // Give any event handler that slipped through (onerror, onload) a chance to fire.
  await page.waitForTimeout(300);
  return opened;
}

/** A full-page screenshot saved next to the HTML; returns its path and size in bytes. */
export async function screenshot(opened: OpenedReport, name: string): Promise<{ file: string; bytes: number }> {
  const file = path.join(ARTIFACT_DIR, `${name}.png`);
  const buffer = await opened.page.screenshot({ path: file, fullPage: true });
  return { file, bytes: buffer.length };
}
