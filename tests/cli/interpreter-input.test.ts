// Bad --python and --gil choices: refused with one line naming the interpreter, before a run is stored.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/profile-fixture.ts';
import { freeThreadedPython, pyenvPython } from '../support/spawn-python.ts';
import { expectOneLineError, parseSummary, runCli, writeScript } from './run-cli.ts';
import type { SamplerStats } from '../../main/engine/sampler/sampler-messages.ts';

const GIL_BUILD = pyenvPython('3.12.1');

/** A temp dir with a trivial script; returns the dir, the script and the DB path. */
function setup(prefix: string): { dir: string; script: string; db: string } {
  const dir = makeTempDir(prefix);
  return { dir, script: writeScript(dir, 'hello.py', 'print("hello")\n'), db: path.join(dir, 'runs.sqlite') };
}

describe('gilscope profile: interpreters', () => {
  it('refuses an executable that is not Python', async () => {
    const { dir, script, db } = setup('not-python');
    const fake = writeScript(dir, 'python3', '#!/bin/sh\necho "I am a shell script"\n');
    fs.chmodSync(fake, 0o755);
    const result = await runCli(['profile', '--db', db, '--python', fake, script]);
    expectOneLineError(result, new RegExp(`Not a Python interpreter: ${fake}`));
    expect(fs.existsSync(db)).toBe(false);
  });

  it('refuses PyPy: not CPython', async () => {
    const { script, db } = setup('pypy');
    const result = await runCli(['profile', '--db', db, '--python', '/usr/bin/pypy3', script]);
    expectOneLineError(result, /\/usr\/bin\/pypy3 is PyPy [\d.]+, not CPython/);
    expect(fs.existsSync(db)).toBe(false);
  });

  it('refuses a missing interpreter path', async () => {
    const { dir, script, db } = setup('missing-python');
    const result = await runCli(['profile', '--db', db, '--python', path.join(dir, 'nope/python3'), script]);
    expectOneLineError(result, /Python interpreter not found: .*\/nope\/python3$/);
  });

  it.each(['off', 'on'])('refuses --gil %s on a GIL build, naming the interpreter', async (mode) => {
    const { script, db } = setup(`gil-${mode}`);
    const result = await runCli(['profile', '--gil', mode, '--db', db, '--python', GIL_BUILD, script]);
    expectOneLineError(
      result,
      new RegExp(
        `--gil ${mode} needs a free-threaded CPython .*; ${GIL_BUILD} is CPython 3\\.12\\.1 with the GIL built in`,
      ),
    );
    expect(fs.existsSync(db)).toBe(false);
  });

  it('runs --gil off on 3.13t with the GIL disabled', async () => {
    const { script, db } = setup('gil-off-ft');
    writeScript(
      path.dirname(script),
      'hello.py',
      // Long enough to be attached to on a loaded machine (a busy proof once saw 0.2 s pass unattached).
      'import sys, time\ntime.sleep(1.0)\nprint("GIL", sys._is_gil_enabled())\n',
    );
    const result = await runCli([
      'profile',
      '--json',
      '--gil',
      'off',
      '--db',
      db,
      '--python',
      freeThreadedPython(),
      script,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const summary = parseSummary(result);
    expect(summary.status).toBe('completed');
    expect(summary.gilMode).toBe('off');
    expect(summary.interpreter?.freeThreaded).toBe(true);
    const stats = summary.sampler as SamplerStats | null;
    const evidence = `attached as ${summary.interpreter?.executable ?? 'never attached'}; ${stats?.ticks} ticks, ${stats?.missedTicks} missed, warnings: ${summary.warnings.join(' | ')}`;
    expect(summary.gilEnabled, evidence).toBe(false);
    expect(result.stderr).toContain('GIL False');
  });
});
