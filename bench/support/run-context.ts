// Which engine code a benchmark run measured: the commit and any uncommitted engine changes.
import { execFileSync } from 'node:child_process';

/** One markdown bullet: commit and the number of modified or new files under main/. */
export function engineVersionLine(repoDir: string): string {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: repoDir, encoding: 'utf8' }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'main').split('\n').filter(Boolean).length;
    return `- Engine: commit ${commit}${dirty ? ` plus ${dirty} uncommitted file(s) under main/ (the working tree was measured)` : ' (clean working tree)'}`;
  } catch {
    return '- Engine: git not available';
  }
}
