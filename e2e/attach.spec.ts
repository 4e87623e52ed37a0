// "Attach to process…": a Python process the spec started itself (not GILscope) is listed with its version,
// threads and command line; attaching records it live, Detach ends the run and leaves it running. A second
// host without CAP_SYS_PTRACE shows why it cannot attach to a non-dumpable process, in one line.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './support/app-page.ts';
import { playwrightCookie, startHost } from './support/browser-host.ts';
import { PYTHONS, shot } from './support/e2e-env.ts';
import { startReadyProcess } from '../tests/support/attach-target.ts';
import { isAlive } from '../tests/support/process-alive.ts';

/** A main thread that naps and a "spinner" thread that computes (at nice 19, on a shared machine); READY once both run. */
const TARGET = `
import os, sys, threading, time
if sys.argv[1:2] == ["non-dumpable"]:
    import ctypes
    assert ctypes.CDLL(None).prctl(4, 0, 0, 0, 0) == 0  # PR_SET_DUMPABLE 0: only CAP_SYS_PTRACE may read it
os.nice(19)
def spin():
    x = 0
    while True:
        x += 1
threading.Thread(target=spin, name="spinner", daemon=True).start()
print("READY", flush=True)
while True:
    time.sleep(0.05)
`;

const targets: ChildProcess[] = [];
let dir = '';

test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-e2e-attach-'));
  fs.writeFileSync(path.join(dir, 'attach_target.py'), TARGET);
});
test.afterAll(() => {
  for (const child of targets) child.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the target under CPython 3.12 with `marker` as its argument; resolves with its pid once it runs. */
async function startTarget(marker: string): Promise<number> {
  return (await startReadyProcess(PYTHONS.gil312, path.join(dir, 'attach_target.py'), [marker], targets)).pid;
}

async function openAttach(page: Page): Promise<void> {
  await page.getByTestId('nav-new-run').click();
  await page.getByTestId('attach-link').click();
  await expect(page.getByTestId('attach-view')).toBeVisible();
}

test('attach to a running script from the list, watch it live, detach and find it still running', async ({ page }) => {
  const pid = await startTarget('e2e-attach-marker');
  await openApp(page);
  await openAttach(page);
  const row = page.locator(`[data-testid="attach-row"][data-pid="${pid}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText('3.12.1');
  await expect(row.locator('td').nth(2)).toHaveText('2');
  await expect(row).toContainText('attach_target.py e2e-attach-marker');
  await page.getByTestId('attach-filter').fill('e2e-attach-marker');
  await expect(page.getByTestId('attach-row')).toHaveCount(1);
  await shot(page, '60-attach-list');

  await row.getByTestId('attach-button').click();
  await expect(page.getByTestId('live-attached')).toContainText(`attached to pid ${pid}`);
  const detach = page.getByTestId('stop-button');
  await expect(detach).toContainText('Detach');
  await expect(page.getByTestId('live-gil-text')).toContainText('tick', { timeout: 15_000 });
  await expect.poll(() => page.getByTestId('live-elapsed').textContent()).not.toMatch(/^0:00\.[0-9]$/);
  await shot(page, '61-attach-live');

  await detach.click();
  await expect(page.getByTestId('run-ended')).toContainText('stopped', { timeout: 30_000 });
  await expect(page.getByTestId('run-attached')).toHaveText(`attached to pid ${pid}`);
  const names = page.getByTestId('thread-row');
  await expect(names.filter({ hasText: 'spinner' })).toHaveCount(1);
  await expect(names.filter({ hasText: 'MainThread' })).toHaveCount(1);
  await shot(page, '62-attach-detached-detail');
  // The library marks it too.
  await page.getByTestId('nav-runs').click();
  const runRow = page.getByTestId('runs-row').filter({ hasText: 'attach_target.py' }).first();
  await expect(runRow.getByTestId('run-attached')).toHaveText(`attached to pid ${pid}`);
  expect(isAlive(pid)).toBe(true);
  await page.waitForTimeout(300);
  expect(isAlive(pid)).toBe(true);
});

test('without CAP_SYS_PTRACE, a non-dumpable process says why it cannot be attached, in one line', async ({
  browser,
}) => {
  const pid = await startTarget('non-dumpable');
  const host = await startHost({
    dbFile: path.join(dir, 'no-ptrace.sqlite'),
    dataHome: path.join(dir, 'no-ptrace-data'),
    wrapper: ['setpriv', '--bounding-set=-sys_ptrace', '--inh-caps=-sys_ptrace'],
  });
  const context = await browser.newContext({ storageState: { cookies: [playwrightCookie(host)], origins: [] } });
  try {
    const page = await context.newPage();
    await page.goto(host.url);
    await expect(page.getByTestId('app-version')).toBeVisible();
    await openAttach(page);
    const row = page.locator(`[data-testid="attach-row"][data-pid="${pid}"]`);
    const refusal = row.getByTestId('attach-refusal');
    await expect(refusal).toContainText(`cannot read the memory of process ${pid}`);
    await expect(refusal).toContainText('--cap-add=SYS_PTRACE');
    expect((await refusal.innerText()).trim().split('\n')).toHaveLength(1);
    await expect(row.getByTestId('attach-button')).toBeDisabled();
    await row.scrollIntoViewIfNeeded();
    await shot(page, '63-attach-refused-no-ptrace');
    expect(isAlive(pid)).toBe(true);
  } finally {
    await context.close();
    await host.stop();
  }
});
