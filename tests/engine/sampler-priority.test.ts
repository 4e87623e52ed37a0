// The sampler thread's scheduling: normal unless asked; real-time FIFO when asked and the kernel allows
// it (these machines run the tests as root), nice −10 when asked for that. The run records what it got.
import fs from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { pyenvPython } from '../support/spawn-python.ts';
import { profileFixture } from '../support/profile-fixture.ts';

const SCRIPT = 'import time\ntime.sleep(0.3)\n';
const isRoot = os.userInfo().uid === 0;
const chrtAvailable = ['/usr/bin/chrt', '/bin/chrt'].some((file) => fs.existsSync(file));

async function priorityWith(setting: string | undefined): Promise<unknown> {
  if (setting === undefined) delete process.env.GILSCOPE_SAMPLER_PRIORITY;
  else process.env.GILSCOPE_SAMPLER_PRIORITY = setting;
  const run = await profileFixture(pyenvPython('3.12.1'), SCRIPT);
  return (run.summary.sampler as { priority?: unknown }).priority;
}

afterEach(() => {
  delete process.env.GILSCOPE_SAMPLER_PRIORITY;
});

describe('sampler thread priority', () => {
  it('is normal by default', async () => {
    expect(await priorityWith(undefined)).toBe('normal');
  });

  it('is real-time FIFO when asked, as root with chrt; nice −10 when asked for that', async () => {
    expect(await priorityWith('realtime')).toBe(isRoot && chrtAvailable ? 'realtime' : 'normal');
    expect(await priorityWith('raised')).toBe(isRoot ? 'raised' : 'normal');
  });
});
