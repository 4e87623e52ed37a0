// examples/threads_vs_processes.py as one experiment in the app (threads, processes, free-threaded; CPython 3.12
// with a 3.13t child for the last): the results table says where the work ran (1 process, the pool's 4 or 5, the
// 3.13t child) and the busy threads' GIL wait, and the processes run's detail groups its threads by process
// under a verdict that counts them. A host of its own names the free-threaded CPython ($FREE_THREADED_PYTHON).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { playwrightCookie, REPO_DIR, startHost } from './support/browser-host.ts';
import { PYTHONS, shot } from './support/e2e-env.ts';

test('threads vs processes vs free-threaded runs as one experiment and reads right in the app', async ({ browser }) => {
  test.setTimeout(150_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-e2e-tvp-'));
  const host = await startHost({
    dbFile: path.join(dir, 'runs.sqlite'),
    dataHome: path.join(dir, 'data'),
    wrapper: ['env', `FREE_THREADED_PYTHON=${PYTHONS.freeThreaded}`],
  });
  const context = await browser.newContext({ storageState: { cookies: [playwrightCookie(host)], origins: [] } });
  try {
    const page = await context.newPage();
    await page.goto(host.url);
    await expect(page.getByTestId('app-version')).toBeVisible();
    await page.getByTestId('nav-experiments').click();
    await page.getByTestId('new-experiment').click();
    const form = page.getByTestId('experiment-form');
    await form.getByTestId('script-path-input').fill(path.join(REPO_DIR, 'examples', 'threads_vs_processes.py'));
    await page.getByTestId('experiment-args-input').fill('{value} --limit 200000');
    await expect(
      page.locator(`[data-testid="experiment-interpreter"][data-path="${PYTHONS.gil312}"]`).first(),
    ).toBeAttached({ timeout: 20_000 });
    await expect(page.locator('[data-testid="experiment-interpreter"] input:checked').first()).toBeAttached();
    for (const row of await page.getByTestId('experiment-interpreter').all())
      await row.locator('input[type="checkbox"]').setChecked((await row.getAttribute('data-path')) === PYTHONS.gil312);
    await page.getByTestId('experiment-repeat').fill('1');
    await page.getByTestId('experiment-vary-kind').selectOption('arg');
    await page.getByTestId('experiment-vary-name').fill('mode');
    await page.getByTestId('experiment-vary-values').fill('threads, processes, free-threaded');
    await expect(page.getByTestId('experiment-run-count')).toContainText('3 runs');
    await page.getByTestId('experiment-start').click();
    await expect(page.getByTestId('experiment-detail')).toHaveAttribute('data-status', 'completed', {
      timeout: 120_000,
    });

    const rows = page.getByTestId('experiment-config-row');
    await expect(rows).toHaveCount(3);
    const cells = async (mode: string) => {
      const row = rows.filter({ hasText: `mode=${mode}` });
      return { row, processes: (await row.getByTestId('experiment-processes').textContent())?.trim() };
    };
    const threads = await cells('threads');
    const processes = await cells('processes');
    const freeThreaded = await cells('free-threaded');
    expect(threads.processes).toBe('1');
    expect(['4', '5']).toContain(processes.processes);
    // The 3.13t child, and its 3.12 launcher too when a loaded machine kept it queued while starting.
    expect(['1', '2']).toContain(freeThreaded.processes);
    await expect(freeThreaded.row).toContainText('0%'); // its busy threads never wait for a GIL
    await shot(page, '66-threads-vs-processes-experiment');

    await processes.row.getByTestId('experiment-run-link').first().click();
    await expect(page.getByTestId('verdict')).not.toHaveAttribute('data-kind', /gil-bound/);
    await expect(page.getByTestId('verdict-headline')).toContainText(/[45] processes kept/);
    await expect(page.getByTestId('process-row')).not.toHaveCount(0);
    expect(await page.getByTestId('process-row').count()).toBeGreaterThanOrEqual(5);
    await page.getByTestId('thread-table').scrollIntoViewIfNeeded();
    await shot(page, '67-threads-vs-processes-pool-run');
  } finally {
    await context.close();
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
