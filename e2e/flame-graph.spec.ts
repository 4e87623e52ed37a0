// The flame graph: as tall as the stack is deep, Ctrl+F search with highlighted matches, an inverted
// view (innermost frames first) and time order next to left-heavy.
import { expect, test } from '@playwright/test';
import { recordScriptSource } from './support/app-page.ts';
import { shot } from './support/e2e-env.ts';

/** 30 nested calls of descend(), then hot_leaf() burns CPU for 2 s; a short warm_up() runs first (0.5 s). */
const DEEP = `import time
# Long enough for the sampler to find the runtime first, on a busy machine too: warm_up's stacks are read.
time.sleep(0.3)
def warm_up():
    end = time.monotonic() + 0.5
    while time.monotonic() < end:
        pass
def hot_leaf():
    end = time.monotonic() + 2.0
    x = 0
    while time.monotonic() < end:
        x += 1
def descend(n):
    if n == 0:
        return hot_leaf()
    return descend(n - 1)
warm_up()
descend(30)
`;

/** Flame rows (CSS pixels) per stack level: views/detail/flame-graph.tsx. */
const ROW_HEIGHT = 18;

test('flame graph: depth-sized, Ctrl+F search, inverted and time-ordered views', async ({ page }) => {
  await recordScriptSource(page, 'deep_stack.py', DEEP);
  const flame = page.getByTestId('flame-graph');

  // Tall enough for every level: module + 31 descend frames + hot_leaf, all visible.
  const rows = Number(await flame.getAttribute('data-rows'));
  expect(rows).toBeGreaterThanOrEqual(33);
  const box = (await flame.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(rows * ROW_HEIGHT);
  const wrap = page.locator('.flame-wrap');
  expect(await wrap.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);

  // Ctrl+F lands in the search; matches are counted and highlighted.
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('flame-search')).toBeFocused();
  await page.keyboard.type('hot_leaf');
  await expect(page.getByTestId('flame-search-result')).toContainText(/1 frame match, \d+(\.\d)?% of samples/);
  expect(Number(await flame.getAttribute('data-matched-samples'))).toBeGreaterThan(0);
  await flame.scrollIntoViewIfNeeded();
  await shot(page, '50-flame-search');

  // Inverted: hot_leaf, where the time is spent, is the first frame under the root.
  await page.getByTestId('flame-view-select').selectOption('inverted');
  await expect(flame).toHaveAttribute('data-view', 'inverted');
  const top = (await flame.boundingBox())!;
  await page.mouse.move(top.x + 20, top.y + ROW_HEIGHT * 1.5);
  await expect(page.getByTestId('flame-hover')).toContainText('hot_leaf');
  await shot(page, '51-flame-inverted');

  // Time order: warm_up ran first, so it is the leftmost child of <module> (left-heavy puts descend first).
  await page.getByTestId('flame-view-select').selectOption('top-down');
  // warm_up's share of the samples, as the search counts it: about 0.5 s of 2.5 s on a quiet machine, less
  // when a busy machine let the sampler tick seldom. The pointer goes to the middle of that share.
  await page.getByTestId('flame-search').fill('warm_up');
  await expect(page.getByTestId('flame-search-result')).toContainText(/% of samples/);
  const found = await page.getByTestId('flame-search-result').textContent();
  const warmShare = Number(/(\d+(?:\.\d)?)% of samples/.exec(found ?? '')?.[1]) / 100;
  expect(warmShare, found ?? '').toBeGreaterThan(0);
  await page.getByTestId('flame-search').fill('');
  await page.getByTestId('flame-order-select').selectOption('time');
  await expect(flame).toHaveAttribute('data-order', 'time');
  const moduleRow = (await flame.boundingBox())!;
  const insideWarmUp = moduleRow.x + moduleRow.width * (warmShare / 2);
  await page.mouse.move(insideWarmUp, moduleRow.y + ROW_HEIGHT * 2.5);
  await expect(page.getByTestId('flame-hover')).toContainText('warm_up');
  await page.getByTestId('flame-order-select').selectOption('left-heavy');
  await page.mouse.move(insideWarmUp, moduleRow.y + ROW_HEIGHT * 2.5 + 1);
  await expect(page.getByTestId('flame-hover')).toContainText('descend');
  await shot(page, '52-flame-left-heavy');
});
