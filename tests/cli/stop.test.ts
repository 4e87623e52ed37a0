// Scripts that never end: stopped by --duration or by Ctrl-C on the CLI (SIGINT, then SIGTERM, then
// SIGKILL to the script's group); the run keeps its samples and nothing the script started survives,
// not even a SIGKILL of the CLI itself.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../support/process-alive.ts';
import { makeTempDir } from '../support/profile-fixture.ts';
import { pyenvPython } from '../support/spawn-python.ts';
import { expectNoStackTrace, parseSummary, runCli, writeScript } from './run-cli.ts';
import type { SamplerStats } from '../../main/engine/sampler/sampler-messages.ts';

const python = pyenvPython('3.12.1');

/** Half busy, half asleep, forever; prints READY (and its PID) once running. */
const FOREVER = `
import os, time
print("READY", os.getpid(), flush=True)
while True:
    end = time.monotonic() + 0.005
    while time.monotonic() < end: pass
    time.sleep(0.005)
`;

/** Ignores Ctrl-C and SIGTERM: only SIGKILL ends it. */
const STUBBORN =
  `
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
` + FOREVER;

/** Starts a child that ignores SIGINT and SIGTERM and would sleep for a minute, then `rest`. */
const withStubbornChild = (rest: string): string => `
import subprocess, sys
child = subprocess.Popen([sys.executable, "-c", "import signal, time\\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\\ntime.sleep(60)"])
print("CHILD", child.pid, flush=True)
${rest}`;

const INTERRUPT_AFTER_READY_MS = 300;

/** Profiles `source` with --json; sends SIGINT to the CLI once the script printed READY (if `interrupt`). */
async function profile(prefix: string, source: string, options: { interrupt?: boolean; extra?: string[] } = {}) {
  const dir = makeTempDir(prefix);
  const script = writeScript(dir, 'workload.py', source);
  let interruptedAt: number | null = null;
  let readyAt: number | null = null;
  let seen = '';
  const result = await runCli(
    ['profile', '--json', ...(options.extra ?? []), '--db', path.join(dir, 'runs.sqlite'), '--python', python, script],
    {
      onStderr: (text, child) => {
        seen += text;
        if (readyAt === null && /READY \d+\n/.test(seen)) readyAt = Date.now();
        if (!options.interrupt || interruptedAt !== null || !/READY \d+\n/.test(seen)) return;
        interruptedAt = Date.now() + INTERRUPT_AFTER_READY_MS;
        // Let the script run (and be sampled) a moment first, as a user's Ctrl-C would.
        setTimeout(() => child.kill('SIGINT'), INTERRUPT_AFTER_READY_MS);
      },
    },
  );
  expectNoStackTrace(result);
  const pid = Number(/READY (\d+)/.exec(result.stderr)?.[1] ?? NaN);
  const childPid = Number(/CHILD (\d+)/.exec(result.stderr)?.[1] ?? NaN);
  return {
    result,
    summary: parseSummary(result),
    pid,
    childPid,
    secondsAfterInterrupt: interruptedAt === null ? null : (Date.now() - interruptedAt) / 1000,
    secondsAfterReady: readyAt === null ? null : (Date.now() - readyAt) / 1000,
  };
}

/** Live (non-zombie) members of process group `pgid`. */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return members;
}

