// Test helpers for the runtime-location tests: spawn a real CPython on a fixture script written to a
// temp dir, wait for the one JSON line it prints, and kill every child at the end.
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { MemoryReader } from '../../main/engine/proc/process-memory.ts';
import { inspectPythonProcess } from '../../main/engine/python/python-process.ts';
import type { InspectResult, PythonProcessInfo } from '../../main/engine/python/python-process.ts';

/** A pyenv interpreter by full version, e.g. pyenvPython('3.12.1'). */
export function pyenvPython(version: string): string {
  const minor = version.split('.').slice(0, 2).join('.');
  return path.join(os.homedir(), '.pyenv/versions', version, 'bin', `python${minor}`);
}

/** The free-threaded 3.13t build; throws (so tests fail, not skip) when it is missing. */
export function freeThreadedPython(): string {
  const exe = path.join(
    process.env.GILSCOPE_CACHE ?? path.join(os.homedir(), '.cache/gilscope'),
    'python-3.13.5t/bin/python3.13t',
  );
  if (!fs.existsSync(exe))
    throw new Error(`free-threaded CPython missing: run scripts/build-free-threaded-python.sh (looked for ${exe})`);
  return exe;
}

/** Where scripts/build-sid-chroot.sh puts the launcher of Debian's python3.14 / python3.15 (may not exist). */
export function sidLauncherPath(minor: '3.14' | '3.15'): string {
  const cache = process.env.GILSCOPE_CACHE ?? path.join(os.homedir(), '.cache/gilscope');
  return path.join(cache, 'sid-bin', `python${minor}`);
}

/**
 * Launcher of Debian's python3.14 / python3.15 in the sid chroot (scripts/build-sid-chroot.sh); throws
 * (so tests fail, not skip) when it is missing.
 */
export function sidPython(minor: '3.14' | '3.15'): string {
  const launcher = sidLauncherPath(minor);
  if (!fs.existsSync(launcher))
    throw new Error(`CPython ${minor} launcher missing: run scripts/build-sid-chroot.sh (looked for ${launcher})`);
  return launcher;
}

/** A started fixture: the child (stdin open: closing it lets fixtures that read stdin exit) and its JSON line. */
export interface PythonFixture<T> {
  child: ChildProcessByStdio<Writable, Readable, Readable>;
  pid: number;
  output: T;
}

const children = new Set<ChildProcessByStdio<Writable, Readable, Readable>>();
let tempDir: string | null = null;

/** Writes `script` to a temp file, runs it with `python`, resolves with the first stdout line parsed as JSON. */
export function startPythonFixture<T>(
  python: string,
  script: string,
  env: Record<string, string> = {},
): Promise<PythonFixture<T>> {
  tempDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-py-'));
  const file = path.join(tempDir, `fixture-${children.size}-${Date.now()}.py`);
  fs.writeFileSync(file, script);
  const child = spawn(python, [file], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  children.add(child);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`fixture printed nothing in 20 s; stderr: ${stderr}`)), 20_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      try {
        resolve({ child, pid: child.pid ?? -1, output: JSON.parse(stdout.slice(0, newline)) as T });
      } catch (error) {
        reject(error as Error);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${python} exited with ${code} before printing; stderr: ${stderr}`));
    });
  });
}

/** Polls `condition` every 10 ms until it holds; throws `describe()` once `timeoutMs` passed. */
async function waitUntil(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A thread's /proc syscall line split on spaces: ['running'], or the syscall number and its arguments. */
function threadSyscall(pid: number, tid: number): string[] {
  return fs.readFileSync(`/proc/${pid}/task/${tid}/syscall`, 'utf8').trim().split(' ');
}

/**
 * Resolves once the fixture's main thread is blocked in read(0, …) — fixtures print their JSON line and
 * only then call sys.stdin.read(), so for a moment after the line arrives the main thread is still in print().
 */
export async function mainThreadReadingStdin(pid: number, timeoutMs = 5000): Promise<void> {
  // x86-64: syscall 0 is read; the first argument is the file descriptor.
  await waitUntil(
    () => {
      const [number, fd] = threadSyscall(pid, pid);
      return number === '0' && fd === '0x0';
    },
    timeoutMs,
    () => `main thread of ${pid} is not reading stdin after ${timeoutMs} ms`,
  );
}

/** x86-64 syscalls time.sleep() blocks in: select, nanosleep, pselect6 (3.10), clock_nanosleep (3.11+). */
const SLEEP_SYSCALLS = new Set(['23', '35', '270', '230']);

/**
 * Resolves once every thread in `tids` is blocked inside time.sleep(). A fixture thread that announced
 * itself (and then calls time.sleep) may still be between the two, or waiting for the GIL, for a while
 * on a loaded machine.
 */
export async function threadsSleeping(pid: number, tids: number[], timeoutMs = 10_000): Promise<void> {
  const awake = (): number[] => tids.filter((tid) => !SLEEP_SYSCALLS.has(threadSyscall(pid, tid)[0] ?? ''));
  await waitUntil(
    () => awake().length === 0,
    timeoutMs,
    () => `threads ${awake().join(', ')} of ${pid} are not in time.sleep() after ${timeoutMs} ms`,
  );
}

/** Kills every fixture child started so far (call in afterEach/afterAll). */
export function killPythonFixtures(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

/** Calls inspectPythonProcess until it is no longer `not-ready` (as the sampler does), or the time is up. */
export async function inspectWhenReady(pid: number, mem: MemoryReader, timeoutMs = 5000): Promise<InspectResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = inspectPythonProcess(pid, mem);
    if (result.kind !== 'not-ready' || Date.now() > deadline) return result;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Like inspectWhenReady, but fails unless the result is `ok`. */
export async function inspectOk(pid: number, mem: MemoryReader): Promise<PythonProcessInfo> {
  const result = await inspectWhenReady(pid, mem);
  if (result.kind !== 'ok') throw new Error(`inspect gave ${result.kind}: ${result.message}`);
  return result.info;
}
