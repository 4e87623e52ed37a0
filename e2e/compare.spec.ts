// The Compare view against real runs: the same 3-thread CPU script recorded with CPython 3.12 and with the
// free-threaded 3.13t (GIL off) through the New run form, ticked in the library and compared: metrics,
// aligned and normalized lanes, the function diff, and a JSON export downloaded and parsed back.
import fs from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { openApp, recordRun } from './support/app-page.ts';
import { fixtureScripts, PYTHONS, shot } from './support/e2e-env.ts';

interface ComparisonExport {
  schemaVersion: number;
  kind: string;
  comparison: {
    runs: Array<{ runId: number }>;
    metrics: Array<{ key: string; values: Array<number | null> }>;
    functions: Array<{ function: string }>;
  };
}

function canvasPixels(canvas: Locator): Promise<string> {
  return canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
}

test('compares a GIL run with a free-threaded GIL-off run of the same script', async ({ page }) => {
  test.setTimeout(90_000);
  const script = fixtureScripts().cpuThreads;
  await openApp(page);
  const gilRun = await recordRun(page, script, PYTHONS.gil312);
  const freeRun = await recordRun(page, script, PYTHONS.freeThreaded, { gilMode: 'off' });

  // Library: tick A (the GIL run, the baseline) then B, and Compare.
  await page.getByTestId('nav-runs').click();
  const row = (id: number) => page.locator(`[data-testid="runs-row"][data-run-id="${id}"]`);
  await row(gilRun).getByTestId('run-select').check();
  await row(freeRun).getByTestId('run-select').check();
  await expect(page.getByTestId('compare-button')).toBeEnabled();
  await shot(page, '20-library-two-ticked');
  await page.getByTestId('compare-button').click();

  const view = page.getByTestId('compare-view');
  await expect(view.locator('#compare-title')).toContainText(`#${gilRun} · #${freeRun}`);
  const runsPanel = page.getByTestId('compare-runs');
  await expect(runsPanel).toContainText(`#${gilRun}`);
  await expect(runsPanel).toContainText(`#${freeRun}`);
  await expect(runsPanel).toContainText('GIL off (disabled)');
  // The comparison's verdict: B's speed against A, and the GIL's share in each.
  const verdict = page.getByTestId('compare-verdict');
  await expect(verdict).toContainText(/B (ran [\d.]+× faster than A|was slower than A|ran about as fast as A)/);
  await expect(verdict).toContainText(/Busy threads waited for the GIL: A \d+% of their time, B almost none\./);

  // Metrics: both runs' columns and the key rows.
  const metrics = page.getByTestId('compare-metrics');
  await expect(metrics.locator('thead')).toContainText('A');
  await expect(metrics.locator('thead')).toContainText('B · Δ · ratio');
  for (const key of ['wallSeconds', 'speedup', 'parallelism', 'gilContention']) {
    const cells = metrics.locator(`[data-testid="compare-metric-row"][data-key="${key}"] td`);
    await expect(cells).toHaveCount(5); // label, A, B, Δ, ratio
    await expect(cells.nth(1)).not.toBeEmpty();
    await expect(cells.nth(2)).not.toBeEmpty();
  }
  await expect(metrics.locator('[data-key="wallSeconds"] td').nth(1)).toContainText(/\d/);
  await expect(metrics.locator('[data-key="wallSeconds"] td').nth(2)).toContainText(/\d/);
  await expect(metrics.locator('[data-key="speedup"] td').nth(2)).toContainText('×');

  // Lanes: one drawn canvas per run; the normalize toggle redraws them.
  const lanesPanel = page.getByTestId('compare-lanes');
  const lanes = lanesPanel.getByTestId('compare-lane');
  await expect(lanes).toHaveCount(2, { timeout: 15_000 });
  await expect(lanes.nth(0)).toHaveAttribute('data-drawn', 'true', { timeout: 15_000 });
  await expect(lanes.nth(1)).toHaveAttribute('data-drawn', 'true', { timeout: 15_000 });
  await expect(lanesPanel).toHaveAttribute('data-mode', 'aligned');
  await lanesPanel.scrollIntoViewIfNeeded();
  await shot(page, '21-compare-lanes-aligned');
  const before = await Promise.all([canvasPixels(lanes.nth(0)), canvasPixels(lanes.nth(1))]);
  await page.getByTestId('lanes-normalized').click();
  await expect(lanesPanel).toHaveAttribute('data-mode', 'normalized');
  await expect(page.getByTestId('lanes-normalized')).toHaveAttribute('aria-checked', 'true');
  // The shorter run now spans the full width, so at least one lane changes.
  await expect
    .poll(
      async () => (await canvasPixels(lanes.nth(0))) !== before[0] || (await canvasPixels(lanes.nth(1))) !== before[1],
      { timeout: 5_000 },
    )
    .toBe(true);
  // Hovering a lane's first thread (below the 20 px axis, 36 px GIL row and 6 px gap, right of the 150 px gutter).
  await lanes.nth(1).hover({ position: { x: 200, y: 20 + 36 + 6 + 20 } });
  await expect(lanesPanel.getByTestId('timeline-tooltip')).toContainText(/ · \d+\.\d+–\d+\.\d+ s/);
  await shot(page, '22-compare-lanes-normalized');
  await page.mouse.move(0, 0);
  await expect(lanesPanel.getByTestId('timeline-tooltip')).toHaveCount(0);
  await page.getByTestId('lanes-aligned').click();
  await expect(lanesPanel).toHaveAttribute('data-mode', 'aligned');

  // Function diff: the fixture's worker function is listed.
  const diff = page.getByTestId('function-diff');
  await expect(diff.getByTestId('function-diff-row').filter({ hasText: 'burn_cpu' }).first()).toBeVisible();
  await diff.scrollIntoViewIfNeeded();
  await shot(page, '23-compare-function-diff');

  // JSON export: a real download that parses, with the schema version and the comparison's figures.
  await page.locator('#compare-title').scrollIntoViewIfNeeded();
  const downloadPromise = page.waitForEvent('download');
  await view.getByTestId('export-json').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const file = await download.path();
  const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as ComparisonExport;
  expect(typeof exported.schemaVersion).toBe('number');
  expect(exported.kind).toBe('comparison');
  expect(exported.comparison.runs.map((r) => r.runId)).toEqual([gilRun, freeRun]);
  expect(exported.comparison.functions.some((f) => f.function === 'burn_cpu')).toBe(true);
  await expect(page.getByTestId('export-status')).toContainText('Downloaded');
  await shot(page, '24-compare-top-exported');

  // The free-threaded run with the GIL off has less contention than the GIL run (no GIL counts as none).
  const contention = exported.comparison.metrics.find((m) => m.key === 'gilContention');
  expect(contention).toBeDefined();
  const [gilContention, freeContention] = [contention?.values[0] ?? null, contention?.values[1] ?? null];
  expect(gilContention).not.toBeNull();
  expect(freeContention ?? 0).toBeLessThan(gilContention ?? 0);
});
