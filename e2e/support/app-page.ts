// Page-level steps shared by the specs: open the app with its token, fill the New run form, read the run id.
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { E2E_ENV, hostUrl, PYTHONS, shot } from './e2e-env.ts';

/** Opens the app with the token and waits until the interpreter list arrived. */
export async function openApp(page: Page): Promise<void> {
  await page.goto(hostUrl().href);
  await expect(page.getByTestId('app-version')).toBeVisible();
  await expect(page.getByTestId('interpreter-select').locator('option[value^="/"]').first()).toBeAttached({
    timeout: 20_000,
  });
}

/** Types the script path and picks the interpreter by its path. */
export async function fillNewRun(page: Page, script: string, python: string): Promise<void> {
  await page.getByTestId('nav-new-run').click();
  await page.getByTestId('script-path-input').fill(script);
  await page.getByTestId('interpreter-select').selectOption(python);
}

/** The run id from the Live run header ("Run #N"), or from the detail that replaces it when the run ends at once. */
export async function liveRunId(page: Page): Promise<number> {
  const header = page.locator('.live-run .view-header p, [data-testid="run-detail"] #detail-title').first();
  let runId = NaN;
  await expect
    .poll(async () => {
      const text = await header.textContent({ timeout: 1_000 }).catch(() => null);
      runId = Number(/Run #(\d+)/.exec(text ?? '')?.[1]);
      return Number.isInteger(runId);
    })
    .toBe(true);
  return runId;
}

/** Waits for the run detail of `runId`: summary cards, a drawn timeline and a drawn flame graph; `shotName` saves NAME-top and NAME-flame. */
export async function expectDetailDrawn(page: Page, runId: number, shotName?: string): Promise<void> {
  const detail = page.getByTestId('run-detail');
  await expect(detail.locator('#detail-title')).toContainText(`Run #${runId}`);
  await expect(page.getByTestId('run-summary-cards')).toBeVisible();
  for (const card of ['wall', 'cpu', 'parallelism', 'contention', 'gil-enabled', 'exit'])
    await expect(page.getByTestId(`card-${card}`)).toBeVisible();
  await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-drawn', 'true', { timeout: 15_000 });
  if (shotName) await shot(page, `${shotName}-top`);
  await page.getByTestId('tab-flame').click();
  const flame = page.getByTestId('flame-graph');
  await expect(flame).toHaveAttribute('data-drawn', 'true', { timeout: 15_000 });
  await flame.scrollIntoViewIfNeeded();
  if (shotName) await shot(page, `${shotName}-flame`);
}

/** Records `script` with `python` (and `gilMode` for a free-threaded build) through the New run form, waits until it ended (`status`, completed unless told) and its detail opened by itself; returns its id. */
export async function recordRun(
  page: Page,
  script: string,
  python: string,
  options: { gilMode?: 'default' | 'on' | 'off'; args?: string; status?: string } = {},
): Promise<number> {
  await fillNewRun(page, script, python);
  if (options.args !== undefined) await page.getByTestId('args-input').fill(options.args);
  if (options.gilMode) await page.getByTestId('gil-mode-select').selectOption(options.gilMode);
  await page.getByTestId('profile-button').click();
  const runId = await liveRunId(page);
  await expectEndedDetail(page, runId, options.status ?? 'completed');
  return runId;
}

/** The run detail of `runId` opened by itself when the run ended with `status`, saying so. */
export async function expectEndedDetail(page: Page, runId: number, status: string): Promise<void> {
  await expect(page.getByTestId('run-ended')).toContainText(status, { timeout: 30_000 });
  await expect(page.getByTestId('run-detail').locator('#detail-title')).toContainText(`Run #${runId}`);
}

/** Opens the app, writes `source` as NAME into the run's temp folder, records it with CPython 3.12 and waits for its drawn detail; returns its id. */
export async function recordScriptSource(page: Page, name: string, source: string): Promise<number> {
  const script = path.join(process.env[E2E_ENV.dir] ?? '', name);
  fs.writeFileSync(script, source);
  await openApp(page);
  const runId = await recordRun(page, script, PYTHONS.gil312);
  await expectDetailDrawn(page, runId);
  return runId;
}
