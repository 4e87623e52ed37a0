// Every view has a URL: opening a run writes #/run/N, reload stays there, Back and Forward walk the views,
// and a compare URL opened in a new tab shows that comparison.
import { expect, test } from '@playwright/test';
import { openApp, recordRun } from './support/app-page.ts';
import { fixtureScripts, PYTHONS, shot } from './support/e2e-env.ts';

test('views have URLs: reload, Back/Forward and a new tab keep the place', async ({ page, context }) => {
  test.setTimeout(90_000);
  await openApp(page);
  const a = await recordRun(page, fixtureScripts().cpuThreads, PYTHONS.gil312, { args: '0.5' });
  const b = await recordRun(page, fixtureScripts().cpuThreads, PYTHONS.gil312, { args: '0.5' });
  await expect(page).toHaveURL(new RegExp(`#/run/${b}$`));

  await page.getByTestId('nav-runs').click();
  await expect(page).toHaveURL(/#\/runs$/);
  await page.locator(`[data-testid="runs-row"][data-run-id="${a}"]`).click();
  await expect(page).toHaveURL(new RegExp(`#/run/${a}$`));

  // Reload: still run A's detail.
  await page.reload();
  await expect(page.getByTestId('run-detail').locator('#detail-title')).toContainText(`Run #${a}`);

  // Back to the library, Forward to the run again.
  await page.goBack();
  await expect(page.getByTestId('runs-table')).toBeVisible();
  await page.goForward();
  await expect(page.getByTestId('run-detail').locator('#detail-title')).toContainText(`Run #${a}`);

  // A comparison's URL in a new tab (same browser, so the session cookie goes with it).
  const tab = await context.newPage();
  await tab.goto(`${new URL(page.url()).origin}/#/compare/${a},${b}`);
  await expect(tab.getByTestId('compare-view').locator('#compare-title')).toContainText(`#${a} · #${b}`);
  await shot(tab, '80-compare-from-url');
  await tab.close();
});
