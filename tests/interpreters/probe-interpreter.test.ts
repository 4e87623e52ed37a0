import { chmodSync, copyFileSync, linkSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeInterpreter, supportsGilToggle } from '../../main/engine/interpreters/index.ts';
import type { ProbeResult } from '../../main/engine/interpreters/index.ts';
import { PROBE_MARKER } from '../../main/engine/interpreters/probe-script.ts';
import { freeThreadedPython, makeTempDir, pyenvPython, requireFile } from './machine-pythons.ts';
import { sidPython } from '../support/spawn-python.ts';

const temp = makeTempDir('probe');
afterAll(temp.remove);
const noCache = { cacheFile: null };

function script(name: string, body: string, mode = 0o755): string {
  const file = join(temp.dir, name);
  writeFileSync(file, body);
  chmodSync(file, mode);
  return file;
}

function ok(result: ProbeResult) {
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.kind}: ${result.message}`);
  return result.interpreter;
}

describe('probeInterpreter', () => {
  it('reports a missing path as not-found, naming it', async () => {
    const result = await probeInterpreter('/nonexistent/bin/python3', noCache);
    expect(result).toEqual({
      kind: 'not-found',
      path: '/nonexistent/bin/python3',
      message: 'Python interpreter not found: /nonexistent/bin/python3',
    });
  });

  it('reports a directory as not-executable', async () => {
    const result = await probeInterpreter(temp.dir, noCache);
    expect(result.kind).toBe('not-executable');
    expect(result.message).toBe(`Not an executable file: ${temp.dir} is a directory`);
  });

  it('reports a file without execute permission as not-executable', async () => {
    const file = script('no-x-python3', '#!/bin/sh\necho hello\n', 0o644);
    const result = await probeInterpreter(file, noCache);
    expect(result.kind).toBe('not-executable');
    expect(result.message).toBe(`Not an executable file: ${file} has no execute permission`);
  });

  it('reports a shell script as not-python, quoting what it printed', async () => {
    const file = script('hello.sh', '#!/bin/sh\necho hello\n');
    const result = await probeInterpreter(file, noCache);
    expect(result.kind).toBe('not-python');
    expect(result.message).toBe(
      `Not a Python interpreter: ${file} did not answer the probe (exit code 0, output "hello")`,
    );
  });

  it('reports a hung program as failed after the time limit', async () => {
    const file = script('hangs', '#!/bin/sh\nsleep 5\n');
    const result = await probeInterpreter(file, { ...noCache, timeoutMs: 300 });
    expect(result).toMatchObject({
      kind: 'failed',
      message: `Probing ${file} failed: it did not answer within 300 ms`,
    });
  });

  it('reports Python 2.7 as unsupported-version', async () => {
    const python27 = requireFile(join(pyenvPython('2.7.18')));
    const result = await probeInterpreter(python27, noCache);
    expect(result).toMatchObject({ kind: 'unsupported-version', version: '2.7.18', versionTuple: [2, 7, 18] });
    expect(result.message).toBe(
      `${python27} is CPython 2.7.18: Python 2.7 is not supported (GILscope needs CPython 3.6 or newer)`,
    );
  });

  it('accepts CPython 3.6, the oldest supported version', async () => {
    const interpreter = ok(await probeInterpreter(requireFile(pyenvPython('3.6.15')), noCache));
    expect(interpreter).toMatchObject({
      version: '3.6.15',
      versionTuple: [3, 6, 15],
      freeThreaded: false,
      gilEnabledByDefault: true,
    });
  });

  it('reports PyPy as not-cpython', async () => {
    const pypy = requireFile('/usr/bin/pypy3'); // .ci/run installs Debian's pypy3
    const result = await probeInterpreter(pypy, noCache);
    expect(result).toMatchObject({ kind: 'not-cpython', implementation: 'pypy' });
    expect(result.message).toMatch(/^\/usr\/bin\/pypy3 is PyPy 3\.\d+\.\d+, not CPython/);
  });

  it('describes pyenv 3.12 as a GIL build without the PYTHON_GIL toggle', async () => {
    const path = requireFile(pyenvPython('3.12.1'));
    const interpreter = ok(await probeInterpreter(path, noCache));
    expect(interpreter).toEqual({
      path,
      realPath: path,
      aliases: [path],
      version: '3.12.1',
      versionTuple: [3, 12, 1],
      implementation: 'cpython',
      freeThreaded: false,
      gilEnabledByDefault: true,
      source: 'user',
    });
    expect(supportsGilToggle(interpreter)).toBe(false);
  });

  it.each(['3.14', '3.15'] as const)(
    'accepts a launcher that execs Debian %s in a chroot, with the version the interpreter reports',
    async (minor) => {
      const launcher = sidPython(minor);
      const interpreter = ok(await probeInterpreter(launcher, noCache));
      expect(interpreter).toMatchObject({ path: launcher, implementation: 'cpython', freeThreaded: false });
      expect(interpreter.version).toMatch(new RegExp(`^${minor.replace('.', '\\.')}\\.\\d+$`));
    },
  );

  it('describes the free-threaded build as free-threaded with the GIL off by default', async (ctx) => {
    const path = freeThreadedPython();
    if (path === null) {
      if (process.env.CI) expect.fail('No free-threaded CPython found: run scripts/build-free-threaded-python.sh');
      ctx.skip('no free-threaded CPython: run scripts/build-free-threaded-python.sh');
      return;
    }
    const interpreter = ok(await probeInterpreter(path, noCache));
    expect(interpreter).toMatchObject({ implementation: 'cpython', freeThreaded: true, gilEnabledByDefault: false });
    expect(supportsGilToggle(interpreter)).toBe(true);
  });

  it('probes a path with spaces and non-UTF-8 bytes (through its real path)', async () => {
    const target = requireFile(pyenvPython('3.12.1'));
    const name = Buffer.concat([Buffer.from(`${temp.dir}/my py `), Buffer.from([0xff, 0xfe]), Buffer.from(' thon')]);
    symlinkSync(target, name);
    const result = await probeInterpreter(name, noCache);
    const interpreter = ok(result);
    expect(interpreter.realPath).toBe(target);
    expect(interpreter.version).toBe('3.12.1');
    expect(result.path).toBe(`${temp.dir}/my py \uFFFD\uFFFD thon`);
    expect(result.message).toBe(`${temp.dir}/my py \uFFFD\uFFFD thon is CPython 3.12.1`);
  });

  it('fails cleanly when neither the path nor its real path is UTF-8 (Node cannot exec it)', async () => {
    const dir = Buffer.concat([Buffer.from(`${temp.dir}/dir `), Buffer.from([0xe9])]);
    mkdirSync(dir);
    const file = Buffer.concat([dir, Buffer.from('/python3')]);
    linkSync(requireFile(pyenvPython('3.12.1')), file);
    const result = await probeInterpreter(file, noCache);
    expect(result).toMatchObject({ kind: 'failed' });
    expect(result.message).toBe(
      `Cannot run ${temp.dir}/dir \uFFFD/python3: neither it nor its real path is valid UTF-8`,
    );
  });
});

describe('probe cache', () => {
  const fakeAnswer = (minor: number) =>
    `#!/bin/sh\necho '${PROBE_MARKER}{"v":[3,${minor},0],"level":"final","serial":0,"impl":"cpython","ft":false,"gil":true,"exeHex":""}'\n`;

  it('reuses a cached answer until the binary’s mtime or size changes', async () => {
    const cacheFile = join(temp.dir, 'cache.json');
    const file = join(temp.dir, 'fake-python');
    copyFileSync(script('fake-source', fakeAnswer(98)), file);
    chmodSync(file, 0o755);
    const runs: string[] = [];
    const options = { cacheFile, onProbeRun: (path: string) => runs.push(path) };

    expect(ok(await probeInterpreter(file, options)).version).toBe('3.98.0');
    expect(ok(await probeInterpreter(file, options)).version).toBe('3.98.0');
    expect(runs).toEqual([file]); // the second answer came from the cache file

    utimesSync(file, new Date(), new Date(Date.now() + 5_000)); // touch: a new mtime
    expect(ok(await probeInterpreter(file, options)).version).toBe('3.98.0');
    expect(runs).toHaveLength(2);

    writeFileSync(file, fakeAnswer(100)); // a rebuilt binary: new size and mtime
    expect(ok(await probeInterpreter(file, options)).version).toBe('3.100.0');
    expect(runs).toHaveLength(3);
  });

  it('remembers that a file is not Python, and never caches failures', async () => {
    const cacheFile = join(temp.dir, 'cache-2.json');
    const notPython = script('not-python', '#!/bin/sh\necho hello\n');
    const hangs = script('hangs-2', '#!/bin/sh\nsleep 5\n');
    let runs = 0;
    const options = { cacheFile, onProbeRun: () => runs++ };
    for (let i = 0; i < 2; i++) {
      // The short limit only for the hung one: a loaded machine may take longer than 200 ms to run `echo`.
      expect((await probeInterpreter(notPython, { ...options, timeoutMs: 10_000 })).kind).toBe('not-python');
      expect((await probeInterpreter(hangs, { ...options, timeoutMs: 200 })).kind).toBe('failed');
    }
    expect(runs).toBe(3); // not-python once, the hung one twice
  });
});
