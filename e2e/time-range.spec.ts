// A time range dragged on the run timeline filters every panel below it (threads table, top functions,
// flame graph, GIL-wait panel); it is shown, clearable, and zoom stays on the wheel and the buttons.
import { expect, test, type Page } from '@playwright/test';
import { recordScriptSource } from './support/app-page.ts';
import { shot } from './support/e2e-env.ts';
import { lateBurnerScript } from '../tests/support/python-workloads.ts';
import { dragTimeline } from './support/timeline-drag.ts';

/** Sleeps 1.5 s on the main thread, then a thread "late-burner" burns CPU in burn_late for 1.5 s. */
const LATE_BURNER = lateBurnerScript(1.5);

async function flameSamples(page: Page): Promise<number> {
  await page.getByTestId('tab-flame').click();
  const flame = page.getByTestId('flame-graph');
  await expect(flame).toHaveAttribute('data-drawn', 'true');
  return Number(await flame.getAttribute('data-samples'));
}

test('a range dragged on the timeline filters every panel, and clears', async ({ page }) => {
  await recordScriptSource(page, 'late_burner.py', LATE_BURNER);
  const threads = page.getByTestId('threads-panel');
  await expect(threads).toHaveAttribute('data-range', 'whole');
  await expect(page.getByTestId('thread-table')).toContainText('late-burner');
  await page.getByTestId('stacks-scope-select').selectOption('all');
  const wholeFlame = await flameSamples(page);

  // Before the burner existed: it is in no panel.
  const rangeBefore = page.getByTestId('timeline-range');
  // The range reads "Loading…" until the timeline has drawn.
  await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-drawn', 'true', { timeout: 15_000 });
  const viewText = await rangeBefore.innerText();
  await dragTimeline(page, 0.05, 0.35);
  await expect(page.getByTestId('timeline-selection')).toBeVisible();
  await expect(page.getByTestId('timeline-selection-label')).toContainText('Range 0:00');
  await expect(threads).toHaveAttribute('data-range', 'selected');
  await expect(page.getByTestId('range-note')).toContainText('Selected range only');
  await expect(page.getByTestId('thread-table')).not.toContainText('late-burner');
  await expect(page.getByTestId('gil-wait-panel')).toContainText('(selected range)');
  const earlyFlame = await flameSamples(page);
  expect(earlyFlame).toBeGreaterThan(0);
  expect(earlyFlame).toBeLessThan(wholeFlame);
  await page.getByTestId('tab-functions').click();
  await expect(page.getByTestId('functions-table')).not.toContainText('burn_late');
  // Dragging selected; it did not pan or zoom the view.
  await expect(rangeBefore).toHaveText(viewText);
  await page.getByTestId('timeline-canvas').scrollIntoViewIfNeeded();
  await shot(page, '30-range-before-burner');

  // While the burner ran: it leads the table and the functions.
  await dragTimeline(page, 0.65, 0.95);
  await expect(page.getByTestId('thread-table')).toContainText('late-burner');
  await page.getByTestId('stacks-scope-select').selectOption('on-cpu');
  await expect(page.getByTestId('functions-table').locator('tbody tr').first()).toContainText('burn_late');
  await page.getByTestId('stacks-scope-select').selectOption('all');
  await shot(page, '31-range-while-burning');

  // Zoom stays on the buttons (and the wheel); the selection stays selected.
  await page.getByTestId('timeline-zoom-in').click();
  await expect(rangeBefore).not.toHaveText(viewText);
  await expect(threads).toHaveAttribute('data-range', 'selected');
  await page.getByTestId('timeline-reset').click();
  const canvasBox = (await page.getByTestId('timeline-canvas').boundingBox())!;
  await page.mouse.move(canvasBox.x + canvasBox.width / 2, canvasBox.y + 40);
  await page.mouse.wheel(0, -300);
  await expect(rangeBefore).not.toHaveText(viewText);
  await page.getByTestId('timeline-reset').click();

  // Cleared: the whole run again.
  await page.getByTestId('timeline-clear-range').click();
  await expect(page.getByTestId('timeline-selection')).toHaveCount(0);
  await expect(threads).toHaveAttribute('data-range', 'whole');
  await expect(page.getByTestId('thread-table')).toContainText('late-burner');
  // The flame graph is fetched again for the whole run: poll until the new figures are drawn.
  await expect.poll(() => flameSamples(page), { timeout: 10_000 }).toBe(wholeFlame);
});
