// An experiment answers in one sentence with its uncertainty: GIL build 3.12 vs 3.13t GIL on/off, ×2;
// the default baseline is the GIL build, the bars carry min–max whiskers, and an ETA shows while it runs.
import { expect, test } from '@playwright/test';
import { openApp } from './support/app-page.ts';
import { fillCpuThreadsExperiment } from './support/experiment-form.ts';
import { PYTHONS, shot } from './support/e2e-env.ts';

test('experiment: GIL-build baseline, ETA, min–max bars and a one-sentence conclusion', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await fillCpuThreadsExperiment(page, '0.4', [PYTHONS.gil312, PYTHONS.freeThreaded], 2);
  await expect(page.getByTestId('experiment-run-count')).toContainText('6 runs');
  await page.getByTestId('experiment-start').click();

  // While it runs: once a run finished, an estimate of the time left.
  await expect(page.getByTestId('experiment-eta')).toContainText(/about .+ left/, { timeout: 40_000 });
  await shot(page, '70-experiment-eta');

  const detail = page.getByTestId('experiment-detail');
  await expect(detail).toHaveAttribute('data-status', 'completed', { timeout: 90_000 });
  // The default baseline is the GIL build (3.12), not the first free-threaded configuration.
  const baseline = page.getByTestId('experiment-baseline');
  await expect(baseline.locator('option:checked')).toContainText('3.12');
  const conclusion = page.getByTestId('experiment-conclusion');
  await expect(conclusion).toContainText(/3\.12/);
  await expect(conclusion).toContainText(/\d\.\d\d×–\d\.\d\d× over 2 runs each/);
  const canvas = page.getByTestId('speedup-chart').locator('canvas');
  await expect(canvas).toHaveAttribute('data-range-bars', '3');
  await page.getByTestId('speedup-chart').scrollIntoViewIfNeeded();
  await shot(page, '71-experiment-conclusion');
});
