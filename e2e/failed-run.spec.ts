// A failed run opens with its cause: the exception and where it was raised come before anything sampled,
// no internal error (errno names, /proc paths) reaches the page, a non-Python file is refused in one line
// and the refusal goes once the path is edited, and scripts that only failed stay out of Recent. A syntax
// error's file:line opens the script in the source view.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fillNewRun, openApp, recordRun } from './support/app-page.ts';
import { E2E_ENV, PYTHONS, shot } from './support/e2e-env.ts';

/** Scripts of this spec, written next to the shared fixtures. */
function writeScripts(): { boom: string; syntax: string; notes: string; fine: string } {
  const dir = path.join(process.env[E2E_ENV.dir] ?? '', 'failed-run');
  fs.mkdirSync(dir, { recursive: true });
  const scripts = {
    boom: path.join(dir, 'boom_at_start.py'),
    syntax: path.join(dir, 'syntax_error.py'),
    notes: path.join(dir, 'notes.txt'),
    fine: path.join(dir, 'fine.py'),
  };
  fs.writeFileSync(
    scripts.boom,
    'import threading\n\ndef helper(x):\n    return 1 / x\n\ndef main():\n    helper(0)\n\nmain()\n',
  );
  fs.writeFileSync(scripts.syntax, 'import os\n\ndef broken(:\n    pass\n');
  fs.writeFileSync(scripts.notes, 'print("a text file is not a script")\n');
  fs.writeFileSync(scripts.fine, 'print("fine")\n');
  return scripts;
}

/** Records `script` with CPython 3.12 until it failed; its detail shows the failure panel above the summary cards, and no internal error text. */
async function openFailedRun(page: Page, script: string): Promise<void> {
  await openApp(page);
  await recordRun(page, script, PYTHONS.gil312, { status: 'failed' });
  const failure = page.getByTestId('run-failure');
  await expect(failure).toBeVisible();
  await expect(page.getByTestId('run-summary-cards')).toBeVisible();
  const failureTop = (await failure.boundingBox())?.y ?? Infinity;
  const cardsTop = (await page.getByTestId('run-summary-cards').boundingBox())?.y ?? -Infinity;
  expect(failureTop).toBeLessThan(cardsTop);
  const text = await page.getByTestId('run-detail').innerText();
  expect(text).not.toMatch(/ESRCH|ENOENT|\/proc\/\d+/);
  expect(text).not.toContain('the GIL was not readable');
}

test.describe.serial('a failed run', () => {
  const scripts = writeScripts();

  test('an exception at start-up opens with the exception and where it was raised', async ({ page }) => {
    await openFailedRun(page, scripts.boom);
    await expect(page.getByTestId('failure-exception')).toHaveText('ZeroDivisionError: division by zero');
    await expect(page.getByTestId('failure-where')).toContainText('boom_at_start.py:4 in helper');
    await expect(page.getByTestId('failure-where')).toContainText('return 1 / x');
    await expect(page.getByTestId('failure-traceback')).toContainText('line 7, in main');
    await shot(page, '20-failed-run-exception');
  });

  test('a syntax error opens with the error and its line', async ({ page }) => {
    await openFailedRun(page, scripts.syntax);
    await expect(page.getByTestId('failure-exception')).toContainText('SyntaxError');
    await expect(page.getByTestId('failure-where')).toContainText('syntax_error.py:3');
    await shot(page, '21-failed-run-syntax-error');
    // Its file:line opens the script as stored with the run, at the broken line.
    await page.getByTestId('failure-where').getByTestId('source-link').click();
    await expect(page.getByTestId('source-view')).toHaveAttribute('data-origin', 'stored');
    await expect(page.locator('[data-testid="source-line"][data-line="3"]')).toContainText('def broken(:');
    await expect(page.locator('[data-testid="source-line"][data-line="3"]')).toHaveAttribute(
      'aria-current',
      'location',
    );
  });

  test('a .txt file is refused in one line, and the refusal goes when the path is edited', async ({ page }) => {
    await openApp(page);
    await fillNewRun(page, scripts.notes, PYTHONS.gil312);
    await page.getByTestId('profile-button').click();
    const refused = page.getByTestId('profile-refused');
    await expect(refused).toContainText(`not a Python script`);
    await expect(refused).toContainText(scripts.notes);
    const lines = (await refused.innerText()).split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    await expect(page.getByTestId('live-lanes')).toHaveCount(0);
    await shot(page, '22-refused-txt');
    await page.getByTestId('script-path-input').fill(scripts.fine);
    await expect(refused).toHaveCount(0);
  });

  test('scripts that only failed are not offered in Recent', async ({ page }) => {
    await openApp(page);
    await recordRun(page, scripts.fine, PYTHONS.gil312);
    await expect(page.getByTestId('run-failure')).toHaveCount(0);
    await page.getByTestId('nav-new-run').click();
    const recent = page.getByTestId('recent-scripts');
    await expect(recent.locator(`[title="${scripts.fine}"]`)).toBeVisible();
    await expect(recent.locator(`[title="${scripts.boom}"]`)).toHaveCount(0);
    await expect(recent.locator(`[title="${scripts.syntax}"]`)).toHaveCount(0);
    await shot(page, '23-recent-without-failed');
  });
});
