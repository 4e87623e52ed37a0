// readThreadingNames against real CPython children (3.10–3.13 and free-threaded 3.13t, GIL off):
// the fixture names its threads, prints id(sys.modules) and {ident: name}, then waits on stdin.
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProcessMemory } from '../../main/engine/proc/process-memory.ts';
import type { MemoryReader } from '../../main/engine/proc/process-memory.ts';
import { readThreadingNames } from '../../main/engine/python/threading-names.ts';
import { createObjectReader, objectLayoutFor } from '../../main/engine/python/py-objects.ts';
import type { KeyAddressCache } from '../../main/engine/python/py-objects.ts';
import { readPyStr } from '../../main/engine/python/py-str.ts';
import { readPyInt } from '../../main/engine/python/py-int.ts';
import { readTypeName } from '../../main/engine/python/py-type.ts';

import { sidLauncherPath } from '../support/spawn-python.ts';
import { threadChurn } from '../support/python-workloads.ts';
const FIXTURE = String.raw`
import json, sys, threading
names = ["alpha", "beta worker", "wörker-αβγ", "emoji-🐍", "café", "long-" + "abcdefghij" * 19 + "klmno"]
stop = threading.Event()
threads = [threading.Thread(target=stop.wait, name=n, daemon=True) for n in names]
for t in threads:
    t.start()
not_a_dict = [1, 2, 3]
samples = {"int": 123456789012345, "neg": -77, "zero": 0, "kind4": "🐍" * 5000}
gil = getattr(sys, "_is_gil_enabled", lambda: True)()
print(json.dumps({
    "modules": id(sys.modules),
    "list": id(not_a_dict),
    "samples": {k: id(v) for k, v in samples.items()},
    "gil": gil,
    "threads": {str(t.ident): t.name for t in threading.enumerate()},
}), flush=True)
sys.stdin.read()
stop.set()
`;

const CHURN = String.raw`
import json, sys, threading, time
def work(i):
    time.sleep(0.0005 * (i % 7))
${threadChurn('work', 8, 'churn-0')}print(json.dumps({"modules": id(sys.modules)}), flush=True)
sys.stdin.read()
`;

interface FixtureOutput {
  modules: number;
  list: number;
  samples: Record<'int' | 'neg' | 'zero' | 'kind4', number>;
  gil: boolean;
  threads: Record<string, string>;
}

interface Target {
  label: string;
  executable: string;
  major: number;
  minor: number;
  freeThreaded: boolean;
  env?: Record<string, string>;
}

const pyenv = (v: string): string =>
  path.join(os.homedir(), '.pyenv/versions', v, 'bin', `python${v.split('.').slice(0, 2).join('.')}`);
const FREE_THREADED = path.join(os.homedir(), '.cache/gilscope/python-3.13.5t/bin/python3.13t');

const TARGETS: Target[] = [
  { label: '3.10', executable: pyenv('3.10.13'), major: 3, minor: 10, freeThreaded: false },
  { label: '3.11', executable: pyenv('3.11.7'), major: 3, minor: 11, freeThreaded: false },
  { label: '3.12', executable: pyenv('3.12.1'), major: 3, minor: 12, freeThreaded: false },
  { label: '3.13', executable: pyenv('3.13.0'), major: 3, minor: 13, freeThreaded: false },
  { label: '3.13t', executable: FREE_THREADED, major: 3, minor: 13, freeThreaded: true, env: { PYTHON_GIL: '0' } },
  { label: '3.14 (sid chroot)', executable: sidLauncherPath('3.14'), major: 3, minor: 14, freeThreaded: false },
  { label: '3.15 (sid chroot)', executable: sidLauncherPath('3.15'), major: 3, minor: 15, freeThreaded: false },
];

/** Locally a missing interpreter skips its tests; under CI they run and fail in beforeAll. */
function shouldRun(target: Target): boolean {
  return fs.existsSync(target.executable) || Boolean(process.env.CI);
}

function requireInterpreter(target: Target): void {
  if (fs.existsSync(target.executable)) return;
  const hint = target.freeThreaded
    ? ': run scripts/build-free-threaded-python.sh to build it'
    : target.label.includes('sid')
      ? ': run scripts/build-sid-chroot.sh to build it'
      : '';
  throw new Error(`Python ${target.label} not found at ${target.executable}${hint}`);
}

/** Counts the syscalls a reader makes. */
function countingReader(mem: MemoryReader): MemoryReader & { reads: number } {
  const counter = {
    reads: 0,
    read: (a: number, n: number) => {
      counter.reads++;
      return mem.read(a, n);
    },
    readInto: mem.readInto,
    close: () => mem.close(),
  };
  return counter;
}

