// Bad script paths given to `gilscope profile`: refused with one line before anything is launched or
// stored; paths that are fine (a package folder, spaces) run end to end.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScriptPath } from '../../main/engine/launch/check-script-path.ts';
import { makeTempDir } from '../support/profile-fixture.ts';
import { pyenvPython } from '../support/spawn-python.ts';
import { expectNoStackTrace, expectOneLineError, parseSummary, runCli, writeScript } from './run-cli.ts';

const python = pyenvPython('3.12.1');

/** `gilscope profile --json --db DB --python 3.12 SCRIPT` in `dir`. */
function profileArgs(dir: string, script: string[]): string[] {
  return ['profile', '--json', '--db', path.join(dir, 'runs.sqlite'), '--python', python, ...script];
}

describe('gilscope profile: script paths', () => {
  it('refuses a missing script, storing nothing', async () => {
    const dir = makeTempDir('missing');
    const result = await runCli(profileArgs(dir, ['no-such-script.py']), { cwd: dir });
    expectOneLineError(result, new RegExp(`script not found: ${path.join(dir, 'no-such-script.py')}$`));
    expect(fs.existsSync(path.join(dir, 'runs.sqlite'))).toBe(false);
  });

  it('refuses a directory without __main__.py', async () => {
    const dir = makeTempDir('dir');
    fs.mkdirSync(path.join(dir, 'pkg'));
    const result = await runCli(profileArgs(dir, ['pkg']), { cwd: dir });
    expectOneLineError(result, /script is a directory without __main__\.py: .*\/pkg$/);
  });

  it('runs a directory with __main__.py', async () => {
    const dir = makeTempDir('dir-main');
    writeScript(dir, 'pkg/__main__.py', 'print("hello from __main__")\n');
    const result = await runCli(profileArgs(dir, ['pkg']), { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const summary = parseSummary(result);
    expect(summary.status).toBe('completed');
    expect(summary.script).toBe(path.join(dir, 'pkg'));
    expect(result.stderr).toContain('hello from __main__');
  });

  it('refuses a file it cannot read (no CAP_DAC_OVERRIDE, mode 000, owned by another user)', async () => {
    const dir = makeTempDir('unreadable');
    const script = writeScript(dir, 'secret.py', 'print("should not run")\n');
    fs.chmodSync(script, 0o000);
    fs.chownSync(script, 65534, 65534);
    const result = await runCli(profileArgs(dir, ['secret.py']), {
      cwd: dir,
      wrapper: [
        'setpriv',
        '--bounding-set=-dac_override,-dac_read_search',
        '--inh-caps=-dac_override,-dac_read_search',
      ],
    });
    expectOneLineError(result, /script not readable \(permission denied\): .*\/secret\.py$/);
    expect(fs.existsSync(path.join(dir, 'runs.sqlite'))).toBe(false);
  });

  it('says a non-UTF-8 path cannot be received intact, instead of "not found"', async () => {
    const dir = makeTempDir('non-utf8');
    const rawName = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('-workload.py')]);
    fs.writeFileSync(Buffer.concat([Buffer.from(dir + '/'), rawName]), 'print("hi")\n');
    // Node cannot pass such bytes as an argument; bash puts them in argv as they are.
    const result = await runCli(profileArgs(dir, []), {
      cwd: dir,
      wrapper: ['bash', '-c', 'exec "$0" "$@" "$(printf \'\\377\\376-workload.py\')"'],
    });
    const line = expectOneLineError(
      result,
      /contains bytes that are not valid UTF-8; rename the file or pass a symlink with a UTF-8 name$/,
    );
    expect(line).not.toMatch(/not found/);
  });

  it('engine: a path decoded with U+FFFD is refused with the specific message', () => {
    const check = checkScriptPath('\uFFFD\uFFFD-workload.py', makeTempDir('fffd'));
    expect(check).toEqual({ kind: 'refused', message: expect.stringMatching(/not valid UTF-8/) as unknown });
  });

  it('refuses a file that is not a Python script, naming it, before anything runs', async () => {
    const dir = makeTempDir('not-python');
    writeScript(dir, 'notes.txt', 'print("should not run")\n');
    const result = await runCli(profileArgs(dir, ['notes.txt']), { cwd: dir });
    expectOneLineError(
      result,
      /not a Python script \(expected \.py, \.pyw or \.pyz, or a python shebang\): .*\/notes\.txt$/,
    );
    expect(fs.existsSync(path.join(dir, 'runs.sqlite'))).toBe(false);
  });

  it('engine: accepts .py, .pyw, .pyz and an extensionless file with a python shebang; refuses other text', () => {
    const dir = makeTempDir('suffixes');
    for (const name of ['a.py', 'b.pyw', 'c.pyz', 'D.PY']) writeScript(dir, name, 'print(1)\n');
    writeScript(dir, 'tool', '#!/usr/bin/env python3\nprint(1)\n');
    writeScript(dir, 'shell-tool', '#!/bin/sh\necho 1\n');
    writeScript(dir, 'data.json', '{}\n');
    const kinds = Object.fromEntries(
      ['a.py', 'b.pyw', 'c.pyz', 'D.PY', 'tool', 'shell-tool', 'data.json'].map((name) => [
        name,
        checkScriptPath(name, dir).kind,
      ]),
    );
    expect(kinds).toEqual({
      'a.py': 'ok',
      'b.pyw': 'ok',
      'c.pyz': 'ok',
      'D.PY': 'ok',
      tool: 'ok',
      'shell-tool': 'refused',
      'data.json': 'refused',
    });
  });

  it('profiles a script whose folder and name contain spaces, with arguments containing spaces', async () => {
    const dir = makeTempDir('spaces');
    const script = writeScript(dir, 'my folder/my script.py', 'import sys\nprint("ARGS", sys.argv[1:])\n');
    const result = await runCli(
      ['profile', '--json', '--db', path.join(dir, 'my runs.sqlite'), '--python', python, script, '--', 'an arg', 'b'],
      { cwd: dir },
    );
    expect(result.code, result.stderr).toBe(0);
    expectNoStackTrace(result);
    const summary = parseSummary(result);
    expect(summary.status).toBe('completed');
    expect(summary.script).toBe(script);
    expect(summary.args).toEqual(['an arg', 'b']);
    expect(result.stderr).toContain("ARGS ['an arg', 'b']");
    const shown = await runCli(['show', String(summary.runId), '--json', '--db', path.join(dir, 'my runs.sqlite')]);
    expect(parseSummary(shown).script).toBe(script);
  });
});
