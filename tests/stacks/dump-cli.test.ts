// `gilscope dump PID [--json]` end to end through bin/gilscope: py-spy-style text, one JSON object,
// GIL status (holder / waiting / disabled), and one-line errors with a non-zero exit.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessDump } from '../../main/engine/stacks/dump-process.ts';
import {
  freeThreadedPython,
  killPythonFixtures,
  pyenvPython,
  sidPython,
  startPythonFixture,
} from '../support/spawn-python.ts';
import { markerLine, STACK_FIXTURE, stackFixtureSettled } from './stack-fixture.ts';
import type { StackFixtureOutput } from './stack-fixture.ts';

const GILSCOPE = path.resolve(import.meta.dirname, '../../bin/gilscope');

function dump(args: string[], wrapper: string[] = []): { code: number | null; stdout: string; stderr: string } {
  const command = [...wrapper, GILSCOPE, 'dump', ...args];
  const result = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectOneLineError(result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}

/** Two threads spinning in Python: on a GIL build one holds the GIL while the other waits for it. */
const CONTENDED = String.raw`
import json, sys, threading, time
tids = {}
def spin():
    tids[threading.current_thread().name] = threading.get_native_id()
    n = 0
    while True: n += 1
for name in ("spin1", "spin2"):
    threading.Thread(target=spin, name=name, daemon=True).start()
while len(tids) < 2: time.sleep(0.01)
print(json.dumps({"tids": tids}), flush=True)
sys.stdin.read()
`;

afterEach(() => killPythonFixtures());

/** GIL builds dump is checked on: pyenv's 3.12 and 3.13, Debian's 3.14 and 3.15 through their chroot launchers. */
const DUMP_TARGETS = [
  { label: '3.12.1', minor: 12, python: () => pyenvPython('3.12.1') },
  { label: '3.13.0', minor: 13, python: () => pyenvPython('3.13.0') },
  { label: '3.14 (sid chroot)', minor: 14, python: () => sidPython('3.14') },
  { label: '3.15 (sid chroot)', minor: 15, python: () => sidPython('3.15') },
];

describe.each(DUMP_TARGETS)('gilscope dump of CPython $label', ({ minor, python }) => {
  it('prints every thread py-spy style: header with status and name, then function (file:line)', async () => {
    const fixture = await startPythonFixture<StackFixtureOutput>(python(), STACK_FIXTURE);
    const { tids, file } = fixture.output;
    await stackFixtureSettled(fixture.pid, fixture.output);
    const result = dump([String(fixture.pid)]);
    expect(result.stderr).toBe('');
    expect(result.code, `stderr: ${result.stderr}`).toBe(0);
    const text = result.stdout;
    expect(text).toMatch(new RegExp(`^Process ${fixture.pid}: .*python3\\.${minor} `));
    expect(text).toMatch(new RegExp(`^Python v3\\.${minor}\\.\\d+ `, 'm'));
    expect(text).toContain(
      `Thread ${tids.beta} (idle): "beta"\n    e (${file}:${markerLine('e')})\n    d (${file}:${markerLine('d')})\n    Thread.run (`,
    );
    expect(text).toMatch(
      new RegExp(
        `Thread ${tids.alpha} \\(active(, holds the GIL)?\\): "alpha"\\n    c \\(.*:${markerLine('c')}\\)\\n    b \\(`,
      ),
    );
    expect(text).toContain(
      `Thread ${tids.MainThread} (idle): "MainThread"\n    <module> (${file}:${markerLine('main')})`,
    );
    expect(text).toContain(`"ünï"\n    función_λ (${fixture.output.module}:4)`);
  });

  it('shows which thread holds the GIL and which waits for it', async () => {
    const fixture = await startPythonFixture<{ tids: Record<string, number> }>(python(), CONTENDED);
    let seen = false;
    const dumps: string[] = [];
    for (let i = 0; i < 10 && !seen; i++) {
      const parsed = JSON.parse(dump([String(fixture.pid), '--json']).stdout) as ProcessDump;
      const spinners = parsed.threads
        .filter((t) => t.name.startsWith('spin'))
        .map((t) => t.status.gil)
        .sort();
      dumps.push(spinners.join());
      seen = spinners.join() === 'holds,waiting';
    }
    expect(seen, `the spinners' GIL relations, dump by dump: ${dumps.join(' | ')}`).toBe(true);
  });
});

describe('gilscope dump', () => {
  it('--json prints exactly one JSON object with every thread', async () => {
    const fixture = await startPythonFixture<StackFixtureOutput>(pyenvPython('3.11.7'), STACK_FIXTURE);
    await stackFixtureSettled(fixture.pid, fixture.output);
    const result = dump([String(fixture.pid), '--json']);
    expect(result.code, `stderr: ${result.stderr}`).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
    const parsed = JSON.parse(result.stdout) as ProcessDump;
    expect(parsed.pid).toBe(fixture.pid);
    expect(parsed.threads.map((t) => t.name).sort()).toEqual(Object.keys(fixture.output.tids).sort());
    const method = parsed.threads.find((t) => t.name === 'method')!;
    expect(method.tid).toBe(fixture.output.tids.method);
    expect(method.stack.kind === 'ok' && method.stack.frames[0]).toEqual({
      function: 'Worker.method',
      file: fixture.output.file,
      line: markerLine('method'),
    });
  });

  it('says the GIL is disabled on 3.13t with PYTHON_GIL=0', async () => {
    const fixture = await startPythonFixture<{ tids: Record<string, number> }>(freeThreadedPython(), CONTENDED, {
      PYTHON_GIL: '0',
    });
    const result = dump([String(fixture.pid)]);
    expect(result.code, `stderr: ${result.stderr}`).toBe(0);
    expect(result.stdout).toContain(`Thread ${fixture.output.tids.spin1} (active, GIL disabled): "spin1"\n    spin (`);
    expect(result.stdout).toContain('(free-threaded)');
  });

  it('fails with one line and a non-zero exit: no such PID, not Python, permission denied, bad argument', async () => {
    expectOneLineError(dump(['4194000']), /^gilscope: no process with PID 4194000$/m);
    const sleeper = spawn('sleep', ['60']);
    try {
      expectOneLineError(dump([String(sleeper.pid)]), /not a CPython process/);
    } finally {
      sleeper.kill('SIGKILL');
    }
    const hidden = await startPythonFixture<{ ok: boolean }>(
      pyenvPython('3.12.1'),
      String.raw`
import ctypes, json, sys
assert ctypes.CDLL(None).prctl(4, 0, 0, 0, 0) == 0  # PR_SET_DUMPABLE 0: only CAP_SYS_PTRACE may read it
print(json.dumps({"ok": True}), flush=True)
sys.stdin.read()
`,
    );
    expectOneLineError(
      dump([String(hidden.pid)], ['setpriv', '--bounding-set=-sys_ptrace', '--inh-caps=-sys_ptrace']),
      /permission denied/,
    );
    const usage = dump(['nope']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^gilscope: not a PID: "nope"/);
  });
});
