// A profiler without ptrace permission on its target (as a non-root user, or root without
// CAP_SYS_PTRACE, profiling a non-dumpable process): /proc/PID/mem and .../syscall are denied, schedstat
// and stat are not. The run must complete with per-thread CPU measured, and say it was degraded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../main/engine/analysis/run-summary.ts';
import { makeTempDir } from '../support/profile-fixture.ts';
import { pyenvPython } from '../support/spawn-python.ts';
import { expectNoStackTrace, parseSummary, runCli, writeScript } from './run-cli.ts';

/** Drops the capabilities that let root read any process's memory and any file. */
const NO_PTRACE = ['setpriv', '--bounding-set=-sys_ptrace', '--inh-caps=-sys_ptrace'];
const NO_PTRACE_NO_DAC = [
  'setpriv',
  '--bounding-set=-sys_ptrace,-dac_override,-dac_read_search',
  '--inh-caps=-sys_ptrace,-dac_override,-dac_read_search',
];

/** Two CPU-bound threads; the script makes itself non-dumpable first and reports each thread's own CPU time. */
const WORKLOAD = `
import ctypes, json, threading, time
PR_SET_DUMPABLE, PR_GET_DUMPABLE = 4, 3
libc = ctypes.CDLL(None, use_errno=True)
assert libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0
truth = {}
def burn():
    end = time.monotonic() + 0.6
    while time.monotonic() < end: pass
    truth[threading.get_native_id()] = time.thread_time()
threads = [threading.Thread(target=burn) for _ in range(2)]
for t in threads: t.start()
for t in threads: t.join()
print("TRUTH " + json.dumps({"dumpable": libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), "cpu": truth}), flush=True)
`;

interface Truth {
  dumpable: number;
  cpu: Record<string, number>;
}

/** Profiles the workload under `wrapper`; returns the summary and what the workload measured itself. */
async function profileDegraded(python: string, wrapper: string[]): Promise<{ summary: RunSummary; truth: Truth }> {
  const dir = makeTempDir('nomem');
  const script = writeScript(dir, 'workload.py', WORKLOAD);
  const result = await runCli(
    ['profile', '--json', '--db', path.join(dir, 'runs.sqlite'), '--python', python, script],
    { wrapper },
  );
  expectNoStackTrace(result);
  expect(result.code, result.stderr).toBe(0);
  const line = result.stderr.split('\n').find((text) => text.startsWith('TRUTH '));
  if (!line) throw new Error(`no TRUTH line; stderr: ${result.stderr}`);
  return { summary: parseSummary(result), truth: JSON.parse(line.slice('TRUTH '.length)) as Truth };
}

/** Each burning thread's CPU matches its own time.thread_time() (5% or 30 ms). */
function expectCpuMeasured(summary: RunSummary, truth: Truth): void {
  const entries = Object.entries(truth.cpu);
  expect(entries).toHaveLength(2);
  for (const [tid, cpu] of entries) {
    const thread = summary.threads.find((candidate) => candidate.tid === Number(tid));
    expect(thread, `thread ${tid}`).toBeDefined();
    expect(Math.abs((thread?.cpuSeconds ?? 0) - cpu)).toBeLessThanOrEqual(Math.max(0.05 * cpu, 0.03));
  }
}

/**
 * A copy of CPython 3.12 that root-without-DAC-override may execute but not read: the kernel makes
 * such a process non-dumpable from exec on, before the sampler can open /proc/PID/mem.
 */
function executeOnlyPython(): string {
  const home = path.join(os.homedir(), '.pyenv/versions/3.12.1');
  const prefix = makeTempDir('xonly-python');
  fs.mkdirSync(path.join(prefix, 'bin'));
  const exe = path.join(prefix, 'bin', 'python3.12');
  fs.copyFileSync(pyenvPython('3.12.1'), exe);
  fs.symlinkSync(path.join(home, 'lib'), path.join(prefix, 'lib')); // stdlib, found relative to the exe
  fs.chownSync(exe, 65534, 65534);
  fs.chmodSync(exe, 0o711);
  return exe;
}

describe('gilscope profile without ptrace permission', () => {
  it('non-dumpable from exec: CPU and states only, no GIL figures, and a warning', async () => {
    const { summary, truth } = await profileDegraded(executeOnlyPython(), NO_PTRACE_NO_DAC);
    expect(truth.dumpable).toBe(0);
    expect(summary.status).toBe('completed');
    expect(summary.gil).toBeNull();
    expect(summary.gilEnabled).toBeNull();
    expect(summary.warnings.join('\n')).toMatch(
      /cannot open \/proc\/\d+\/mem \(EACCES\): sampling CPU and thread states only, no GIL reads/,
    );
    expectCpuMeasured(summary, truth);
    for (const thread of summary.threads) {
      const total = Object.values(thread.states).reduce((sum, value) => sum + value, 0);
      expect(total).toBeCloseTo(1, 1);
    }
  });

  it('made non-dumpable by the script itself (prctl): CPU measured, and the run says states are degraded', async () => {
    // /proc/PID/mem may have been opened before the prctl ran (then GIL reads still work), but
    // .../syscall is checked on every read: the states fall back to the stat letter and the run says so.
    const { summary, truth } = await profileDegraded(pyenvPython('3.12.1'), NO_PTRACE);
    expect(truth.dumpable).toBe(0);
    expect(summary.status).toBe('completed');
    expect(summary.warnings.join('\n')).toMatch(/sampling degraded|sampling CPU and thread states only/);
    expectCpuMeasured(summary, truth);
  });
});
