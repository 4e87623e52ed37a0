// Turns candidate folders and user-given paths into candidate files, grouped by the binary they are.
// Cheap: readdir, a name filter, stat and a two-byte read; nothing is executed here.
import { constants } from 'node:fs';
import { access, lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CandidateDir } from './candidate-dirs.ts';
import type { InterpreterSource } from './interpreter.ts';
import { displayPath, isUtf8Path, pathBytes, pathKey } from './path-bytes.ts';
import type { PathInput } from './path-bytes.ts';

/** One path that may be an interpreter. */
export interface Candidate {
  bytes: Buffer;
  path: string;
  source: InterpreterSource;
  /** Position of its folder in the scan (user paths first): lower wins as display path. */
  order: number;
  isSymlink: boolean;
}

/** Candidates that are the same file (same device and inode: symlinks and hard links), best display path first. */
export type CandidateGroup = [Candidate, ...Candidate[]];

/** python, python3, python3.12, python3.13t, python3.13-nogil — not python3-config, python3.12-gdb.py, … */
export const INTERPRETER_NAME = /^python(?:3(?:\.\d{1,3})?)?(?:t|-nogil)?$/;

/** Lists candidates from the folders (name filter, executables only, no scripts such as shims) and the user's paths (as given). */
export async function listCandidateGroups(dirs: CandidateDir[], extraPaths: PathInput[]): Promise<CandidateGroup[]> {
  const extras = await Promise.all(
    extraPaths.map(async (p) => ({ bytes: pathBytes(p), isDir: await isDirectory(pathBytes(p)) })),
  );
  const userDirs: CandidateDir[] = extras
    .filter((e) => e.isDir)
    .map((e) => ({ dir: displayPath(e.bytes), source: 'user' }));
  const folders = await uniqueFolders([...userDirs, ...dirs]);
  const fromFolders = await Promise.all(folders.map((folder, index) => listFolder(folder, index + 1)));
  const fromUser = extras.filter((e) => !e.isDir).map((e) => ({ bytes: e.bytes, source: 'user' as const, order: 0 }));
  const all = [...fromUser, ...fromFolders.flat()];
  const groups = new Map<string, Candidate[]>();
  await Promise.all(
    all.map(async (c) => {
      const identity = await fileIdentity(c.bytes);
      const candidate = { ...c, path: displayPath(c.bytes), isSymlink: identity.isSymlink };
      const seen = groups.get(identity.key);
      if (seen) {
        if (!seen.some((s) => s.bytes.equals(c.bytes))) seen.push(candidate);
      } else groups.set(identity.key, [candidate]);
    }),
  );
  return [...groups.values()].map((group) => group.sort(byDisplayPreference) as CandidateGroup);
}

// A UTF-8 name (it can be launched), the file itself over a symlink, the earlier folder, the more specific name
// (python3.13t over python3.13 over python3), then the path: stable from run to run.
function byDisplayPreference(a: Candidate, b: Candidate): number {
  return (
    Number(!isUtf8Path(a.bytes)) - Number(!isUtf8Path(b.bytes)) ||
    Number(a.isSymlink) - Number(b.isSymlink) ||
    a.order - b.order ||
    basename(b.path).length - basename(a.path).length ||
    Buffer.compare(a.bytes, b.bytes)
  );
}

// Folders reached twice (PATH's /bin is /usr/bin on merged-/usr systems) are listed once, under the first source.
// Shim folders (pyenv, pyenv-virtualenv, asdf) hold scripts that pick a version at run time: never candidates.
async function uniqueFolders(dirs: CandidateDir[]): Promise<CandidateDir[]> {
  const real = await Promise.all(dirs.map((d) => realpath(d.dir).catch(() => null)));
  const seen = new Set<string>();
  return dirs.filter((d, i) => {
    const r = real[i];
    if (r == null || seen.has(r) || basename(r) === 'shims' || basename(d.dir) === 'shims') return false;
    seen.add(r);
    return true;
  });
}

async function listFolder(folder: CandidateDir, order: number): Promise<Omit<Candidate, 'path' | 'isSymlink'>[]> {
  let names: Buffer[];
  try {
    names = await readdir(folder.dir, { encoding: 'buffer' });
  } catch {
    return [];
  }
  const dirBytes = pathBytes(folder.dir.replace(/\/+$/, ''));
  const matches = names
    .filter((n) => INTERPRETER_NAME.test(n.toString('latin1')))
    .map((n) => Buffer.concat([dirBytes, Buffer.from('/'), n]));
  const kept = await Promise.all(matches.map(async (bytes) => ((await isExecutableBinary(bytes)) ? bytes : null)));
  return kept.filter((b) => b !== null).map((bytes) => ({ bytes, source: folder.source, order }));
}

/** A regular executable file that does not start with `#!`. */
async function isExecutableBinary(bytes: Buffer): Promise<boolean> {
  try {
    if (!(await stat(bytes)).isFile()) return false;
    await access(bytes, constants.X_OK);
    const handle = await open(bytes, 'r');
    try {
      const head = Buffer.alloc(2);
      const { bytesRead } = await handle.read(head, 0, 2, 0);
      return !(bytesRead === 2 && head.toString('latin1') === '#!');
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

async function fileIdentity(bytes: Buffer): Promise<{ key: string; isSymlink: boolean }> {
  try {
    const [target, link] = await Promise.all([stat(bytes), lstat(bytes)]);
    return { key: `inode:${target.dev}:${target.ino}`, isSymlink: link.isSymbolicLink() };
  } catch {
    return { key: `path:${pathKey(bytes)}`, isSymlink: false };
  }
}

async function isDirectory(bytes: Buffer): Promise<boolean> {
  return stat(bytes).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
