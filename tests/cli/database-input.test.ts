// Run databases that cannot be used (locked, corrupt, somebody else's, missing) and CLI mistakes:
// one line on stderr, nothing overwritten, and a lock that passes mid-run loses no samples.
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/profile-fixture.ts';
import { pyenvPython } from '../support/spawn-python.ts';
import { expectOneLineError, parseSummary, runCli, writeScript } from './run-cli.ts';

const python = pyenvPython('3.12.1');

/** Busy for `seconds`, reporting its own CPU time. */
const busy = (seconds: number): string =>
  `import time\nend = time.monotonic() + ${seconds}\nwhile time.monotonic() < end: pass\nprint("CPU", time.thread_time(), flush=True)\n`;

const lockers: ChildProcessByStdio<Writable, Readable, null>[] = [];
afterEach(() => {
  for (const locker of lockers.splice(0)) locker.kill('SIGKILL');
});

/** A Python process holding `BEGIN EXCLUSIVE` on `db` until its stdin closes (or `seconds` pass). */
async function lockDatabase(db: string, seconds = 30): Promise<ChildProcessByStdio<Writable, Readable, null>> {
  const code = `import sqlite3, sys, time, threading
c = sqlite3.connect(sys.argv[1], isolation_level=None, check_same_thread=False)
c.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
threading.Thread(target=lambda: (sys.stdin.read(), c.execute("COMMIT"), print("released", flush=True)), daemon=True).start()
time.sleep(${seconds})`;
  const locker = spawn(python, ['-c', code, db], { stdio: ['pipe', 'pipe', 'inherit'] });
  lockers.push(locker);
  await new Promise<void>((resolve, reject) => {
    locker.stdout
      .setEncoding('utf8')
      .once('data', (text: string) => (text.startsWith('locked') ? resolve() : reject(new Error(text))));
    locker.once('exit', (code) => reject(new Error(`locker exited with ${code}`)));
  });
  return locker;
}

/** A folder with a real run database (one completed run) and a short script. */
async function databaseWithOneRun(prefix: string): Promise<{ dir: string; db: string; script: string }> {
  const dir = makeTempDir(prefix);
  const db = path.join(dir, 'runs.sqlite');
  const script = writeScript(dir, 'hello.py', 'print("hello")\n');
  const first = await runCli(['profile', '--json', '--db', db, '--python', python, script]);
  expect(first.code, first.stderr).toBe(0);
  return { dir, db, script };
}

