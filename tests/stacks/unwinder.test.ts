// The remote unwinder on real interpreters: exact function names (qualnames on 3.11+), files and lines
// of named threads parked at known lines, generators, coroutines, a 500-deep recursion, exec'd code,
// non-ASCII names, a spinning thread read over and over, and threads that exit while being read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProcessMemory } from '../../main/engine/proc/process-memory.ts';
import type { MemoryReader } from '../../main/engine/proc/process-memory.ts';
import type { PythonProcessInfo } from '../../main/engine/python/python-process.ts';
import { listThreadStates } from '../../main/engine/python/python-process.ts';
import { createStackCache, readThreadStack, readThreadStacks } from '../../main/engine/stacks/read-stacks.ts';
import type { StackCache, StackFrame, UnwindOptions } from '../../main/engine/stacks/read-stacks.ts';
import { inspectOk, killPythonFixtures, startPythonFixture } from '../support/spawn-python.ts';
import { CHURN_FIXTURE, markerLine, STACK_FIXTURE, stackFixtureSettled } from './stack-fixture.ts';
import type { StackFixtureOutput } from './stack-fixture.ts';
import { PYTHON_TARGETS } from '../support/python-targets.ts';
import { countingReader } from '../support/counting-reader.ts';

afterAll(() => killPythonFixtures());

describe.each(PYTHON_TARGETS)('unwinder on CPython $label', (target) => {
  let mem: MemoryReader;
  let info: PythonProcessInfo;
  let cache: StackCache;
  let out: StackFixtureOutput;
  let pid: number;
  const q = (qualified: string): string =>
    target.minor >= 11 ? qualified : qualified.slice(qualified.lastIndexOf('.') + 1);
  const at = (fn: string, marker: string): StackFrame => ({
    function: q(fn),
    file: out.file,
    line: markerLine(marker),
  });

  beforeAll(async () => {
    const fixture = await startPythonFixture<StackFixtureOutput>(target.python(), STACK_FIXTURE, target.env);
    out = fixture.output;
    pid = fixture.pid;
    await stackFixtureSettled(fixture.pid, out);
    mem = openProcessMemory(fixture.pid);
    info = await inspectOk(fixture.pid, mem);
    cache = createStackCache(info);
  });
  afterAll(() => {
    mem?.close();
    killPythonFixtures(); // the spinning "alpha" must not slow the next interpreter's suite down
  });

  /** The thread's frames (a few tries: a spinning thread's stack may be dropped as torn now and then). */
  function framesOf(
    name: string,
    options: UnwindOptions = {},
    reader = mem,
    readerCache = cache,
  ): { frames: StackFrame[]; truncated: boolean } {
    const tid = out.tids[name];
    if (tid === undefined) throw new Error(`no thread ${name}`);
    for (let i = 0; i < 20; i++) {
      const stack = readThreadStacks(reader, info, readerCache, options).get(tid);
      if (stack?.kind === 'ok') return stack;
    }
    throw new Error(`no stack for ${name}`);
  }
  function expectThreadBottom(frames: StackFrame[]): void {
    const last = frames[frames.length - 1]!;
    expect(last.function).toBe(q('Thread._bootstrap'));
    expect(last.file).toMatch(/threading\.py$/);
  }

  it('reads a → b → c busy in "alpha" and d → e sleeping in "beta"', () => {
    const alpha = framesOf('alpha').frames;
    expect(alpha.slice(0, 3)).toEqual([at('c', 'c'), at('b', 'b'), at('a', 'a')]);
    expectThreadBottom(alpha);
    const beta = framesOf('beta').frames;
    expect(beta.slice(0, 2)).toEqual([at('e', 'e'), at('d', 'd')]);
    expect(beta.map((f) => f.function)).toEqual([
      q('e'),
      q('d'),
      q('Thread.run'),
      q('Thread._bootstrap_inner'),
      q('Thread._bootstrap'),
    ]);
  });

  it('reads the main thread at module level', () => {
    expect(framesOf('MainThread').frames).toEqual([at('<module>', 'main')]);
  });

  it('gives class methods their qualified names and skips the __init__ shim', () => {
    expect(framesOf('method').frames.slice(0, 2)).toEqual([at('Worker.method', 'method'), at('Worker.start', 'start')]);
    const init = framesOf('init').frames;
    expect(init.slice(0, 2)).toEqual([at('Holder.__init__', 'init'), at('make_holder', 'make_holder')]);
    expectThreadBottom(init);
  });

  it('walks generators and an asyncio task coroutine chain', () => {
    expect(framesOf('gen').frames.slice(0, 2)).toEqual([at('producer', 'producer'), at('consumer', 'consumer')]);
    const aio = framesOf('aio').frames;
    expect(aio.slice(0, 2)).toEqual([at('inner_coro', 'inner_coro'), at('outer_coro', 'outer_coro')]);
    expect(aio).toContainEqual(at('aio_main', 'aio_main'));
    expect(aio.some((f) => f.file.endsWith('base_events.py'))).toBe(true);
    expectThreadBottom(aio);
  });

  it('reads a 500-deep recursion completely, and truncates it cleanly at maxDepth', () => {
    const full = framesOf('deep');
    expect(full.truncated).toBe(false);
    expect(full.frames[0]).toEqual(at('recurse', 'deep'));
    expect(full.frames.slice(1, 501).every((f) => f.function === 'recurse' && f.line === markerLine('recurse'))).toBe(
      true,
    );
    expect(full.frames[501]).toEqual(at('deep', 'deep_root'));
    expectThreadBottom(full.frames);
    const cut = framesOf('deep', { maxDepth: 100 });
    expect(cut.truncated).toBe(true);
    expect(cut.frames).toHaveLength(100);
    expect(cut.frames.every((f) => f.function === 'recurse')).toBe(true);
  });

  it('reads exec/compile code as <string> and non-ASCII names and files', () => {
    expect(framesOf('exec').frames.slice(0, 3)).toEqual([
      { function: 'from_string', file: '<string>', line: 3 },
      { function: '<module>', file: '<string>', line: 4 },
      at('run_exec', 'exec'),
    ]);
    expect(framesOf('ünï').frames.slice(0, 2)).toEqual([
      { function: 'función_λ', file: out.module, line: 4 },
      at('run_unicode', 'unicode'),
    ]);
  });

  it('gives the same stacks without the data-stack copy', () => {
    for (const name of ['beta', 'deep', 'aio', 'init', 'exec']) {
      expect(framesOf(name, { copyDataStack: false })).toEqual(framesOf(name));
    }
  });

  it('reads the same stacks with one pread per region, without the native reader', () => {
    const plain = openProcessMemory(pid, { native: false });
    try {
      expect(plain.readRegions).toBeUndefined();
      const plainCache = createStackCache(info);
      for (const name of ['beta', 'deep', 'aio', 'init', 'exec', 'ünï']) {
        expect(framesOf(name, {}, plain, plainCache)).toEqual(framesOf(name));
      }
    } finally {
      plain.close();
    }
  });

  it('walks a parked thread again with one batched read, the top re-check included', () => {
    expect(mem.readRegions).toBeDefined(); // the native reader is built on test machines
    const counts = { batches: 0, reads: 0 };
    const counting = countingReader(mem, counts);
    const beta = listThreadStates(mem, info).find((t) => t.tid === out.tids.beta)!;
    const fresh = createStackCache(info);
    const first = readThreadStack(counting, info, fresh, beta);
    counts.batches = counts.reads = 0;
    const second = readThreadStack(counting, info, fresh, beta);
    expect(second).toEqual(first);
    expect(second.kind === 'ok' && second.frames.slice(0, 2).map((f) => f.function)).toEqual(['e', 'd']);
    expect(counts).toEqual({ batches: 1, reads: 0 });
  });

  it('reads a spinning thread 300 times: every kept stack is right, drops are counted', () => {
    const before = { ...cache.stats };
    let kept = 0;
    for (let i = 0; i < 300; i++) {
      const stack = readThreadStacks(mem, info, cache).get(out.tids.alpha!);
      if (stack?.kind !== 'ok') continue;
      kept++;
      expect(stack.frames.slice(0, 3).map((f) => f.function)).toEqual(['c', 'b', 'a']);
    }
    const dropped =
      cache.stats.droppedTorn +
      cache.stats.droppedUnreadable +
      cache.stats.droppedCycle -
      before.droppedTorn -
      before.droppedUnreadable -
      before.droppedCycle;
    expect(kept + dropped).toBe(300);
    expect(kept).toBeGreaterThan(270);
  });
});

