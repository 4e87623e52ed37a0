// The interpreters the build and test machines are known to have (see docs/ENVIRONMENT.md), for tests.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** pyenv's versions folder. */
export const PYENV_VERSIONS = join(process.env.PYENV_ROOT || join(homedir(), '.pyenv'), 'versions');

/** The python3.X binary of a pyenv version, e.g. pyenvPython('3.12.1'). */
export function pyenvPython(version: string): string {
  const [major, minor] = version.split('.');
  return join(PYENV_VERSIONS, version, 'bin', `python${major}.${minor}`);
}

/** Every pyenv CPython 3.x version installed here, e.g. ['3.10.13', …]. */
export function pyenvVersions3(): string[] {
  if (!existsSync(PYENV_VERSIONS)) return [];
  return readdirSync(PYENV_VERSIONS).filter((v) => /^3\.\d+\.\d+$/.test(v) && existsSync(pyenvPython(v)));
}

/** GILscope's free-threaded build, or null when scripts/build-free-threaded-python.sh has not been run. */
export function freeThreadedPython(): string | null {
  const root = process.env.GILSCOPE_CACHE || join(homedir(), '.cache', 'gilscope');
  if (!existsSync(root)) return null;
  const prefix = readdirSync(root)
    .sort()
    .reverse()
    .find((d) => /^python-3\.\d+\.\d+t$/.test(d));
  if (prefix === undefined) return null;
  const minor = prefix.replace(/^python-(3\.\d+)\..*$/, '$1');
  const file = join(root, prefix, 'bin', `python${minor}t`);
  return existsSync(file) ? file : null;
}

/** Fails with a clear message when a machine interpreter is missing, instead of testing nothing. */
export function requireFile(path: string): string {
  if (!existsSync(path)) throw new Error(`This test needs ${path}, which the test machines have (docs/ENVIRONMENT.md)`);
  return path;
}

/** A fresh temporary folder and its removal. */
export function makeTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `gilscope-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
