// From live to detail: the live GIL chart has one legend (the panel's), the header gives whole-run
// figures, the detail opens by itself when the run ends, missed ticks are drawn and explained as such,
// and the HTML report names the states as the app does.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectDetailDrawn, expectEndedDetail, fillNewRun, liveRunId, openApp } from './support/app-page.ts';
import { fixtureScripts, PYTHONS, shot } from './support/e2e-env.ts';

test('live run → detail: one legend, whole-run header, detail opens, missed ticks explained, same state names', async ({
  page,
}) => {
  await openApp(page);
  await fillNewRun(page, fixtureScripts().threeThreads, PYTHONS.gil312); // 15 s: time to look while it records
  await page.getByTestId('profile-button').click();
  const runId = await liveRunId(page);

  // While recording: the GIL chart reserves no room for a legend of its own; the panel's legend is the only one.
  const chart = page.getByTestId('live-gil-chart').locator('canvas');
  await expect(chart).toHaveAttribute('data-legend-height', '0', { timeout: 5_000 });
  const gilPanel = page.locator('.panel', { has: page.getByTestId('live-gil-chart') });
  await expect(gilPanel.locator('.legend li', { hasText: 'GIL held' })).toHaveCount(1);
  await expect(page.getByTestId('live-gil-text')).toContainText(/whole run: GIL held \d+% · contention \d+%/);
  await shot(page, '40-live-one-legend');

  // Ended: the detail is open without a click.
  await expectEndedDetail(page, runId, 'completed');
  await expectDetailDrawn(page, runId);
  await expect(page.getByTestId('card-wall')).not.toContainText(/\b1 ticks\b/);
  const timeline = page.getByTestId('timeline-canvas');
  const missed = Number(await timeline.getAttribute('data-missed-bins'));
  const legend = page.locator('.panel', { has: timeline }).locator('.legend');
  if (missed > 0) await expect(legend).toContainText('Missed ticks (machine busy)');
  else await expect(legend).not.toContainText('Missed ticks');
  await timeline.scrollIntoViewIfNeeded();
  await shot(page, '41-detail-opened-by-itself');

  // The HTML report uses the app's state names.
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-html').click();
  const html = fs.readFileSync(await (await downloadPromise).path(), 'utf8');
  expect(html).toContain('Lock wait');
  expect(html).not.toContain('Lock / I/O wait');
});
