// "Attach to process…" through the app service: processes:list finds a real running CPython (version,
// command line, threads), profile:attach records it live, profile:stop detaches and the process lives on.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GilscopeService } from '../../main/app-service/gilscope-service.ts';
import type { ApiEvents } from '../../main/shared/api-contract.ts';
import { NAPPING_THREADS, startReadyProcess } from '../support/attach-target.ts';
import { isAlive } from '../support/process-alive.ts';
import { makeTempDir } from '../support/profile-fixture.ts';
import { freeThreadedPython } from '../support/spawn-python.ts';
import { newService, PYTHON } from './service-helpers.ts';

/** Starts a short busy child process again and again (fork), forever; READY before the first. */
const FORKER = `
import multiprocessing, time
def work():
    end = time.process_time() + 0.1
    while time.process_time() < end:
        pass
if __name__ == "__main__":
    print("READY", flush=True)
    while True:
        child = multiprocessing.Process(target=work)
        child.start()
        child.join()
        time.sleep(0.05)
`;

const targets: ChildProcess[] = [];

/** Starts `source` (napping threads by default) under `python`, as a process GILscope did not launch; resolves once it printed READY. */
async function startSleeper(python: string, extraArg: string, source = NAPPING_THREADS): Promise<number> {
  const script = path.join(makeTempDir('attach-target'), 'sleeper.py');
  fs.writeFileSync(script, source);
  return (await startReadyProcess(python, script, [extraArg], targets)).pid;
}

describe('attaching through the app service', () => {
  let service: GilscopeService;
  let gilPid: number;
  let freePid: number;

  beforeAll(async () => {
    ({ service } = newService());
    [gilPid, freePid] = await Promise.all([
      startSleeper(PYTHON, 'gil-build'),
      startSleeper(freeThreadedPython(), 'free-threaded'),
    ]);
  });
  afterAll(async () => {
    await service.close();
    for (const child of targets) child.kill('SIGKILL');
  });

  it('lists running CPython processes with version, command line and threads, attachable ones first', async () => {
    const { processes } = await service.call('processes:list', undefined);
    const gil = processes.find((p) => p.pid === gilPid);
    const free = processes.find((p) => p.pid === freePid);
    expect(gil).toMatchObject({ pythonVersion: '3.12.1', freeThreaded: false, threadCount: 2, refusal: null });
    expect(gil?.commandLine.slice(1)).toEqual([expect.stringMatching(/sleeper\.py$/), 'gil-build']);
    expect(free).toMatchObject({ pythonVersion: '3.13.5', freeThreaded: true, threadCount: 2, refusal: null });
    // Only Python: this test runner (node) is not listed, nor is any process without a Python runtime.
    expect(processes.some((p) => p.pid === process.pid)).toBe(false);
    const firstRefused = processes.findIndex((p) => p.refusal !== null);
    if (firstRefused >= 0) expect(processes.slice(firstRefused).every((p) => p.refusal !== null)).toBe(true);
  });

  it('attaches, records the process live, and Stop detaches leaving it running', async () => {
    const progress: Array<ApiEvents['profile:progress']> = [];
    let ended: (event: ApiEvents['profile:ended']) => void = () => {};
    const end = new Promise<ApiEvents['profile:ended']>((resolve) => (ended = resolve));
    const unsubscribe = service.onAny((event, payload) => {
      if (event === 'profile:progress') progress.push(payload as ApiEvents['profile:progress']);
      if (event === 'profile:ended') ended(payload as ApiEvents['profile:ended']);
    });
    try {
      const started = await service.call('profile:attach', {
        pid: gilPid,
        rateHz: 200,
        durationSeconds: null,
        children: false,
      });
      expect(started).toMatchObject({ kind: 'started', pid: gilPid });
      if (started.kind !== 'started') return;
      await expect.poll(() => progress.filter((p) => p.runId === started.runId).length).toBeGreaterThan(3);
      expect(await service.call('profile:stop', { runId: started.runId })).toEqual({ stopping: true });
      expect(await end).toMatchObject({ runId: started.runId, status: 'stopped' });
      const summary = await service.call('runs:summary', { runId: started.runId });
      expect(summary?.attachedPid).toBe(gilPid);
      expect(summary?.script).toMatch(/sleeper\.py$/);
      expect(summary?.args).toEqual(['gil-build']);
      const napper = summary?.threads.find((t) => t.name === 'napper');
      expect(napper?.states.idle).toBeGreaterThan(0.8);
      expect(napper?.topFrames[0]?.function).toBe('napper');
      const { runs } = await service.call('runs:list', undefined);
      expect(runs.find((run) => run.id === started.runId)?.attachedPid).toBe(gilPid);
      expect(isAlive(gilPid)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(isAlive(gilPid)).toBe(true);
    } finally {
      unsubscribe();
    }
  });

  it('follows the attached process’s children only when asked, and leaves it running', async () => {
    const forker = await startSleeper(PYTHON, 'forker', FORKER);
    const record = async (children: boolean) => {
      let ended: (event: ApiEvents['profile:ended']) => void = () => {};
      const end = new Promise<ApiEvents['profile:ended']>((resolve) => (ended = resolve));
      const unsubscribe = service.on('profile:ended', (event) => ended(event));
      try {
        const started = await service.call('profile:attach', {
          pid: forker,
          rateHz: 200,
          durationSeconds: 1.5,
          children,
        });
        if (started.kind !== 'started') throw new Error(started.message);
        expect(await end).toMatchObject({ runId: started.runId, status: 'stopped' });
        return (await service.call('runs:summary', { runId: started.runId }))!;
      } finally {
        unsubscribe();
      }
    };
    const alone = await record(false);
    expect(alone.processes?.map((p) => p.pid)).toEqual([forker]);
    const tree = await record(true);
    const workers = tree.processes?.filter((p) => p.pid !== forker) ?? [];
    expect(workers.length, JSON.stringify(tree.processes)).toBeGreaterThanOrEqual(2);
    for (const worker of workers) expect(worker.parentPid).toBe(forker);
    expect(workers.some((worker) => worker.cpuSeconds > 0.05)).toBe(true);
    expect(isAlive(forker)).toBe(true);
  });

  it('refuses a process that is gone in one line, and bad payloads before anything runs', async () => {
    expect(
      await service.call('profile:attach', { pid: 4_000_000, rateHz: 100, durationSeconds: null, children: false }),
    ).toEqual({ kind: 'refused', message: 'no process 4000000' });
    await expect(
      service.request('profile:attach', { pid: -1, rateHz: 100, durationSeconds: null, children: false }),
    ).rejects.toThrow(/profile:attach: invalid payload: pid/);
  });
});
