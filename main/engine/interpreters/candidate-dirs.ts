// The folders where a user's machine keeps Python interpreters, most specific source first.
import { readFile, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { InterpreterSource } from './interpreter.ts';

/** A folder to list, and the source its interpreters are attributed to. */
export interface CandidateDir {
  dir: string;
  source: InterpreterSource;
}

const CONDA_ROOTS = ['miniconda3', 'anaconda3', 'miniforge3', 'mambaforge'];

/** Lists candidate folders from the environment (nothing is executed; missing folders are kept, listing skips them). */
export async function listCandidateDirs(env: NodeJS.ProcessEnv): Promise<CandidateDir[]> {
  const home = env.HOME || homedir();
  const pyenvRoot = env.PYENV_ROOT || join(home, '.pyenv');
  const uvRoot = env.UV_PYTHON_INSTALL_DIR || join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'uv', 'python');
  const gilscopeCache = env.GILSCOPE_CACHE || join(home, '.cache', 'gilscope');
  const tagged = (source: InterpreterSource) => (dirs: string[]) => dirs.map((dir) => ({ dir, source }));
  const groups = await Promise.all([
    binsOfChildren(join(pyenvRoot, 'versions')).then(tagged('pyenv')),
    binsOfChildren(uvRoot).then(tagged('uv')),
    condaBins(home, env).then(tagged('conda')),
    binsOfChildren(gilscopeCache, (name) => name.startsWith('python-')).then(tagged('gilscope-cache')),
    tagged('system')(['/usr/local/bin', '/usr/bin']),
    tagged('path')((env.PATH ?? '').split(':').filter((dir) => isAbsolute(dir))),
  ]);
  return groups.flat();
}

/** `root/<child>/bin` for each child folder (or symlink) of root whose name passes the filter. */
async function binsOfChildren(root: string, keep: (name: string) => boolean = () => true): Promise<string[]> {
  try {
    const entries = await readdir(root, { withFileTypes: true });
    return entries
      .filter((e) => (e.isDirectory() || e.isSymbolicLink()) && keep(e.name))
      .map((e) => join(root, e.name, 'bin'))
      .sort();
  } catch {
    return [];
  }
}

async function condaBins(home: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const roots = [...CONDA_ROOTS.map((name) => join(home, name)), '/opt/conda'];
  const envDirs = await Promise.all([
    ...roots.map((root) => binsOfChildren(join(root, 'envs'))),
    binsOfChildren(join(home, '.conda', 'envs')),
    condaEnvironmentsTxt(join(home, '.conda', 'environments.txt')),
  ]);
  const prefix = env.CONDA_PREFIX ? [join(env.CONDA_PREFIX, 'bin')] : [];
  return [...prefix, ...roots.map((root) => join(root, 'bin')), ...envDirs.flat()];
}

/** conda records every environment it created, one prefix per line. */
async function condaEnvironmentsTxt(file: string): Promise<string[]> {
  try {
    const text = await readFile(file, 'utf8');
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => isAbsolute(line))
      .map((prefix) => join(prefix, 'bin'));
  } catch {
    return [];
  }
}