describe.each(TARGETS)('readThreadingNames on Python $label', (target) => {
  const available = shouldRun(target);
  let child: ChildProcessByStdio<Writable, Readable, Readable> | undefined;
  let fixture: FixtureOutput;
  let mem: MemoryReader;
  let dir: string;
  const python = { major: target.major, minor: target.minor, freeThreaded: target.freeThreaded };

  beforeAll(async () => {
    if (!available) return;
    requireInterpreter(target);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-threading-'));
    const script = path.join(dir, 'fixture.py');
    fs.writeFileSync(script, FIXTURE);
    const proc = spawn(target.executable, [script], {
      env: { ...process.env, ...target.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child = proc;
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const nl = out.indexOf('\n');
        if (nl !== -1) resolve(out.slice(0, nl));
      });
      proc.on('exit', (code) => reject(new Error(`fixture exited (${code}): ${stderr}`)));
    });
    fixture = JSON.parse(line) as FixtureOutput;
    mem = openProcessMemory(proc.pid!);
  });

  afterAll(() => {
    mem?.close();
    child?.kill('SIGKILL');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!available)('maps every threading ident to its Thread name', () => {
    if (target.freeThreaded) expect(fixture.gil).toBe(false);
    const expected = new Map(Object.entries(fixture.threads).map(([ident, name]) => [Number(ident), name]));
    expect(expected.size).toBe(7);
    expect([...expected.values()]).toContain('MainThread');
    const names = readThreadingNames(mem, fixture.modules, python);
    expect(names).toEqual(expected);
  });

  it.skipIf(!available)('reuses key addresses across calls to read in few syscalls', () => {
    const cache: KeyAddressCache = new Map();
    const first = countingReader(mem);
    const a = readThreadingNames(first, fixture.modules, python, cache);
    const second = countingReader(mem);
    const started = process.hrtime.bigint();
    const b = readThreadingNames(second, fixture.modules, python, cache);
    const micros = Number(process.hrtime.bigint() - started) / 1000;
    expect(b).toEqual(a);
    expect(a.size).toBe(7);
    console.log(
      `${target.label}: first call ${first.reads} reads, cached call ${second.reads} reads, ${micros.toFixed(0)} µs`,
    );
    // About five reads a thread (ident, header, values, name, …) plus the path to `_active`.
    expect(second.reads).toBeLessThan(20 + 7 * a.size);
  });

  it.skipIf(!available)('returns an empty map for a bogus address or a non-dict object', () => {
    expect(readThreadingNames(mem, 0x1000, python).size).toBe(0);
    expect(readThreadingNames(mem, 0, python).size).toBe(0);
    expect(readThreadingNames(mem, 2 ** 46 + 8, python).size).toBe(0);
    expect(readThreadingNames(mem, fixture.list, python).size).toBe(0);
    expect(readThreadingNames(mem, fixture.list + 8, python).size).toBe(0);
    expect(readThreadingNames(mem, fixture.modules, { major: 3, minor: 9, freeThreaded: false }).size).toBe(0);
    // Misaligned and neighbouring addresses: whatever they hold, no throw and no invented names.
    for (let delta = -512; delta <= 512; delta += 4) {
      if (delta === 0) continue;
      expect(readThreadingNames(mem, fixture.modules + delta, python).size).toBe(0);
    }
  });

  it.skipIf(!available)('never throws while threads start and stop', async () => {
    const script = path.join(dir, 'churn.py');
    fs.writeFileSync(script, CHURN);
    const proc = spawn(target.executable, [script], {
      env: { ...process.env, ...target.env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      const line = await new Promise<string>((resolve) =>
        proc.stdout.once('data', (d: Buffer) => resolve(d.toString())),
      );
      const modules = (JSON.parse(line) as { modules: number }).modules;
      const churnMem = openProcessMemory(proc.pid!);
      const cache: KeyAddressCache = new Map();
      const distinct = new Set<string>();
      for (let i = 0; i < 300; i++) {
        const names = readThreadingNames(churnMem, modules, python, cache);
        for (const name of names.values()) expect(name).toMatch(/^(MainThread|churn-\d+)$/);
        for (const name of names.values()) distinct.add(name);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      churnMem.close();
      expect(distinct.size).toBeGreaterThan(10);
    } finally {
      proc.kill('SIGKILL');
    }
  });

  it.skipIf(!available)('reads ints, a long kind-4 str (cut to 4096) and type names', () => {
    const r = createObjectReader(mem, objectLayoutFor(python)!);
    expect(readPyInt(r, fixture.samples.int)).toBe(123456789012345);
    expect(readPyInt(r, fixture.samples.neg)).toBe(-77);
    expect(readPyInt(r, fixture.samples.zero)).toBe(0);
    expect(readPyStr(r, fixture.samples.kind4)).toBe('🐍'.repeat(4096));
    expect(readTypeName(r, fixture.list)).toBe('list');
    expect(readTypeName(r, fixture.modules)).toBe('dict');
    expect(readPyStr(r, fixture.list)).toBeNull();
    expect(readPyInt(r, fixture.samples.kind4)).toBeNull();
  });
});
