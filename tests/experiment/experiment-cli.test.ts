// `gilscope experiment` end to end through the real CLI: 2 configurations (3.13t GIL on / off) × 2
// repetitions of a short script, the table figures, the --fail-if gate passing and failing by exit
// code, gate parse errors, and Ctrl-C cancelling mid-experiment with the finished runs kept.
// Also 3.13 against Debian 3.15 run through its sid-chroot launcher.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createExperimentReader } from '../../main/engine/experiment/experiment-store.ts';
import { experimentView } from '../../main/engine/experiment/experiment-view.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import type { ExperimentView } from '../../main/shared/compare-types.ts';
import { runCli, writeScript, type CliResult } from '../cli/run-cli.ts';
import { makeTempDir } from '../support/profile-fixture.ts';
import { freeThreadedPython, pyenvPython, sidPython } from '../support/spawn-python.ts';

const SHORT = `
import sys, threading, time
# A moment before the work: on a busy machine the sampler may need it to find the runtime of so short a run.
time.sleep(0.2)
def spin():
    x = 0
    for i in range(400_000):
        x += i
threads = [threading.Thread(target=spin, name=f"w{i}") for i in range(int(sys.argv[1]))]
for t in threads: t.start()
for t in threads: t.join()
`;
/** Threads spinning for `argv[1]` seconds of wall time each: long enough for a 100 Hz sampler to see contention. */
const TIMED_SPIN = `
import sys, threading, time
def spin():
    deadline = time.monotonic() + float(sys.argv[1])
    while time.monotonic() < deadline:
        pass
threads = [threading.Thread(target=spin, name=f"w{i}") for i in range(3)]
for t in threads: t.start()
for t in threads: t.join()
`;
const SLEEPY = `
import time
time.sleep(0.6)
`;

let dir = '';
let script = '';
let python = '';

function experimentArgs(dbFile: string, extra: string[]): string[] {
  return [
    'experiment',
    script,
    '--python',
    python,
    '--gil',
    'on,off',
    '--repeat',
    '2',
    '--rate',
    '100',
    '--db',
    dbFile,
    ...extra,
    '--',
    '2',
  ];
}

function storedView(dbFile: string, id: number): ExperimentView {
  const store = openRunStore(dbFile, { readonly: true });
  try {
    return experimentView(createRunReader(store), createExperimentReader(store), id)!;
  } finally {
    store.close();
  }
}

function lastLine(result: CliResult): string {
  return result.stderr.trim().split('\n').at(-1) ?? '';
}

beforeAll(() => {
  dir = makeTempDir('experiment');
  script = writeScript(dir, 'short.py', SHORT);
  python = freeThreadedPython();
});

