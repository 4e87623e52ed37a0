// The running CPython processes GILscope could attach to (the app's "Attach to process…" list): each with its
// interpreter version, command line, thread count, and, when the kernel would refuse us its memory, the one
// line that says why and how to fix it. One pass over /proc; only processes that look like Python are inspected.
import fs from 'node:fs';
import { listProcessIds, readCommandLine, readProcessStat } from '../proc/process-files.ts';
import { openProcessMemory } from '../proc/process-memory.ts';
import { inspectPythonProcess } from '../python/python-process.ts';
import { versionFromFileName } from '../python/python-version.ts';
import { isGroupGuard } from './group-guard.ts';
import type { RunningPythonView } from '../../shared/running-python.ts';
import { explainPtraceDenied } from './ptrace-permission.ts';

/** An interpreter binary's name (python3.12, python3.13t, python) or a mapped libpython. */
const PYTHON_NAME = /^python(\d(\.\d+t?)?)?$/;
const LIBPYTHON_MAPPED = /\/libpython\d\.\d+[a-z]*\.so/;

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function readStatusNumbers(pid: number): { threads: number; uid: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'latin1');
    const threads = Number(/\nThreads:\s*(\d+)/.exec(text)?.[1]);
    const uid = Number(/\nUid:\s*(\d+)/.exec(text)?.[1]);
    return Number.isFinite(threads) && Number.isFinite(uid) ? { threads, uid } : null;
  } catch {
    return null;
  }
}

/** True when the process runs a Python interpreter, judged by its executable or a mapped libpython (null: unreadable). */
function looksLikePython(pid: number): boolean | null {
  let exe: string;
  try {
    exe = fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return null;
  }
  if (PYTHON_NAME.test(baseName(exe.replace(/ \(deleted\)$/, '')))) return true;
  try {
    return LIBPYTHON_MAPPED.test(fs.readFileSync(`/proc/${pid}/maps`, 'latin1'));
  } catch {
    return null;
  }
}

type VersionFacts = Pick<RunningPythonView, 'pythonVersion' | 'freeThreaded' | 'refusal'>;

/** Version and build read from the process's own runtime, else guessed from its binary's name; null when it holds no CPython. */
function readVersion(pid: number, argv0: string): VersionFacts | null {
  let mem;
  try {
    mem = openProcessMemory(pid);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const named = versionFromFileName(argv0);
    return {
      pythonVersion: named ? `${named.major}.${named.minor}` : null,
      freeThreaded: null,
      refusal: code === 'EACCES' || code === 'EPERM' ? explainPtraceDenied(pid) : `process ${pid} ended`,
    };
  }
  try {
    const result = inspectPythonProcess(pid, mem);
    if (result.kind === 'not-python' || result.kind === 'gone') return null;
    const version =
      result.kind === 'ok' ? result.info.version : result.kind === 'unsupported' ? result.partial.version : undefined;
    const freeThreaded =
      result.kind === 'ok'
        ? result.info.freeThreaded
        : result.kind === 'unsupported'
          ? result.partial.freeThreaded
          : undefined;
    if (version)
      return {
        pythonVersion: `${version.major}.${version.minor}.${version.micro}`,
        freeThreaded: freeThreaded ?? null,
        refusal: null,
      };
    const named = versionFromFileName(argv0);
    return { pythonVersion: named ? `${named.major}.${named.minor}` : null, freeThreaded: null, refusal: null };
  } finally {
    mem.close();
  }
}

/** Every running Python process but GILscope's own helpers, the ones GILscope may attach to first, newest first. */
export function listPythonProcesses(): RunningPythonView[] {
  const found: RunningPythonView[] = [];
  for (const pid of listProcessIds()) {
    if (pid === process.pid) continue;
    const commandLine = readCommandLine(pid);
    // Kernel threads and zombies have no command line.
    if (commandLine === null || commandLine.length === 0) continue;
    const stat = readProcessStat(pid);
    if (stat === null || stat.state === 'Z' || stat.state === 'X') continue;
    const python = looksLikePython(pid) ?? PYTHON_NAME.test(baseName(commandLine[0] ?? ''));
    if (!python || isGroupGuard(commandLine)) continue;
    const status = readStatusNumbers(pid);
    const version = status && readVersion(pid, commandLine[0] ?? '');
    if (!status || !version) continue;
    found.push({ pid, commandLine, threadCount: status.threads, uid: status.uid, ...version });
  }
  return found.sort((a, b) => Number(a.refusal !== null) - Number(b.refusal !== null) || b.pid - a.pid);
}
