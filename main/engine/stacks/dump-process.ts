// One snapshot of every Python thread of a running process (what `gilscope dump PID` prints): attach by
// reading /proc/PID/mem, find the runtime, read each thread's stack, name (threading) and status once.
import fs from 'node:fs';
import { openProcessMemory } from '../proc/process-memory.ts';
import type { MemoryReader } from '../proc/process-memory.ts';
import {
  inspectPythonProcess,
  pythonBuildOf,
  readGilSample,
  readModulesDictAddress,
} from '../python/python-process.ts';
import type { PythonProcessInfo } from '../python/python-process.ts';
import { readThreadingNames } from '../python/threading-names.ts';
import { createStackCache, readThreadStack, readThreadStackList } from './read-stacks.ts';
import type { StackResult } from './stack-types.ts';
import { readThreadStatus } from './thread-status.ts';
import type { ThreadStatus } from './thread-status.ts';

/** One thread of a dump. `name` is the threading name, else the OS name (comm). */
export interface DumpThread {
  tid: number;
  threadId: number;
  name: string;
  status: ThreadStatus;
  stack: StackResult;
}

/** A whole dump. */
export interface ProcessDump {
  pid: number;
  python: { version: string; freeThreaded: boolean; binary: string };
  commandLine: string;
  threads: DumpThread[];
}

/** Why a dump failed; `message` is one line for the user. */
export class DumpError extends Error {
  readonly kind: 'no-such-process' | 'permission-denied' | 'not-python' | 'unsupported' | 'gone' | 'not-ready';
  constructor(kind: DumpError['kind'], message: string) {
    super(message);
    this.name = 'DumpError';
    this.kind = kind;
  }
}

function openMemory(pid: number): MemoryReader {
  if (!fs.existsSync(`/proc/${pid}`)) throw new DumpError('no-such-process', `no process with PID ${pid}`);
  try {
    return openProcessMemory(pid);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') throw new DumpError('no-such-process', `no process with PID ${pid}`);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new DumpError(
        'permission-denied',
        `permission denied reading process ${pid}'s memory (needs the same user and ptrace access, or CAP_SYS_PTRACE)`,
      );
    }
    throw new DumpError('not-python', `cannot open /proc/${pid}/mem: ${(error as Error).message}`);
  }
}

async function inspect(pid: number, mem: MemoryReader): Promise<PythonProcessInfo> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const result = inspectPythonProcess(pid, mem);
    if (result.kind === 'ok') return result.info;
    if (result.kind === 'not-ready' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    const kind = result.kind === 'not-python' ? 'not-python' : result.kind;
    const prefix = kind === 'not-python' ? `process ${pid} is not a CPython process we can read` : `process ${pid}`;
    throw new DumpError(kind, `${prefix}: ${result.message}`);
  }
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

function osName(pid: number, tid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** Reads every thread of `pid` once. Throws DumpError (one-line message) when that is impossible. */
export async function dumpProcess(pid: number): Promise<ProcessDump> {
  const mem = openMemory(pid);
  try {
    const info = await inspect(pid, mem);
    const cache = createStackCache(info);
    const build = pythonBuildOf(info);
    let names = new Map<number, string>();
    let stacks;
    try {
      const modules = readModulesDictAddress(mem, info);
      if (modules !== null) names = readThreadingNames(mem, modules, build);
      stacks = readThreadStackList(mem, info, cache);
    } catch {
      throw new DumpError('gone', `process ${pid} exited while being read`);
    }
    for (const entry of stacks) {
      // A thread whose stack changed under the reader twice: a few more tries before giving up.
      for (let i = 0; i < 5 && entry.stack.kind === 'dropped'; i++) {
        try {
          entry.stack = readThreadStack(mem, info, cache, entry);
        } catch {
          break;
        }
      }
    }
    // The GIL and every thread's syscall are read together, after the slow part (stacks): read before it,
    // the holder had often handed the GIL over by the time its thread was looked at (every 5 ms under
    // contention), and the dump showed the new holder as neither holding nor waiting.
    let gil = null;
    try {
      gil = readGilSample(mem, info);
    } catch {
      throw new DumpError('gone', `process ${pid} exited while being read`);
    }
    const statuses = stacks.map((entry) => readThreadStatus(pid, entry.tid, entry.address, info.gil, gil));
    const threads: DumpThread[] = stacks.map((entry, i) => ({
      tid: entry.tid,
      threadId: entry.threadId,
      name: names.get(entry.threadId) ?? osName(pid, entry.tid),
      status: statuses[i]!,
      stack: entry.stack,
    }));
    // Oldest thread (usually the main thread) first, as py-spy prints them.
    threads.reverse();
    return {
      pid,
      python: {
        version: `${info.version.major}.${info.version.minor}.${info.version.micro}`,
        freeThreaded: info.freeThreaded,
        binary: info.runtime.binaryPath,
      },
      commandLine: commandLine(pid),
      threads,
    };
  } finally {
    mem.close();
  }
}
