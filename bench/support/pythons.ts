// The interpreters the benchmarks run: the pyenv GIL build and the free-threaded build (see ENVIRONMENT.md).
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

/** The GIL build every bench uses. */
export const GIL_PYTHON = path.join(os.homedir(), '.pyenv/versions/3.12.1/bin/python3.12');

/** The free-threaded build (used with PYTHON_GIL=0 in the slowdown bench). */
export const FREE_THREADED_PYTHON = path.join(
  process.env.GILSCOPE_CACHE ?? path.join(os.homedir(), '.cache/gilscope'),
  'python-3.13.5t/bin/python3.13t',
);

/** `sys.version` (first line) of an interpreter, or why it could not be asked. */
export function pythonVersion(python: string): string {
  try {
    return execFileSync(python, ['-I', '-c', 'import sys; print(sys.version.splitlines()[0])'], {
      encoding: 'utf8',
    }).trim();
  } catch (error) {
    return `unavailable (${(error as Error).message.split('\n')[0]})`;
  }
}

/** Debian's 3.15 in the sid chroot, through the launcher scripts/build-sid-chroot.sh writes (absent until built). */
export const SID_PYTHON_315 = path.join(
  process.env.GILSCOPE_CACHE ?? path.join(os.homedir(), '.cache/gilscope'),
  'sid-bin/python3.15',
);
