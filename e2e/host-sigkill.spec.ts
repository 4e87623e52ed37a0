// A launched script never outlives the browser host: a `gilscope ui` of its own records a script (with a
// multiprocessing child) started from the New run form, is killed with SIGKILL, and within 2 s no process of the
// script is left (its group guard kills the whole process group).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { fillNewRun, liveRunId } from './support/app-page.ts';
import { playwrightCookie, startHost } from './support/browser-host.ts';
import { PYTHONS } from './support/e2e-env.ts';
import { isAlive } from '../tests/support/process-alive.ts';

/** Writes "SCRIPT_PID CHILD_PID" to argv[1] once both run, then both nap forever. */
const SCRIPT = `import multiprocessing, os, sys, time

def nap():
    while True:
        time.sleep(0.05)

if __name__ == "__main__":
    child = multiprocessing.Process(target=nap)
    child.start()
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(f"{os.getpid()} {child.pid}")
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    nap()
`;

test('kill -9 of gilscope ui leaves no process of the script it was recording within 2 s', async ({ browser }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-e2e-sigkill-'));
  const script = path.join(dir, 'napper.py');
  const pidsFile = path.join(dir, 'pids');
  fs.writeFileSync(script, SCRIPT);
  const host = await startHost({ dbFile: path.join(dir, 'runs.sqlite'), dataHome: path.join(dir, 'data') });
  const context = await browser.newContext({ storageState: { cookies: [playwrightCookie(host)], origins: [] } });
  let pids: number[] = [];
  try {
    const page = await context.newPage();
    await page.goto(host.url);
    await expect(page.getByTestId('interpreter-select').locator('option[value^="/"]').first()).toBeAttached({
      timeout: 20_000,
    });
    await fillNewRun(page, script, PYTHONS.gil312);
    await page.getByTestId('args-input').fill(pidsFile);
    await page.getByTestId('profile-button').click();
    await liveRunId(page);
    await expect.poll(() => fs.existsSync(pidsFile), { timeout: 15_000 }).toBe(true);
    pids = fs.readFileSync(pidsFile, 'utf8').trim().split(' ').map(Number);
    expect(pids.filter(isAlive)).toHaveLength(2);
    const killedAt = Date.now();
    process.kill(host.pid, 'SIGKILL');
    await expect.poll(() => pids.filter(isAlive), { timeout: 2_000, intervals: [50] }).toEqual([]);
    expect((Date.now() - killedAt) / 1000).toBeLessThan(2);
  } finally {
    // A failed check must not leave the nappers behind.
    for (const pid of pids.filter(isAlive)) process.kill(pid, 'SIGKILL');
    await context.close();
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