describe('gilscope experiment', () => {
  it('runs 2 configurations × 2 repetitions interleaved; the gate passes (exit 0) when its condition is false', async () => {
    const dbFile = path.join(dir, 'pass.sqlite');
    const result = await runCli(
      experimentArgs(dbFile, ['--json', '--fail-if', 'speedup(off vs on) < 0.01 and wall(3.13t on) > 1000']),
    );
    expect(result.code, result.stderr).toBe(0);
    const view = JSON.parse(result.stdout) as ExperimentView;
    expect(view).toMatchObject({
      schemaVersion: 1,
      status: 'completed',
      progress: { done: 4, total: 4 },
      baselineKey: 'python3.13t|on',
    });
    expect(view.configs.map((config) => config.key)).toEqual(['python3.13t|on', 'python3.13t|off']);
    const [on, off] = view.configs;
    // Interleaved: r1 on, r1 off, r2 on, r2 off.
    const all = [...on!.runIds, ...off!.runIds].sort((a, b) => a - b);
    expect(on!.runIds).toEqual([all[0], all[2]]);
    expect(off!.runIds).toEqual([all[1], all[3]]);
    for (const config of view.configs) {
      expect(config.failures).toBe(0);
      expect(config.wallSeconds!.min).toBeLessThanOrEqual(config.wallSeconds!.median);
      expect(config.wallSeconds!.median).toBeLessThanOrEqual(config.wallSeconds!.max);
      expect(config.parallelism!.median).toBeGreaterThan(0);
    }
    expect(on!.speedup).toBe(1);
    expect(off!.speedup).toBeCloseTo(on!.wallSeconds!.median / off!.wallSeconds!.median, 3);
    expect(off!.contention!.median).toBeLessThan(on!.contention!.median + 1e-9);
    expect(off!.contention!.median).toBe(0);
    expect(result.stderr).toMatch(/experiment \d+: run 4\/4: CPython 3\.13\.\d+t GIL off \(repetition 2 of 2\)/);
    expect(lastLine(result)).toMatch(
      /^gilscope: --fail-if does not hold \(gate passed\): speedup\(off vs on\) = [\d.]+ \(< 0\.01\) and wall\(3\.13t on\) = [\d.]+ \(> 1000\)$/,
    );
    // The stored experiment says the same as the JSON.
    expect(storedView(dbFile, view.id).configs.map((config) => config.runIds)).toEqual(
      view.configs.map((config) => config.runIds),
    );
    // The table form, and the export of the stored experiment.
    const csv = await runCli(['export', '--experiment', String(view.id), '--format', 'csv', '--db', dbFile]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toMatch(
      /^key,label,interpreter,version,freeThreaded,gilMode,varyValue,runIds,failures,wallMedianSeconds/,
    );
    expect(csv.stdout.split('\r\n').filter((line) => line !== '')).toHaveLength(3);
  });

  it('compares CPython 3.13 with Debian 3.15 run through its chroot launcher; the gate reads the 3.15 run', async () => {
    const dbFile = path.join(dir, 'versions.sqlite');
    const spin = writeScript(dir, 'timed-spin.py', TIMED_SPIN);
    const pythons = `${pyenvPython('3.13.0')},${sidPython('3.15')}`;
    const args = ['experiment', spin, '--python', pythons, '--repeat', '1', '--rate', '100', '--db', dbFile];
    const result = await runCli([...args, '--json', '--fail-if', 'contention(3.15) < 0.3', '--', '0.8']);
    expect(result.code, result.stderr).toBe(0);
    const view = JSON.parse(result.stdout) as ExperimentView;
    expect(view.status).toBe('completed');
    expect(view.configs).toHaveLength(2);
    const [, debian] = view.configs;
    expect(debian!.failures).toBe(0);
    expect(debian!.contention!.median).toBeGreaterThan(0.3);
    expect(result.stderr).toMatch(/run 2\/2: CPython 3\.15\.\d+/);
  });

  it('fails the gate with exit 3 and one line naming the measured value', async () => {
    const dbFile = path.join(dir, 'fail.sqlite');
    const result = await runCli(
      experimentArgs(dbFile, ['--vary-env', 'GS_THREADS=1', '--fail-if', 'contention(off GS_THREADS=1) < 0.5']),
    );
    expect(result.code, result.stderr).toBe(3);
    expect(lastLine(result), result.stderr).toMatch(
      /^gilscope: --fail-if holds: contention\(off GS_THREADS=1\) = 0 \(< 0\.5\)$/,
    );
    expect(result.stdout).toMatch(/CPython 3\.13\.\d+t GIL off GS_THREADS=1/);
  });

  it('refuses gate expressions it cannot parse or resolve with exit 2, before running anything', async () => {
    const dbFile = path.join(dir, 'bad.sqlite');
    const parse = await runCli(experimentArgs(dbFile, ['--fail-if', 'speedup(off on) < 1.5']));
    expect(parse.code).toBe(2);
    expect(parse.stderr).toMatch(/^gilscope: --fail-if: expected "vs", found "\)"/);
    const op = await runCli(experimentArgs(dbFile, ['--fail-if', 'wall(off) = 3']));
    expect(op.code).toBe(2);
    const selector = await runCli(experimentArgs(dbFile, ['--fail-if', 'speedup(3.12 vs on) < 1']));
    expect(selector.code).toBe(2);
    expect(selector.stderr).toMatch(/"3\.12" matches no configuration \(have: python3\.13t\|on, python3\.13t\|off\)/);
    expect(selector.stderr).not.toMatch(/run 1\//);
  });

  it('Ctrl-C cancels: the experiment is stored as cancelled and the finished runs are kept', async () => {
    const dbFile = path.join(dir, 'cancel.sqlite');
    const sleepy = writeScript(dir, 'sleepy.py', SLEEPY);
    let sent = false;
    const result = await runCli(
      ['experiment', sleepy, '--python', python, '--gil', 'on,off', '--repeat', '2', '--db', dbFile],
      {
        onStderr: (_text, child) => {
          // Interrupt while the second run is under way.
          if (!sent && /run 2\/4/.test(_text)) {
            sent = true;
            setTimeout(() => child.kill('SIGINT'), 250);
          }
        },
      },
    );
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(/experiment (\d+) cancelled; 2 of 4 runs kept/);
    const id = Number(/experiment (\d+) cancelled/.exec(result.stderr)?.[1]);
    const view = storedView(dbFile, id);
    expect(view.status).toBe('cancelled');
    expect(view.progress).toEqual({ done: 2, total: 4 });
    const store = openRunStore(dbFile, { readonly: true });
    try {
      const runs = createRunReader(store).listRuns();
      expect(runs.map((run) => run.status)).toEqual(['completed', 'stopped']);
    } finally {
      store.close();
    }
    expect(view.configs[0]!.wallSeconds).not.toBeNull();
    expect(view.configs[1]!.failures).toBe(1);
  });
});