describe('gilscope and unusable run databases', () => {
  it('a database locked by another process: one "locked" line, the existing runs untouched', async () => {
    const { db, script } = await databaseWithOneRun('locked');
    await lockDatabase(db);
    const result = await runCli(['profile', '--json', '--db', db, '--python', python, script]);
    expectOneLineError(result, new RegExp(`${db}: database is locked by another connection or process`));
    lockers[0]?.stdin.end();
    const runs = await runCli(['runs', '--json', '--db', db]);
    expect((JSON.parse(runs.stdout) as { runs: unknown[] }).runs).toHaveLength(1);
  });

  it('a lock taken and released while a run is recorded loses no samples', async () => {
    const { dir, db } = await databaseWithOneRun('locked-midrun');
    const script = writeScript(dir, 'busy.py', busy(2.5));
    let locking: Promise<unknown> | null = null;
    const result = await runCli(['profile', '--json', '--db', db, '--python', python, script], {
      onStderr: () => {
        // The script started; hold the lock for ~1.5 s (less than the 3 s busy timeout) mid-run.
        locking ??= new Promise((resolve) => setTimeout(resolve, 500))
          .then(() => lockDatabase(db))
          .then((locker) => new Promise((resolve) => setTimeout(resolve, 1500)).then(() => locker.stdin.end()));
      },
    });
    await locking;
    expect(result.code, result.stderr).toBe(0);
    const summary = parseSummary(result);
    expect(summary.status).toBe('completed');
    const ownCpu = Number(/CPU ([\d.]+)/.exec(result.stderr)?.[1]);
    expect(Math.abs(summary.cpuSeconds - ownCpu)).toBeLessThan(Math.max(0.05 * ownCpu, 0.05));
    // No tick the sampler took was lost while the database was locked (how many it took in the 2.5 s
    // depends on the machine's load; at 100 Hz about 250, and the lock spans about 150 of them).
    expect(summary.samples).toBe((summary.sampler as { ticks: number }).ticks);
    expect(summary.samples).toBeGreaterThan(100);
  });

  it.each([
    [
      'random bytes',
      (file: string) =>
        fs.writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256))),
      /not a SQLite database, refusing to touch it/,
    ],
    [
      'a foreign SQLite database',
      (file: string) => foreignDatabase(file),
      /a SQLite database of another application, refusing to touch it/,
    ],
  ])('refuses %s, leaving the bytes unchanged', async (_name, make, message) => {
    const dir = makeTempDir('corrupt');
    const db = path.join(dir, 'runs.sqlite');
    make(db);
    const before = fs.readFileSync(db);
    const script = writeScript(dir, 'hello.py', 'print("hello")\n');
    expectOneLineError(await runCli(['profile', '--db', db, '--python', python, script]), message);
    expectOneLineError(await runCli(['runs', '--db', db]), message);
    expectOneLineError(await runCli(['show', '1', '--db', db]), message);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(['hello.py', 'runs.sqlite']);
  });

  it('refuses a truncated run database with one line, leaving the bytes unchanged', async () => {
    const { db, script } = await databaseWithOneRun('truncated');
    const whole = fs.readFileSync(db);
    fs.writeFileSync(db, whole.subarray(0, Math.floor(whole.length / 2)));
    const before = fs.readFileSync(db);
    for (const args of [
      ['profile', '--db', db, '--python', python, script],
      ['runs', '--db', db],
      ['show', '1', '--db', db],
    ]) {
      expectOneLineError(await runCli(args), new RegExp(`${db}: (database is corrupt|.*malformed)`));
    }
    // SQLite may add its -wal/-shm side files next to a WAL database; the file itself is untouched.
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });

  it('runs and show on a missing database file', async () => {
    const dir = makeTempDir('missing-db');
    const db = path.join(dir, 'none.sqlite');
    expectOneLineError(await runCli(['runs', '--db', db]), new RegExp(`no run database at ${db}`));
    expectOneLineError(await runCli(['show', '1', '--db', db]), new RegExp(`no run database at ${db}`));
    expect(fs.existsSync(db)).toBe(false);
  });

  it('show of a run that does not exist', async () => {
    const { db } = await databaseWithOneRun('no-run');
    expectOneLineError(await runCli(['show', '999', '--db', db]), new RegExp(`no run 999 in ${db}$`));
  });
});

describe('gilscope usage errors (exit 2)', () => {
  it.each([
    [['profile', '--rate', 'abc', 'x.py'], /--rate must be a positive number, got "abc"/],
    [['profile', '--gil', 'maybe', 'x.py'], /--gil must be one of default, on, off, got "maybe"/],
    [['profile', '--bogus', 'x.py'], /Unknown option '--bogus'/],
    [['profile'], /profile needs a SCRIPT/],
    [['show', 'abc'], /RUN must be an id/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j', async (args, message) => {
    expectOneLineError(await runCli(args), message, 2);
  });
});

/** A valid SQLite file made by another application (a table, no GILscope application id). */
function foreignDatabase(file: string): void {
  const code =
    'import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute("CREATE TABLE notes (text TEXT)")\nc.execute("INSERT INTO notes VALUES (1)")\nc.commit()';
  const { status } = spawnSync(python, ['-c', code, file], { stdio: 'inherit' });
  if (status !== 0) throw new Error('could not create the foreign database');
}
