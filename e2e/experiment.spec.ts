// Experiments against real interpreters: a 3.12 × 3.13t (GIL on/off) × 3 experiment is started from the
// form, its progress bar advances, Cancel stops it with the finished runs kept (and openable); a tiny
// 1-repetition experiment then runs to the end and draws its results table and speedup chart.
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './support/app-page.ts';
import { fillCpuThreadsExperiment } from './support/experiment-form.ts';
import { PYTHONS, shot } from './support/e2e-env.ts';

/** Seconds each fixture run burns CPU (3 threads); short, so a run takes about a second with start-up. */
const RUN_SECONDS = '0.6';

/** Opens Experiments → New experiment with the fixture, exactly `pythons` and `repeat` repetitions. */
const fillExperiment = (page: Page, pythons: string[], repeat: number) =>
  fillCpuThreadsExperiment(page, RUN_SECONDS, pythons, repeat);

/** The experiment's `data-done` count. */
async function doneCount(page: Page): Promise<number> {
  return Number((await page.getByTestId('experiment-progress').getAttribute('data-done')) ?? -1);
}

test.describe.serial('experiments', () => {
  test('a 3.12 × 3.13t (GIL on/off) × 3 experiment advances, is cancelled and keeps its finished runs', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await openApp(page);
    await fillExperiment(page, [PYTHONS.gil312, PYTHONS.freeThreaded], 3);
    // GIL on and off are offered (and proposed) for the free-threaded build.
    await expect(page.getByTestId('experiment-gil-modes')).toBeVisible();
    await expect(page.getByTestId('experiment-gil-on')).toBeChecked();
    await expect(page.getByTestId('experiment-gil-off')).toBeChecked();
    await expect(page.getByTestId('experiment-gil-default')).not.toBeChecked();
    await expect(page.getByTestId('experiment-run-count')).toContainText('9 runs'); // 3.12 ×3 + 3.13t on/off ×3
    await shot(page, '30-experiment-form');
    await page.getByTestId('experiment-start').click();

    const detail = page.getByTestId('experiment-detail');
    await expect(detail).toHaveAttribute('data-status', 'running', { timeout: 10_000 });
    const progress = page.getByTestId('experiment-progress');
    await expect(progress).toHaveAttribute('data-total', '9');
    const firstSeen = await doneCount(page);
    // The bar advances: at least one more run finishes while we watch (and at least one in all).
    await expect
      .poll(() => doneCount(page), { timeout: 20_000, intervals: [200] })
      .toBeGreaterThan(Math.max(firstSeen, 0));
    // Count, bar and text read in one go: runs keep finishing (about one a second), and a count read
    // before a re-render would never match the text after it.
    const { done, barWidth, current } = await progress.evaluate((panel) => ({
      done: Number(panel.getAttribute('data-done') ?? -1),
      barWidth: parseFloat((panel.querySelector('.progress > span') as HTMLElement | null)?.style.width ?? 'NaN'),
      current: panel.querySelector('[data-testid="experiment-current"]')?.textContent ?? '',
    }));
    expect(done).toBeGreaterThan(0);
    expect(barWidth).toBeGreaterThan(0);
    expect(current).toMatch(new RegExp(`^${done} done`));
    await shot(page, '31-experiment-running');

    await page.getByTestId('experiment-cancel').click();
    await expect(detail).toHaveAttribute('data-status', 'cancelled', { timeout: 20_000 });
    await expect(page.getByTestId('experiment-status')).toHaveText('cancelled');
    const cancelled = page.getByTestId('experiment-cancelled');
    await expect(cancelled).toContainText(/Cancelled after \d+ of 9 runs/);
    await expect(progress).toHaveCount(0);
    const kept = Number(/Cancelled after (\d+)/.exec((await cancelled.textContent()) ?? '')?.[1]);
    expect(kept).toBeGreaterThanOrEqual(done);
    expect(kept).toBeLessThan(9);
    // The finished runs are kept and linked (a run stopped by Cancel may be listed too, as a failure).
    const links = page.getByTestId('experiment-run-link');
    await expect(page.getByTestId('experiment-results')).toBeVisible();
    expect(await links.count()).toBeGreaterThanOrEqual(kept);
    await shot(page, '32-experiment-cancelled');

    const firstRun = Number(await links.first().getAttribute('data-run-id'));
    await links.first().click();
    await expect(page.getByTestId('run-detail').locator('#detail-title')).toContainText(`Run #${firstRun}`);
    await expect(page.getByTestId('card-exit')).toBeVisible();
    await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-drawn', 'true', { timeout: 15_000 });
    await shot(page, '33-experiment-run-detail');

    // It stays cancelled in the experiments list.
    await page.getByTestId('nav-experiments').click();
    await expect(page.getByTestId('experiment-row').first()).toContainText('cancelled');
  });

  test('a 1-repetition experiment on 3.13t runs to the end: results table and speedup chart', async ({ page }) => {
    test.setTimeout(45_000);
    await openApp(page);
    await fillExperiment(page, [PYTHONS.freeThreaded], 1);
    await expect(page.getByTestId('experiment-run-count')).toContainText('2 runs'); // GIL on, GIL off
    await page.getByTestId('experiment-start').click();

    const detail = page.getByTestId('experiment-detail');
    await expect(detail).toHaveAttribute('data-status', 'completed', { timeout: 30_000 });
    await expect(page.getByTestId('experiment-cancel')).toHaveCount(0);
    const rows = page.getByTestId('experiment-config-row');
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId('experiment-results')).toContainText('baseline');
    await expect(page.getByTestId('experiment-run-link')).toHaveCount(2);
    for (const row of await rows.all()) {
      await expect(row.locator('td').nth(1)).toContainText(/\d/); // median wall
      await expect(row.locator('td').nth(2)).toContainText('×'); // speedup
      await expect(row.getByTestId('experiment-failures')).toHaveText('0');
    }
    const chart = page.getByTestId('speedup-chart');
    await expect(chart).toHaveAttribute('data-kind', 'bar');
    await expect(chart.locator('canvas')).toHaveAttribute('data-drawn', 'true');
    const size = await chart.locator('canvas').evaluate((c: HTMLCanvasElement) => ({ w: c.width, h: c.height }));
    expect(size.w).toBeGreaterThan(100);
    expect(size.h).toBeGreaterThan(50);
    await chart.scrollIntoViewIfNeeded();
    await shot(page, '34-experiment-completed');
  });
});
