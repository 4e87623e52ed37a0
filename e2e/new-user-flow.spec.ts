// The new-user flow against the real backend and real Python: profile a 3-thread script and watch it
// live, open its detail; stop a never-ending script (button, then Ctrl+.); find all runs in the library.
import fs from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { expectDetailDrawn, expectEndedDetail, fillNewRun, liveRunId, openApp } from './support/app-page.ts';
import { fixtureScripts, PYTHONS, shot } from './support/e2e-env.ts';

/** Lane height for `threads` lanes (renderer/src/canvas/draw-live-lanes.ts: 16 + 14 + 8 per lane, 20 axis). */
const lanesHeight = (threads: number): number => threads * 38 + 20;

const runs: { completed?: number; stoppedByButton?: number; stoppedByKey?: number } = {};

function canvasPixels(canvas: Locator): Promise<string> {
  return canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
}

test.describe.serial('new-user flow', () => {
  test('profiles a 3-thread script, watches it live, opens the run detail', async ({ page }) => {
    const scripts = fixtureScripts();
    await openApp(page);
    await fillNewRun(page, scripts.threeThreads, PYTHONS.gil312);
    await expect(page.getByTestId('gil-mode-unavailable')).toBeVisible();
    await shot(page, '01-new-run-filled');
    await page.getByTestId('profile-button').click();

    const runId = await liveRunId(page);
    runs.completed = runId;
    const lanes = page.getByTestId('live-lanes').locator('canvas');
    await expect(lanes).toBeVisible();
    // While it runs: the output arrives, the lanes grow to the 3 workers and repaint, the clock moves.
    await expect(page.getByTestId('output-pane')).toContainText('e2e: starting 3 workers');
    await expect
      .poll(() => lanes.evaluate((c: HTMLCanvasElement) => parseFloat(c.style.height)))
      .toBeGreaterThanOrEqual(lanesHeight(3));
    await shot(page, '02-live-running');
    const before = await canvasPixels(lanes);
    const elapsedBefore = await page.getByTestId('live-elapsed').textContent();
    await expect.poll(() => canvasPixels(lanes), { timeout: 3_000, intervals: [200] }).not.toBe(before);
    await expect(page.getByTestId('live-elapsed')).not.toHaveText(elapsedBefore ?? '');
    // The header's figures are the whole run's so far, named as such.
    await expect(page.getByTestId('live-gil-text')).toContainText(/whole run: GIL held \d+% · contention \d+% · CPU/);
    // All of the above happened while recording (the workers run 15 s).
    await expect(page.getByTestId('stop-button')).toBeVisible({ timeout: 1 });
    await expect(page.getByTestId('live-ended')).toHaveCount(0, { timeout: 1 });

    // It ended: the detail opened by itself, saying so, and Live still shows the end of the run.
    await expectEndedDetail(page, runId, 'completed');
    await expectDetailDrawn(page, runId, '04-run-detail');
    await expect(page.getByTestId('run-output')).toContainText('e2e: all workers done');
    await page.getByTestId('show-live').click();
    await expect(page.getByTestId('live-ended')).toContainText('completed');
    await expect(page.getByTestId('stop-button')).toHaveCount(0);
    await shot(page, '03-live-ended');
    await page.getByTestId('open-run-detail').click();
    await expect(page.getByTestId('run-detail').locator('#detail-title')).toContainText(`Run #${runId}`);
    await expect(page.getByTestId('thread-row')).toHaveCount(4); // main + 3 workers
    await expect(page.getByTestId('thread-table')).toContainText('cruncher-0');
    await expect(page.getByTestId('card-exit')).toContainText('exit code 0');

    // The trace export (for Firefox Profiler) downloads and carries every worker's samples.
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('export-trace').click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/\.trace\.json$/);
    const trace = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as {
      traceEvents: Array<{ name: string; args?: { name?: string } }>;
    };
    const named = trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args?.name);
    expect(named).toEqual(expect.arrayContaining(['cruncher-0', 'cruncher-1', 'cruncher-2']));
    expect(trace.traceEvents.filter((e) => e.name === 'ProfileChunk')).toHaveLength(named.length);

    // The verdict answers the question (3 crunchers under one GIL) and leads to the experiment that measures it.
    // (On a busy machine woken waiters queue for a CPU, and the GIL may read as a cost rather than the limit.)
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-kind', /^(partly-)?gil-bound$/);
    await expect(page.getByTestId('verdict-headline')).toContainText(/The GIL (holds this run back|costs this run)/);
    await page.getByTestId('verdict-measure').click();
    await expect(page.getByTestId('experiment-form')).toBeVisible();
    await expect(page.getByTestId('experiment-form').getByTestId('script-path-input')).toHaveValue(
      scripts.threeThreads,
    );
    // Proposed: the run's GIL build next to the free-threaded build, which runs with the GIL on and off.
    const picked = (python: string) =>
      page.locator(`[data-testid="experiment-interpreter"][data-path="${python}"] input`);
    await expect(picked(PYTHONS.gil312)).toBeChecked();
    await expect(picked(PYTHONS.freeThreaded)).toBeChecked();
    await expect(page.getByTestId('experiment-gil-on')).toBeChecked();
    await expect(page.getByTestId('experiment-gil-off')).toBeChecked();
  });

  test('stops a never-ending script with the Stop button', async ({ page }) => {
    await openApp(page);
    await fillNewRun(page, fixtureScripts().forever, PYTHONS.gil312);
    await page.getByTestId('profile-button').click();
    runs.stoppedByButton = await liveRunId(page);
    await expect(page.getByTestId('output-pane')).toContainText('e2e: still running 1');
    await page.getByTestId('stop-button').click();
    await expectEndedDetail(page, runs.stoppedByButton, 'stopped');
    await shot(page, '05-stopped-by-button');
  });

  test('stops a never-ending script with Ctrl+.', async ({ page }) => {
    await openApp(page);
    await fillNewRun(page, fixtureScripts().forever, PYTHONS.gil312);
    await page.keyboard.press('Control+Enter'); // the Profile shortcut
    runs.stoppedByKey = await liveRunId(page);
    await expect(page.getByTestId('output-pane')).toContainText('e2e: still running 1');
    await page.keyboard.press('Control+.');
    await expectEndedDetail(page, runs.stoppedByKey, 'stopped');
  });

  test('lists every run in the library and reopens a detail view from it', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('nav-runs').click();
    await expect(page.getByTestId('runs-table')).toBeVisible();
    const row = (id: number | undefined) => page.locator(`[data-testid="runs-row"][data-run-id="${id}"]`);
    await expect(row(runs.completed)).toContainText('completed');
    await expect(row(runs.completed)).toContainText('three_threads.py');
    await expect(row(runs.stoppedByButton)).toContainText('stopped');
    await expect(row(runs.stoppedByKey)).toContainText('stopped');
    await expect(row(runs.stoppedByKey)).toContainText('forever.py');
    await shot(page, '06-library');

    await row(runs.completed).click();
    await expectDetailDrawn(page, runs.completed!, '07-detail-from-library');
    await page.getByTestId('nav-runs').click();
    await row(runs.stoppedByButton).click();
    await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-drawn', 'true', { timeout: 15_000 });
    await expect(page.getByTestId('card-exit')).toBeVisible();
    // Hovering the timeline describes the bin under the pointer: the GIL row (axis 20 px, row 36 px
    // tall), then the first thread's lanes below it (6 px gap); the plot starts after a 150 px gutter.
    const timeline = page.getByTestId('timeline-canvas');
    const tooltip = page.getByTestId('timeline-tooltip');
    // A bin that was sampled: on a busy machine some bins are missed ticks, which the tooltip says instead.
    const width = (await timeline.boundingBox())!.width;
    let x = 0;
    for (const share of [0.3, 0.45, 0.6, 0.75, 0.9]) {
      x = Math.round(150 + share * (width - 150));
      await timeline.hover({ position: { x, y: 36 } });
      await expect(tooltip).toBeVisible();
      if (!(await tooltip.textContent())?.startsWith('Missed ticks')) break;
    }
    await expect(tooltip).toContainText('GIL ·');
    await expect(tooltip).toContainText(/held [<\d.]+%/);
    await timeline.hover({ position: { x, y: 20 + 36 + 6 + 20 } });
    await expect(tooltip).toContainText(/CPU [<\d.]+% of a core over the bin/);
    await expect(tooltip).toContainText(/State at its one sample:|States over \d+ samples:/);
    await expect(tooltip).not.toContainText(/\b1 samples\b/);
    await shot(page, '08-detail-stopped-run');
    await timeline.hover({ position: { x: 60, y: 36 } }); // over the thread names: no tooltip
    await expect(tooltip).toHaveCount(0);
  });
});
