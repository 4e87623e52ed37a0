// A run of several processes in the app: a multiprocessing script (2 busy children) recorded through New run;
// the detail's thread table has a row per process (role, pid, command line, its own GIL) above its threads,
// and the verdict counts the processes instead of calling the run GIL-bound.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp, recordRun } from './support/app-page.ts';
import { PYTHONS, shot } from './support/e2e-env.ts';

const TWO_CHILDREN = `import multiprocessing, time

def spin(seconds):
    end = time.process_time() + seconds
    x = 0
    while time.process_time() < end:
        x += 1

if __name__ == "__main__":
    children = [multiprocessing.Process(target=spin, args=(1.0,)) for _ in range(2)]
    for child in children:
        child.start()
    for child in children:
        child.join()
    print("children done", flush=True)
`;

let dir = '';
test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-e2e-tree-'));
  fs.writeFileSync(path.join(dir, 'two_children.py'), TWO_CHILDREN);
});
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a multiprocessing run groups its threads by process, each with its own GIL figures', async ({ page }) => {
  await openApp(page);
  await recordRun(page, path.join(dir, 'two_children.py'), PYTHONS.gil312);
  await expect(page.getByTestId('timeline-canvas')).toHaveAttribute('data-drawn', 'true', { timeout: 15_000 });
  const processRows = page.getByTestId('process-row');
  await expect(processRows).toHaveCount(3);
  await expect(processRows.nth(0)).toContainText(/^main · pid \d+/);
  await expect(processRows.nth(1)).toContainText(/^worker 1 · pid \d+/);
  await expect(processRows.nth(2)).toContainText(/^worker 2 · pid \d+/);
  for (let i = 0; i < 3; i++) await expect(processRows.nth(i)).toContainText(/its GIL held \d+(\.\d)?%, contention/);
  await expect(processRows.nth(0)).toContainText('two_children.py');
  // Every thread row sits under its own process's row.
  const order = await page
    .getByTestId('thread-table')
    .locator('tr[data-pid]')
    .evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-testid'), row.getAttribute('data-pid')]));
  let current: string | null = null;
  for (const [kind, pid] of order) {
    if (kind === 'process-row') current = pid ?? null;
    else expect(pid).toBe(current);
  }
  await expect(page.getByTestId('verdict')).not.toHaveAttribute('data-kind', /gil-bound/);
  await expect(page.getByTestId('verdict-headline')).toContainText(/\d processes/);
  await page.getByTestId('thread-table').scrollIntoViewIfNeeded();
  await shot(page, '64-process-tree-threads');
  await page.getByTestId('timeline-canvas').scrollIntoViewIfNeeded();
  await shot(page, '65-process-tree-timeline');
});