describe.each(PYTHON_TARGETS)('threads exiting mid-sample on CPython $label', (target) => {
  it('never throws while threads start and stop', async () => {
    const fixture = await startPythonFixture<{ ok: boolean }>(target.python(), CHURN_FIXTURE, target.env);
    const mem = openProcessMemory(fixture.pid);
    try {
      const info = await inspectOk(fixture.pid, mem);
      const cache = createStackCache(info);
      // Read for at least 1.5 s, and on until 100 samples saw a worker at least once: how many reads fit
      // in a fixed time depends on how loaded the machine is (the give-up time only bounds a hang).
      const started = Date.now();
      let samples = 0;
      let sawWorker = 0;
      while ((Date.now() - started < 1500 || samples <= 100 || sawWorker === 0) && Date.now() - started < 30_000) {
        const stacks = readThreadStacks(mem, info, cache);
        samples++;
        for (const stack of stacks.values()) {
          if (stack.kind === 'ok' && stack.frames.some((f) => f.function === 'worker')) sawWorker++;
        }
      }
      expect(samples).toBeGreaterThan(100);
      expect(sawWorker).toBeGreaterThan(0);
      expect(cache.stats.stacks).toBe(
        cache.stats.ok + cache.stats.droppedTorn + cache.stats.droppedCycle + cache.stats.droppedUnreadable,
      );
    } finally {
      mem.close();
      killPythonFixtures();
    }
  });
});
