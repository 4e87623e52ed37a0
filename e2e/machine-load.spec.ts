// Each run records how busy other programs kept the machine, and an experiment says when that load
// explains why the measured speedup fell short of the verdict's ceiling. A real CPU burner (one Python
// process spinning) runs beside the runs, so other work is at least about one core.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp, recordRun } from './support/app-page.ts';
import { E2E_ENV, fixtureScripts, PYTHONS, shot } from './support/e2e-env.ts';

/** Three threads with a fixed amount of pure-Python work each: a GIL build runs them one at a time. */
const FIXED_WORK = `import threading
def work():
    total = 0
    for i in range(3_000_000):
        total += i
threads = [threading.Thread(target=work, name=f"worker-{n}") for n in range(3)]
for t in threads: t.start()
for t in threads: t.join()
`;

let burner: ChildProcess | null = null;
test.afterEach(() => {
  burner?.kill('SIGKILL');
  burner = null;
});

test('machine load: a run says other programs kept cores busy; the experiment weighs it against the ceiling', async ({
  page,
}) => {
  test.setTimeout(150_000);
  burner = spawn(PYTHONS.gil312, ['-c', 'while True: pass'], { stdio: 'ignore' });
  await openApp(page);

  // One run: its verdict panel says how busy the machine was.
  const runId = await recordRun(page, fixtureScripts().cpuThreads, PYTHONS.gil312, { args: '0.6' });
  const line = page.getByTestId('machine-load');
  await expect(line).toHaveAttribute('data-busy', 'true');
  await expect(line).toContainText(/Other programs kept \d\.\d of \d+ cores busy while this run recorded/);
  expect(Number(await line.getAttribute('data-other-cores')), `run ${runId}`).toBeGreaterThan(0.5);
  await page.getByTestId('verdict').scrollIntoViewIfNeeded();
  await shot(page, '97-machine-load-run');

  // An experiment, 3.12 against 3.13t with the GIL off, once each, of work the GIL serialises.
  const script = path.join(process.env[E2E_ENV.dir] ?? '', 'fixed_work.py');
  fs.writeFileSync(script, FIXED_WORK);
  await page.getByTestId('nav-experiments').click();
  await page.getByTestId('new-experiment').click();
  await page.getByTestId('experiment-form').getByTestId('script-path-input').fill(script);
  await page.getByTestId('experiment-args-input').fill('');
  await expect(
    page.locator(`[data-testid="experiment-interpreter"][data-path="${PYTHONS.gil312}"] input`),
  ).toBeAttached({ timeout: 20_000 });
  for (const row of await page.getByTestId('experiment-interpreter').all()) {
    const python = (await row.getAttribute('data-path')) ?? '';
    await row.locator('input[type="checkbox"]').setChecked([PYTHONS.gil312, PYTHONS.freeThreaded].includes(python));
  }
  await page.getByTestId('experiment-gil-on').setChecked(false);
  await page.getByTestId('experiment-gil-off').setChecked(true);
  await page.getByTestId('experiment-repeat').fill('1');
  await expect(page.getByTestId('experiment-run-count')).toContainText('2 runs');
  await page.getByTestId('experiment-start').click();
  await expect(page.getByTestId('experiment-detail')).toHaveAttribute('data-status', 'completed', { timeout: 90_000 });

  // The note appears exactly when the measured speedup fell short of the baseline's ceiling, and with the
  // burner running it names other programs' load.
  const conclusion = page.getByTestId('experiment-conclusion');
  await expect(conclusion).toBeVisible();
  const ceiling = Number((await conclusion.getAttribute('data-ceiling')) || NaN);
  const offRow = page.locator('[data-testid="experiment-config-row"]').filter({ hasText: 'off' });
  const measured = Number(await offRow.getAttribute('data-speedup'));
  const context = `ceiling ${ceiling}, measured ${measured}`;
  const note = page.getByTestId('experiment-ceiling-gap');
  if (ceiling > 1.05 && measured < 0.9 * ceiling) {
    await expect(note, context).toContainText(/^Other programs kept \d\.\d of \d+ cores busy during these runs/);
    await expect(note, context).toContainText(`to the measured ${measured.toFixed(2)}×`);
  } else {
    await expect(note, context).toHaveCount(0);
  }
  console.log(`[machine-load] ${context}: ${(await note.count()) > 0 ? await note.textContent() : 'no note'}`);
  await conclusion.scrollIntoViewIfNeeded();
  await shot(page, '98-machine-load-experiment');
});
