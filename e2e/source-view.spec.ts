// The source view: a function's file:line opens the file with per-line on-CPU, GIL-wait and lock-wait
// samples; it shows the text the run executed after the file was edited; it follows the thread and the
// time range; and the run's place (range, thread, tab, source) lives in the URL, so reload and Back keep it.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectDetailDrawn, openApp, recordRun } from './support/app-page.ts';
import { E2E_ENV, PYTHONS, shot } from './support/e2e-env.ts';
import { dragTimeline } from './support/timeline-drag.ts';

/** Sleeps 1 s, then two threads burn CPU in burn() for 1.5 s (taking turns with the GIL) while main joins them. */
const TWO_BURNERS = `import threading, time
time.sleep(1.0)
def burn(seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:  # hot loop
        pass
def worker():
    burn(1.5)
threads = [threading.Thread(target=worker, name=f"burner-{i}") for i in range(2)]
for t in threads: t.start()
for t in threads: t.join()  # main waits here
`;
const lineOf = (text: string) => TWO_BURNERS.split('\n').findIndex((line) => line.includes(text)) + 1;
const HOT = lineOf('# hot loop');
const JOIN = lineOf('# main waits here');

function row(page: Page, line: number): Locator {
  return page.locator(`[data-testid="source-line"][data-line="${line}"]`);
}
async function count(page: Page, line: number, column: 'on-cpu' | 'gil-wait' | 'lock-wait'): Promise<number> {
  return Number(await row(page, line).getAttribute(`data-${column}`));
}

test('source view: per-line samples, stored text, thread and range, all in the URL', async ({ page }) => {
  test.setTimeout(90_000);
  const script = path.join(process.env[E2E_ENV.dir] ?? '', 'two_burners.py');
  fs.writeFileSync(script, TWO_BURNERS);
  await openApp(page);
  const runId = await recordRun(page, script, PYTHONS.gil312);
  await expectDetailDrawn(page, runId);
  await expect(page).toHaveURL(/tab=flame/);

  // burn's file:line in Top functions opens the file at that line.
  await page.getByTestId('tab-functions').click();
  await expect(page).not.toHaveURL(/tab=flame/);
  const burnRow = page.getByTestId('functions-table').locator('tbody tr', { hasText: 'burn' }).first();
  await burnRow.getByTestId('source-link').click();
  const source = page.getByTestId('source-view');
  await expect(source).toHaveAttribute('data-origin', 'stored');
  await expect(page).toHaveURL(/file=.*two_burners\.py&line=\d+/);
  await expect(row(page, HOT)).toContainText('while time.monotonic() < deadline');
  await expect(row(page, HOT)).toBeInViewport();
  const hotCpu = await count(page, HOT, 'on-cpu');
  expect(hotCpu).toBeGreaterThan(0);
  // Two threads that never block take turns with the GIL: the one not holding it waits in the loop.
  expect(await count(page, HOT, 'gil-wait')).toBeGreaterThan(0);
  expect(await count(page, JOIN, 'lock-wait')).toBeGreaterThan(0);
  await source.scrollIntoViewIfNeeded();
  await shot(page, '90-source-view');

  // The file is edited after the run: the view still shows what ran, also after a reload.
  fs.writeFileSync(script, '# rewritten after the run\n');
  await page.reload();
  await expect(page.getByTestId('source-view')).toHaveAttribute('data-origin', 'stored');
  await expect(row(page, HOT)).toContainText('while time.monotonic() < deadline');
  expect(await count(page, HOT, 'on-cpu')).toBe(hotCpu);

  // Main thread only: it never ran the loop; it waited on the join.
  const mainTid = await page
    .getByTestId('stacks-thread-select')
    .locator('option', { hasText: 'MainThread' })
    .getAttribute('value');
  await page.getByTestId('stacks-thread-select').selectOption(mainTid!);
  await expect(page).toHaveURL(new RegExp(`tid=${mainTid}`));
  await expect(page.getByTestId('source-scope')).toContainText('MainThread');
  await expect.poll(() => count(page, HOT, 'on-cpu')).toBe(0);
  expect(await count(page, JOIN, 'lock-wait')).toBeGreaterThan(0);

  // All threads again, over the first 0.8 s (of ≥ 2.5 s) only: nothing burned yet.
  await page.getByTestId('stacks-thread-select').selectOption('');
  await expect.poll(() => count(page, HOT, 'on-cpu')).toBe(hotCpu);
  await page.getByTestId('timeline-canvas').scrollIntoViewIfNeeded();
  await dragTimeline(page, 0.0, 0.25);
  await expect(page).toHaveURL(/from=\d+&to=\d+/);
  await expect(page.getByTestId('source-scope')).toContainText('selected range');
  await expect.poll(() => count(page, HOT, 'on-cpu')).toBe(0);
  const rangedUrl = page.url();

  // Reload keeps range, thread choice and source; Back undoes the range.
  await page.reload();
  await expect(page.getByTestId('timeline-selection-label')).toBeVisible();
  await expect(page.getByTestId('source-scope')).toContainText('selected range');
  await expect(page).toHaveURL(rangedUrl);
  await page.getByTestId('source-view').scrollIntoViewIfNeeded();
  await shot(page, '91-source-range');
  await page.goBack();
  await expect(page.getByTestId('timeline-selection-label')).toHaveCount(0);
  await expect(page.getByTestId('source-scope')).toContainText('whole run');
  await expect.poll(() => count(page, HOT, 'on-cpu')).toBe(hotCpu);

  // The flame graph: focus a frame, then open its source.
  await page.getByTestId('tab-flame').click();
  const flame = page.getByTestId('flame-graph');
  await expect(flame).toHaveAttribute('data-drawn', 'true');
  await page.getByTestId('flame-search').fill('burn');
  const box = (await flame.boundingBox())!;
  await page.mouse.dblclick(box.x + box.width * 0.5, box.y + 18 * 3.5);
  await expect(page).toHaveURL(/file=.*line=\d+/);
  await page.getByTestId('source-close').click();
  await expect(page.getByTestId('source-view')).toHaveCount(0);
  await expect(page).not.toHaveURL(/file=/);
});
