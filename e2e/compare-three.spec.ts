// Compare of three runs: the picker offers only runs that measured the script's work (no failed run),
// says "Compare 3 runs", and the function diff has a column per run with each run's change against A.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectEndedDetail, fillNewRun, liveRunId, openApp, recordRun } from './support/app-page.ts';
import { E2E_ENV, fixtureScripts, PYTHONS, shot } from './support/e2e-env.ts';

test('three runs: picker without failed runs, function diff over A, B and C', async ({ page }) => {
  test.setTimeout(120_000);
  const script = fixtureScripts().cpuThreads;
  await openApp(page);
  const a = await recordRun(page, script, PYTHONS.gil312, { args: '1' });
  const b = await recordRun(page, script, PYTHONS.freeThreaded, { gilMode: 'on', args: '1' });
  const c = await recordRun(page, script, PYTHONS.freeThreaded, { gilMode: 'off', args: '1' });
  const crash = path.join(process.env[E2E_ENV.dir] ?? '', 'crash_now.py');
  fs.writeFileSync(crash, 'raise SystemExit("crash at start")\n');
  await fillNewRun(page, crash, PYTHONS.gil312);
  await page.getByTestId('profile-button').click();
  const failed = await liveRunId(page);
  await expectEndedDetail(page, failed, 'failed');

  // From A's detail: Compare with… lists B and C, never the failed run.
  await page.getByTestId('nav-runs').click();
  await page.locator(`[data-testid="runs-row"][data-run-id="${a}"]`).click();
  await page.getByTestId('compare-with').click();
  const picker = page.getByTestId('compare-picker');
  await expect(picker.locator(`[data-run-id="${b}"]`)).toBeVisible();
  await expect(picker.locator(`[data-run-id="${failed}"]`)).toHaveCount(0);
  await expect(page.getByTestId('compare-picker-ok')).toContainText(/Compare 1 run\b/);
  await picker.locator(`[data-run-id="${b}"] input`).check();
  await picker.locator(`[data-run-id="${c}"] input`).check();
  await expect(page.getByTestId('compare-picker-ok')).toContainText('Compare 3 runs');
  await shot(page, '60-compare-picker');
  await page.getByTestId('compare-picker-ok').click();

  const diff = page.getByTestId('function-diff');
  await expect(diff.locator('h3')).toContainText('Functions: A, B, C');
  const head = diff.locator('thead');
  for (const text of ['Self A', 'Self B · Δ vs A', 'Self C · Δ vs A', 'Total A', 'Total B', 'Total C'])
    await expect(head).toContainText(text);
  // burn_cpu's row: function, self A, self B, Δ B, self C, Δ C, total A, total B, total C.
  const burn = diff.locator('[data-testid="function-diff-row"]', { hasText: 'burn_cpu' }).first();
  await expect(burn.locator('td')).toHaveCount(9);
  await expect(burn.locator('td').nth(3)).toContainText(/pp$/);
  await expect(burn.locator('td').nth(5)).toContainText(/pp$/);
  await diff.scrollIntoViewIfNeeded();
  await shot(page, '61-compare-three-function-diff');
});
