// The sampler's warm-up on a throw-away Python before the script starts (sampler/warm-up.ts): it happens, it
// is recorded, and its Python never outlives the run or GILscope itself, even under kill -9.
import { execa } from 'execa';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listThreadIds } from '../../main/engine/proc/thread-files.ts';
import { startWarmUpTarget } from '../../main/engine/launch/warm-up-target.ts';
import type { SamplerStats } from '../../main/engine/sampler/sampler-messages.ts';
import { isAlive } from '../support/process-alive.ts';
import { profileFixture } from '../support/profile-fixture.ts';
import { freeThreadedPython, pyenvPython } from '../support/spawn-python.ts';

const python = pyenvPython('3.12.1');
const WARM_UP_SOURCE = new URL('../../main/engine/launch/warm-up-target.ts', import.meta.url).pathname;

/** PIDs of this process's children that run the warm-up script (its threads' names are in its command line). */
function warmUpChildren(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'latin1');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, 'latin1');
      if (parent === process.pid && commandLine.includes('warm-up-spin') && isAlive(Number(entry)))
        pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

describe('the sampler warm-up', () => {
  it('ticks a throw-away Python before the script starts, records it, and leaves nothing running', async () => {
    const { summary, outcome } = await profileFixture(python, 'import time\ntime.sleep(0.2)\n', { rateHz: 1000 });
    expect(outcome).toMatchObject({ kind: 'recorded', status: 'completed' });
    const warmUp = (summary.sampler as SamplerStats).warmUp;
    expect(warmUp?.ticks).toBeGreaterThan(0);
    // Bounded by its deadline (500 ms) plus one tick, whatever the machine's load.
    expect(warmUp!.wallNs).toBeLessThan(800e6);
    expect(warmUpChildren()).toEqual([]);
  });

  it('runs the free-threaded build with the GIL off as the run does', async () => {
    const { summary } = await profileFixture(freeThreadedPython(), 'import time\ntime.sleep(0.1)\n', {
      gilMode: 'off',
    });
    expect((summary.sampler as SamplerStats).warmUp?.ticks).toBeGreaterThan(0);
  });

  it('has the threads the worker waits for', async () => {
    const target = startWarmUpTarget(python, 'default');
    expect(target).not.toBeNull();
    try {
      await expect.poll(() => listThreadIds(target!.pid)?.length, { timeout: 5_000 }).toBe(target!.threads);
    } finally {
      target!.stop();
    }
    await expect.poll(() => isAlive(target!.pid), { timeout: 2_000 }).toBe(false);
  });

  it('is not started from a path that is not a program', () => {
    expect(startWarmUpTarget('/nonexistent/python3', 'default')).toBeNull();
  });

  it('ends within 2 s of a kill -9 of the process that started it', async () => {
    const parent = execa(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { startWarmUpTarget } from ${JSON.stringify(WARM_UP_SOURCE)};
         const target = startWarmUpTarget(${JSON.stringify(python)}, 'default');
         console.log('WARM-UP', target.pid, target.threads);
         setInterval(() => {}, 1000);`,
      ],
      { reject: false, buffer: false },
    );
    const [pid, threads] = await new Promise<[number, number]>((resolve, reject) => {
      let seen = '';
      parent.stdout?.on('data', (text: Buffer) => {
        seen += text.toString();
        const match = /WARM-UP (\d+) (\d+)\n/.exec(seen);
        if (match) resolve([Number(match[1]), Number(match[2])]);
      });
      void parent.then(() => reject(new Error(`the parent ended first: ${seen}`)));
    });
    await expect.poll(() => listThreadIds(pid)?.length, { timeout: 5_000 }).toBe(threads);
    parent.kill('SIGKILL');
    await parent;
    const killedAt = Date.now();
    await expect.poll(() => isAlive(pid), { timeout: 2_000, interval: 20 }).toBe(false);
    expect(Date.now() - killedAt).toBeLessThan(2_000);
  });
});
