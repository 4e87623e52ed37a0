// What an attached process runs, read from its memory when its executable cannot be asked: a Python in a
// chroot or container needs that root's libraries (Debian sid's 3.15 needs glibc 2.38), so running its
// binary from here to probe it fails, although its memory reads as any other.
import type { Interpreter } from '../interpreters/interpreter.ts';
import { openProcessMemory } from '../proc/process-memory.ts';
import { inspectPythonProcess } from '../python/python-process.ts';

/** The interpreter of live process `pid` from its runtime's own version fields; null when that cannot be read. */
export function interpreterFromMemory(pid: number, executable: string): Interpreter | null {
  let memory;
  try {
    memory = openProcessMemory(pid);
  } catch {
    return null;
  }
  try {
    const result = inspectPythonProcess(pid, memory);
    if (result.kind !== 'ok') return null;
    const { major, minor, micro } = result.info.version;
    return {
      path: executable,
      realPath: executable,
      aliases: [executable],
      version: `${major}.${minor}.${micro}`,
      versionTuple: [major, minor, micro],
      implementation: 'cpython',
      freeThreaded: result.info.freeThreaded,
      // Unknown without running it; an attached run never sets PYTHON_GIL, so nothing depends on it.
      gilEnabledByDefault: !result.info.freeThreaded,
      source: 'user',
    };
  } finally {
    memory.close();
  }
}
