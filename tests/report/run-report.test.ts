// The HTML and PDF report of a real run whose thread names, script path, argument and output are
// hostile HTML: opened in real Chromium nothing runs or loads, the names read as text, the PDF prints.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRunReport } from '../../main/engine/report/run-report.ts';
import { loadReportTimeline } from '../../main/engine/report/report-timeline.ts';
import { writePdfReport } from '../../main/engine/report/pdf-report.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import type { BinnedTimeline, RunOutputView } from '../../main/shared/run-views.ts';
import type { ProfiledFixture } from '../support/profile-fixture.ts';
import { ARTIFACT_DIR, closeBrowser, openReport, screenshot } from './chromium-page.ts';
import { HOSTILE_ARG, HOSTILE_NAMES, HOSTILE_OUTPUT, profileHostileRun } from './hostile-run.ts';
import { pdfPageInk } from './pdf-pixels.ts';

let run: ProfiledFixture;
let timeline: BinnedTimeline | null;
let output: RunOutputView;
let report: string;

beforeAll(async () => {
  run = await profileHostileRun();
  const store = openRunStore(run.dbFile, { readonly: true });
  try {
    const reader = createRunReader(store);
    timeline = loadReportTimeline(reader, run.summary.runId);
    output = {
      chunks: reader
        .readOutput(run.summary.runId)
        .chunks.map((c) => ({ stream: c.stream, timeNs: c.timeNs, text: c.text })),
      truncated: false,
    };
  } finally {
    store.close();
  }
  report = renderRunReport(run.summary, timeline, {
    output,
    version: '9.9.9-test',
    generatedAt: new Date('2025-01-02T03:04:05Z'),
  });
});

afterAll(async () => {
  await closeBrowser();
});

describe('run report of a hostile run', () => {
  it('profiled the hostile names and path (the test is meaningful)', () => {
    const names = run.summary.threads.map((thread) => thread.name);
    for (const name of HOSTILE_NAMES) expect(names).toContain(name);
    expect(run.summary.script).toContain('<b>');
    expect(run.summary.script).toContain(' ');
    expect(run.summary.args).toEqual([HOSTILE_ARG]);
    expect(timeline?.threads.length).toBeGreaterThanOrEqual(4);
  });

  it('is self-contained: a strict CSP and no URL of any kind', () => {
    expect(report).toMatch(/^<!DOCTYPE html>/);
    expect(report).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`,
    );
    expect(report).not.toMatch(/https?:\/\//i);
    expect(report).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
    expect(report).toContain('9.9.9-test');
  });

  it('escapes every hostile string in the markup', () => {
    for (const name of HOSTILE_NAMES) expect(report).not.toContain(name);
    expect(report).not.toContain(HOSTILE_OUTPUT);
    expect(report).not.toContain('<b>');
    expect(report).not.toContain('<svg onload');
    expect(report).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(report).toContain('&quot;quoted&quot; &amp; &#39;apostrophe&#39;');
  });

  it('opens in Chromium without running anything, and shows the hostile strings as text', async () => {
    const opened = await openReport(report, 'run-report');
    const { page } = opened;
    expect(opened.dialogs).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
    expect(await page.locator('script, img, iframe, b').count()).toBe(0);
    for (const name of HOSTILE_NAMES) {
      const cells = page.getByRole('cell', { name, exact: true });
      expect(await cells.count(), name).toBeGreaterThanOrEqual(1);
      await expect.poll(() => cells.first().isVisible()).toBe(true);
      expect(await page.getByText(name, { exact: true }).count()).toBeGreaterThanOrEqual(1);
    }
    expect(await page.getByText(run.summary.script).count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByText(HOSTILE_OUTPUT).count()).toBe(1);
    // The verdict opens the report, as text.
    await expect
      .poll(() => page.locator(`.verdict[data-kind="${run.summary.verdict.kind}"] strong`).textContent())
      .toBe(run.summary.verdict.headline);
    // The charts were drawn: state bands for every thread, GIL lane, stacked bars.
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('svg g.thread').count()).toBe(timeline!.threads.length);
    const shot = await screenshot(opened, 'run-report');
    expect(shot.bytes).toBeGreaterThan(20_000);
    await page.context().close();
  });

  it('a missed escape still could not run script (the CSP blocks it)', async () => {
    const broken = report.replace(
      '<main>',
      '<main><script>alert("csp")</script><img src=x onerror="alert(\'csp\')"><div onclick="x">',
    );
    const opened = await openReport(broken, 'run-report-csp');
    expect(opened.dialogs).toEqual([]);
    expect(opened.pageErrors).toEqual([]);
    expect(opened.requests.filter((url) => !url.endsWith('/x'))).toEqual([]);
    await opened.page.context().close();
  });

  it('prints to a PDF whose first page is not blank', async () => {
    const pdf = path.join(ARTIFACT_DIR, 'run-report.pdf');
    fs.rmSync(pdf, { force: true });
    await writePdfReport(report, pdf);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const page = await pdfPageInk(pdf);
    expect(page.width).toBeGreaterThan(page.height * 0.6); // A4 portrait at 40 dpi ≈ 331 × 468
    expect(page.ink).toBeGreaterThan(0.02);
  });
});
