// Experiment report from a hand-built view with hostile labels, paths and error text: escaped,
// charts drawn (speedup bars with the baseline line, wall-time spread), opens safely, prints.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderExperimentReport } from '../../main/engine/report/experiment-report.ts';
import { writePdfReport } from '../../main/engine/report/pdf-report.ts';
import { ARTIFACT_DIR, closeBrowser } from './chromium-page.ts';
import { pdfPageInk } from './pdf-pixels.ts';
import { expectOpensSafely, expectSelfContained, expectVisibleText } from './report-checks.ts';
import { HOSTILE_INTERPRETER, HOSTILE_SCRIPT, sampleExperiment } from './sample-views.ts';

afterAll(async () => {
  await closeBrowser();
});

describe('experiment report', () => {
  const view = sampleExperiment();
  const html = renderExperimentReport(view, { version: '0.0.0-test' });

  it('is self-contained and escapes every label, path and message', () => {
    expectSelfContained(html);
    for (const config of view.configs) expect(html).not.toContain(config.label);
    expect(html).not.toContain(HOSTILE_INTERPRETER);
    expect(html).not.toContain(HOSTILE_SCRIPT);
    expect(html).not.toContain(view.error!);
    expect(html).toContain('threads&lt;&amp;&gt;');
  });

  it('draws a bar per configuration and marks the baseline', async () => {
    const opened = await expectOpensSafely(html, 'experiment-sample');
    const { page } = opened;
    // Speedup chart: one label per configuration (truncated labels keep the full text in <title>).
    expect(await page.locator('#speedup svg rect').count()).toBe(view.configs.length - 1);
    expect(await page.locator('#speedup svg').getByText('no data', { exact: true }).count()).toBe(1);
    expect(await page.locator('#results tbody tr').count()).toBe(view.configs.length);
    expect(await page.locator('#results tr.baseline').count()).toBe(1);
    await expectVisibleText(opened, view.error!);
    expect(await page.getByText(view.configs[1]!.label).count()).toBeGreaterThanOrEqual(1);
    await page.context().close();
  });

  it('prints to PDF', async () => {
    const file = path.join(ARTIFACT_DIR, 'experiment-sample.pdf');
    await writePdfReport(html, file);
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await pdfPageInk(file)).ink).toBeGreaterThan(0.02);
  });
});
