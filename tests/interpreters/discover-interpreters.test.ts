import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverInterpreters } from '../../main/engine/interpreters/index.ts';
import type { Discovery } from '../../main/engine/interpreters/index.ts';
import { freeThreadedPython, makeTempDir, pyenvPython, pyenvVersions3, requireFile } from './machine-pythons.ts';

const temp = makeTempDir('discover');
afterAll(temp.remove);

const digest = (d: Discovery) =>
  d.interpreters.map((i) => `${i.version}${i.freeThreaded ? 't' : ''} ${i.source} ${i.path}`);

describe('discoverInterpreters on this machine', () => {
  const cacheFile = join(temp.dir, 'interpreters.json');
  const runs: string[] = [];
  let cold: Discovery;
  let coldMs = 0;

  it('finds every pyenv CPython 3.x, once each, through its versioned name', async () => {
    const started = performance.now();
    cold = await discoverInterpreters({ cacheFile, onProbeRun: (path) => runs.push(path) });
    coldMs = performance.now() - started;
    const versions = pyenvVersions3();
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) {
      const found = cold.interpreters.filter((i) => i.realPath === pyenvPython(version));
      expect(found, version).toHaveLength(1);
      expect(found[0]).toMatchObject({ path: pyenvPython(version), version, source: 'pyenv', freeThreaded: false });
    }
    expect(new Set(cold.interpreters.map((i) => i.realPath)).size).toBe(cold.interpreters.length);
    expect(cold.interpreters.every((i) => !i.aliases.some((a) => a.includes('/shims/')))).toBe(true);
  });

  it('reports pyenv 3.12 as a GIL build', () => {
    const python312 = cold.interpreters.find((i) => i.realPath === requireFile(pyenvPython('3.12.1')));
    expect(python312).toMatchObject({ versionTuple: [3, 12, 1], freeThreaded: false, gilEnabledByDefault: true });
    expect(python312?.aliases).toEqual(
      ['python', 'python3', 'python3.12'].map((n) => join(pyenvPython('3.12.1'), '..', n)),
    );
  });

  it('lists Python 2.7 among the rejected, not the interpreters', () => {
    const python27 = cold.rejected.find((r) => r.path.includes('/2.7.18/'));
    expect(python27).toMatchObject({ kind: 'unsupported-version', version: '2.7.18' });
  });

  it('finds the free-threaded build from scripts/build-free-threaded-python.sh', (ctx) => {
    const path = freeThreadedPython();
    if (path === null) {
      if (process.env.CI) expect.fail('No free-threaded CPython found: run scripts/build-free-threaded-python.sh');
      ctx.skip('no free-threaded CPython: run scripts/build-free-threaded-python.sh');
      return;
    }
    const ft = cold.interpreters.find((i) => i.aliases.includes(path));
    expect(ft).toMatchObject({ path, freeThreaded: true, gilEnabledByDefault: false, source: 'gilscope-cache' });
    // Right after its GIL sibling of the same minor version (pyenv's 3.13.0 here), when there is one.
    const [major, minor] = ft!.versionTuple;
    const sameMinorGil = cold.interpreters.filter(
      (i) => i.versionTuple[0] === major && i.versionTuple[1] === minor && !i.freeThreaded,
    );
    if (sameMinorGil.length > 0)
      expect(cold.interpreters.indexOf(ft!)).toBe(cold.interpreters.indexOf(sameMinorGil.at(-1)!) + 1);
  });

  it('sorts newest first, GIL builds before free-threaded ones of the same minor version', () => {
    const keys = cold.interpreters.map((i) => [
      i.versionTuple[0],
      i.versionTuple[1],
      i.freeThreaded ? 1 : 0,
      -i.versionTuple[2],
    ]);
    const sorted = [...keys].sort((a, b) => b[0]! - a[0]! || b[1]! - a[1]! || a[2]! - b[2]! || a[3]! - b[3]!);
    expect(keys).toEqual(sorted);
  });

  it('answers from the cache the second time, without running any probe', async () => {
    const coldRuns = runs.length;
    expect(coldRuns).toBe(cold.interpreters.length + cold.rejected.length);
    expect(Object.keys(JSON.parse(readFileSync(cacheFile, 'utf8')).entries).length).toBe(coldRuns);
    const started = performance.now();
    const warm = await discoverInterpreters({ cacheFile, onProbeRun: (path) => runs.push(path) });
    const warmMs = performance.now() - started;
    expect(runs).toHaveLength(coldRuns);
    expect(digest(warm)).toEqual(digest(cold));
    console.log(`discovery: ${coldRuns} binaries, cold ${coldMs.toFixed(0)} ms, cached ${warmMs.toFixed(0)} ms`);
  });
});

