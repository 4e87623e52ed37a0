// inspectPythonProcess / listThreadStates / readModulesDictAddress against real CPython children:
// the fixture starts 3 threads that block on an Event, prints what it knows about itself, then waits.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openProcessMemory } from '../../main/engine/proc/process-memory.ts';
import type { MemoryReader } from '../../main/engine/proc/process-memory.ts';
import {
  inspectPythonProcess,
  listThreadStates,
  readModulesDictAddress,
} from '../../main/engine/python/python-process.ts';
import {
  inspectOk,
  inspectWhenReady,
  killPythonFixtures,
  pyenvPython,
  startPythonFixture,
} from '../support/spawn-python.ts';
import { countingReader } from '../support/counting-reader.ts';
import { LOCAL_TARGETS } from '../support/python-targets.ts';

const THREADS_FIXTURE = String.raw`
import json, sys, sysconfig, threading, time
stop = threading.Event()
ids = {}
def worker():
    ids[threading.get_ident()] = threading.get_native_id()
    stop.wait()
threads = [threading.Thread(target=worker, daemon=True) for _ in range(3)]
for t in threads:
    t.start()
while len(ids) < 3:
    time.sleep(0.01)
ids[threading.get_ident()] = threading.get_native_id()
print(json.dumps({
    "version": list(sys.version_info[:3]),
    "hex": sys.hexversion,
    "freeThreaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "threads": {str(k): v for k, v in ids.items()},
    "modules": id(sys.modules),
}), flush=True)
sys.stdin.read()
`;

interface ThreadsOutput {
  version: [number, number, number];
  hex: number;
  freeThreaded: boolean;
  threads: Record<string, number>;
  modules: number;
}

let mem: MemoryReader | null = null;
afterEach(() => {
  mem?.close();
  mem = null;
  killPythonFixtures();
});

describe.each(LOCAL_TARGETS)('CPython $label', (target) => {
  it('reports the version, build flavour, threads and sys.modules the child reports', async () => {
    const fixture = await startPythonFixture<ThreadsOutput>(target.python(), THREADS_FIXTURE, target.env);
    mem = openProcessMemory(fixture.pid);
    const info = await inspectOk(fixture.pid, mem);
    const { output } = fixture;

    expect([info.version.major, info.version.minor, info.version.micro]).toEqual(output.version);
    expect(info.version.hex).toBe(output.hex);
    expect(info.freeThreaded).toBe(output.freeThreaded);
    expect(info.gil?.exact).toBe(true);
    expect(info.gil?.fields?.enabled ?? null).toBe(output.freeThreaded ? 0 : null);

    const states = listThreadStates(mem, info);
    expect(new Set(states.map((s) => s.tid))).toEqual(new Set(Object.values(output.threads)));
    const byIdent = Object.fromEntries(states.map((s) => [String(s.threadId), s.tid]));
    expect(byIdent).toEqual(output.threads);

    expect(readModulesDictAddress(mem, info)).toBe(output.modules);
  });

  it('lists the same threads again from the last listing with one batched read, and without the native reader', async () => {
    const fixture = await startPythonFixture<ThreadsOutput>(target.python(), THREADS_FIXTURE, target.env);
    mem = openProcessMemory(fixture.pid);
    const info = await inspectOk(fixture.pid, mem);
    const counts = { batches: 0, reads: 0 };
    const counting = countingReader(mem, counts);
    const first = listThreadStates(counting, info);
    expect(first).toHaveLength(4);
    expect(counts.batches).toBe(0);
    counts.reads = 0;
    expect(listThreadStates(counting, info, first)).toEqual(first);
    expect(counts).toEqual({ batches: 1, reads: 0 }); // head, 4 thread states (and 3.10's TIDs) in one call
    // A stale listing (the newest thread unknown, an address no longer listed) costs reads, not truth.
    counts.batches = counts.reads = 0;
    const stale = [{ address: 0x1000, threadId: 0, tid: null }, ...first.slice(1)];
    expect(listThreadStates(counting, info, stale)).toEqual(first);
    expect(counts.batches).toBe(1);
    expect(counts.reads).toBeGreaterThan(0);
    const plain = openProcessMemory(fixture.pid, { native: false });
    try {
      expect(listThreadStates(plain, info, first)).toEqual(first);
    } finally {
      plain.close();
    }
  });
});

describe('older and non-Python processes', () => {
  it('3.8: version from the library name, GIL only as the whole _PyRuntime range', async () => {
    const fixture = await startPythonFixture<ThreadsOutput>(pyenvPython('3.8.18'), THREADS_FIXTURE);
    mem = openProcessMemory(fixture.pid);
    const info = await inspectOk(fixture.pid, mem);
    expect([info.version.major, info.version.minor, info.version.micro]).toEqual(fixture.output.version);
    expect(info.layout).toBeNull();
    expect(info.gil).toEqual({ address: info.runtime.address, size: info.runtime.size, exact: false, fields: null });
    expect(info.mainInterpreter).toBeGreaterThan(0);
    expect(listThreadStates(mem, info)).toEqual([]);
  });

  it('3.6: unsupported, with the version and no GIL location, without throwing', async () => {
    const script = 'import json, sys\nprint(json.dumps(list(sys.version_info[:3])), flush=True)\nsys.stdin.read()\n';
    const fixture = await startPythonFixture<number[]>(pyenvPython('3.6.15'), script);
    mem = openProcessMemory(fixture.pid);
    const result = await inspectWhenReady(fixture.pid, mem);
    expect(result.kind).toBe('unsupported');
    if (result.kind !== 'unsupported') return;
    expect(result.partial.gil).toBeNull();
    expect([result.partial.version?.major, result.partial.version?.minor, result.partial.version?.micro]).toEqual(
      fixture.output,
    );
  });

  it('a process without CPython is not-python; a finished one is gone', async () => {
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      const pid = sleeper.pid ?? -1;
      mem = openProcessMemory(pid);
      expect(inspectPythonProcess(pid, mem).kind).toBe('not-python');
      sleeper.kill('SIGKILL');
      await new Promise((resolve) => sleeper.once('exit', resolve));
      expect(inspectPythonProcess(pid, mem).kind).toBe('gone');
    } finally {
      sleeper.kill('SIGKILL');
    }
  });
});
