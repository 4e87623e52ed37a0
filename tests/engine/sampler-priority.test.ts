// The sampler thread's scheduling: real-time FIFO where the kernel allows it (these machines run the
// tests as root), nice −10 or normal otherwise, and an opt-out. The run records what it got.
import fs from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { pyenvPython } from '../support/spawn-python.ts';
import { profileFixture } from '../support/profile-fixture.ts';

const SCRIPT = 'import time\ntime.sleep(0.3)\n';
const priorityOf = (sampler: unknown): unknown => (sampler as { priority?: unknown }).priority;
const chrtAvailable = ['/usr/bin/chrt', '/bin/chrt'].some((file) => fs.existsSync(file));

afterEach(() => {
  delete process.env.GILSCOPE_SAMPLER_PRIORITY;
});

describe('sampler thread priority', () => {
  it('is real-time when running as root with chrt, else raised or normal', async () => {
    const run = await profileFixture(pyenvPython('3.12.1'), SCRIPT);
    const priority = priorityOf(run.summary.sampler);
    if (os.userInfo().uid === 0 && chrtAvailable) expect(priority).toBe('realtime');
    else expect(['raised', 'normal']).toContain(priority);
  });

  it('stays normal, or short of real-time, when told to', async () => {
    process.env.GILSCOPE_SAMPLER_PRIORITY = 'normal';
    expect(priorityOf((await profileFixture(pyenvPython('3.12.1'), SCRIPT)).summary.sampler)).toBe('normal');
    process.env.GILSCOPE_SAMPLER_PRIORITY = 'raised';
    const raised = priorityOf((await profileFixture(pyenvPython('3.12.1'), SCRIPT)).summary.sampler);
    expect(raised).toBe(os.userInfo().uid === 0 ? 'raised' : 'normal');
  });
});