describe('discoverInterpreters with symlinks and other layouts', () => {
  it('merges symlinks the user adds with the binary they point to', async () => {
    const target = requireFile(pyenvPython('3.12.1'));
    const links = join(temp.dir, 'links');
    mkdirSync(links);
    symlinkSync(target, join(links, 'py-a'));
    symlinkSync(join(target, '..', 'python3'), join(links, 'py b')); // a chain: py b → python3 → python3.12
    symlinkSync(join(links, 'py-a'), join(links, 'py-c'));
    const extraPaths = ['py-a', 'py b', 'py-c'].map((n) => join(links, n));
    const { interpreters } = await discoverInterpreters({ cacheFile: null, extraPaths });
    const matching = interpreters.filter((i) => i.realPath === target);
    expect(matching).toHaveLength(1);
    expect(matching[0]).toMatchObject({ path: target, source: 'pyenv' });
    expect(matching[0]?.aliases).toEqual(
      expect.arrayContaining([...extraPaths, target, join(target, '..', 'python3')]),
    );
  });

  it('lists a symlink the user adds to a system python as an alias of it', async () => {
    const link = join(temp.dir, 'only-link-python');
    symlinkSync(requireFile('/usr/bin/python3.11'), link);
    const env = { HOME: join(temp.dir, 'empty-home'), PATH: '' };
    const { interpreters } = await discoverInterpreters({ cacheFile: null, env, extraPaths: [link] });
    const debian = interpreters.find((i) => i.realPath === '/usr/bin/python3.11');
    expect(debian).toMatchObject({ path: '/usr/bin/python3.11', source: 'system' });
    expect(debian?.aliases).toEqual([link, '/usr/bin/python3', '/usr/bin/python3.11']);
  });

  it('looks in uv and conda folders under HOME and reports user paths that are not interpreters', async () => {
    const home = join(temp.dir, 'home');
    const uvBin = join(home, '.local/share/uv/python/cpython-3.12.1-linux-x86_64-gnu/bin');
    const condaPrefix = join(temp.dir, 'somewhere/conda-env');
    mkdirSync(uvBin, { recursive: true });
    mkdirSync(join(condaPrefix, 'bin'), { recursive: true });
    mkdirSync(join(home, '.conda'), { recursive: true });
    // Copies, not links: each is its own binary (pyenv's builds find libpython through an absolute RUNPATH).
    copyFileSync(requireFile(pyenvPython('3.12.1')), join(uvBin, 'python3.12'));
    symlinkSync('python3.12', join(uvBin, 'python3'));
    copyFileSync(requireFile(pyenvPython('3.11.7')), join(condaPrefix, 'bin/python3.11'));
    writeFileSync(join(home, '.conda/environments.txt'), `${condaPrefix}\n`);
    const env = { HOME: home, PATH: '/nonexistent' };
    const discovery = await discoverInterpreters({ cacheFile: null, env, extraPaths: ['/nonexistent/python3'] });
    expect(digest(discovery)).toEqual([
      `3.12.1 uv ${join(uvBin, 'python3.12')}`,
      `3.11.7 conda ${join(condaPrefix, 'bin/python3.11')}`,
      '3.11.2 system /usr/bin/python3.11',
    ]);
    expect(discovery.interpreters[0]?.aliases).toEqual([join(uvBin, 'python3'), join(uvBin, 'python3.12')]);
    expect(discovery.rejected.map((r) => r.message)).toContain('Python interpreter not found: /nonexistent/python3');
  });
});
