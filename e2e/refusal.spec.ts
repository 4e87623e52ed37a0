// Refusals and the GIL-mode picker: a missing script is refused in-app with a one-line reason; the
// GIL mode select exists only for a free-threaded interpreter.
import { expect, test } from '@playwright/test';
import { fillNewRun, openApp } from './support/app-page.ts';
import { fixtureScripts, PYTHONS, shot } from './support/e2e-env.ts';

test('a missing script path is refused with a one-line reason', async ({ page }) => {
  const missing = fixtureScripts().missing;
  await openApp(page);
  await fillNewRun(page, missing, PYTHONS.gil312);
  await page.getByTestId('profile-button').click();
  const refused = page.getByTestId('profile-refused');
  await expect(refused).toBeVisible();
  await expect(refused).toContainText(missing);
  const text = (await refused.innerText()).trim();
  expect(text.split('\n').filter((line) => line.trim() !== '')).toHaveLength(1);
  await expect(page.getByTestId('live-lanes')).toHaveCount(0); // nothing started
  await shot(page, '10-refused-missing-script');
});

test('GIL mode is offered for 3.13t and not for a GIL build', async ({ page }) => {
  await openApp(page);
  await fillNewRun(page, fixtureScripts().threeThreads, PYTHONS.gil312);
  await expect(page.getByTestId('gil-mode-select')).toHaveCount(0);
  await expect(page.getByTestId('gil-mode-unavailable')).toBeVisible();

  await page.getByTestId('interpreter-select').selectOption(PYTHONS.freeThreaded);
  const select = page.getByTestId('gil-mode-select');
  await expect(select).toBeVisible();
  await expect(page.getByTestId('gil-mode-unavailable')).toHaveCount(0);
  const options = await select.locator('option').evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value));
  expect(options).toEqual(expect.arrayContaining(['default', 'on', 'off']));
  await select.selectOption('off');
  await shot(page, '11-gil-mode-free-threaded');
});