describe('gilscope profile: scripts that never end', () => {
  it('--duration 1 stops the script after about a second, keeping the samples', async () => {
    const { result, summary, secondsAfterReady } = await profile('duration', FOREVER, { extra: ['--duration', '1'] });
    // No timer of the stop sequence keeps the CLI alive (its 2 s SIGTERM grace once did).
    expect(secondsAfterReady).toBeLessThan(2.5);
    expect(result.code, `stderr: ${result.stderr}`).toBe(0);
    expect(summary.status).toBe('stopped');
    expect(summary.wallSeconds).toBeGreaterThan(0.95);
    expect(summary.wallSeconds).toBeLessThan(1.6);
    // A loaded machine can deny the sampler its CPU; the ticks it could not take are counted, not lost.
    const stats = summary.sampler as SamplerStats;
    const evidence = `${stats.ticks} ticks, ${stats.missedTicks} missed, ${stats.lateTicks} late`;
    expect(summary.samples, evidence).toBe(stats.ticks);
    // Ticks less than a period late are neither taken twice nor counted as missed, and a sampler starved in
    // the run's last moments stops short of its end: the count is a lower bound with that slack.
    expect(stats.ticks + (stats.missedTicks ?? 0), evidence).toBeGreaterThan(
      0.8 * (summary.wallSeconds ?? 0) * 100 - 5,
    );
    expect(summary.cpuSeconds).toBeGreaterThan(0.1); // measured and kept; how much a busy loop gets depends on the machine's load
  });

  it('SIGINT to the CLI stops the script (KeyboardInterrupt), status stopped', async () => {
    const { result, summary, pid, secondsAfterInterrupt } = await profile('sigint', FOREVER, { interrupt: true });
    expect(result.code, `stderr: ${result.stderr}`).toBe(0);
    // CPython ends an uncaught KeyboardInterrupt by re-raising SIGINT on itself.
    expect(summary).toMatchObject({ status: 'stopped', exitCode: null, signal: 'SIGINT' });
    expect(result.stderr).toContain('KeyboardInterrupt');
    expect(summary.samples).toBeGreaterThan(0);
    expect(secondsAfterInterrupt).toBeLessThan(1.5);
    expect(isAlive(pid)).toBe(false);
  });

  it('a script ignoring SIGINT and SIGTERM still ends by SIGKILL after the grace periods', async () => {
    const { result, summary, pid, secondsAfterInterrupt } = await profile('stubborn', STUBBORN, { interrupt: true });
    expect(result.code, `stderr: ${result.stderr}`).toBe(0);
    expect(summary).toMatchObject({ status: 'stopped', exitCode: null, signal: 'SIGKILL' });
    expect(secondsAfterInterrupt).toBeGreaterThan(3.5); // 2 s after SIGINT + 2 s after SIGTERM
    expect(secondsAfterInterrupt).toBeLessThan(6);
    expect(summary.samples).toBeGreaterThan(100);
    expect(isAlive(pid)).toBe(false);
  });

  it('stopping kills the whole group, including a child that ignores SIGINT and SIGTERM', async () => {
    const { summary, pid, childPid } = await profile('group-stop', withStubbornChild(FOREVER), { interrupt: true });
    expect(summary.status).toBe('stopped');
    expect(childPid).toBeGreaterThan(0);
    // SIGKILL is sent before the CLI ends, but the child (not the CLI's own) dies when the kernel gets to it.
    await expect.poll(() => isAlive(childPid), { timeout: 5_000 }).toBe(false);
    await expect.poll(() => groupMembers(pid), { timeout: 5_000 }).toEqual([]);
  });

  it('a child left running when the script ends does not hold up the run, and is killed', async () => {
    const started = Date.now();
    const { result, summary, childPid } = await profile(
      'group-exit',
      withStubbornChild('print("READY", __import__("os").getpid(), flush=True)\n'),
    );
    expect(result.code, `stderr: ${result.stderr}`).toBe(0);
    expect(summary.status).toBe('completed');
    expect(summary.wallSeconds).toBeLessThan(1);
    expect((Date.now() - started) / 1000).toBeLessThan(5);
    await expect.poll(() => isAlive(childPid), { timeout: 5_000 }).toBe(false);
  });

  it('kill -9 of the CLI leaves no process of the script or of its children within 2 s', async () => {
    const dir = makeTempDir('sigkill');
    // A busy script with a busy multiprocessing child and a busy subprocess grandchild.
    const script = writeScript(
      dir,
      'workload.py',
      `
import multiprocessing, os, subprocess, sys, time
def spin():
    child = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    print("GRANDCHILD", child.pid, flush=True)
    while True: pass
if __name__ == "__main__":
    worker = multiprocessing.Process(target=spin)
    worker.start()
    print("SCRIPT", os.getpid(), "CHILD", worker.pid, flush=True)
    while True:
        time.sleep(0.001)
`,
    );
    let seen = '';
    let killedAt = 0;
    const result = await runCli(
      ['profile', '--json', '--db', path.join(dir, 'runs.sqlite'), '--python', python, script],
      {
        onStderr: (text, child) => {
          seen += text;
          // Both lines, in either order (the grandchild's can come first on a busy machine).
          if (killedAt === 0 && /SCRIPT \d+ CHILD \d+\n/.test(seen) && /GRANDCHILD \d+\n/.test(seen)) {
            killedAt = Date.now();
            child.kill('SIGKILL');
          }
        },
      },
    );
    expect(result.signal).toBe('SIGKILL');
    const pids = [...seen.matchAll(/(?:SCRIPT|CHILD|GRANDCHILD) (\d+)/g)].map((match) => Number(match[1]));
    expect(pids).toHaveLength(3);
    await expect.poll(() => pids.filter(isAlive), { timeout: 2_000, interval: 50 }).toEqual([]);
    expect((Date.now() - killedAt) / 1000).toBeLessThan(2);
  });
});
