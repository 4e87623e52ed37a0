// Builds main, preload and renderer into out/ with electron-vite (≈1 s here), so the e2e never runs a stale UI.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_DIR } from './browser-host.ts';

/** Runs `electron-vite build`; throws with its output when it fails. Returns the time it took in ms. */
export function buildApp(): number {
  const t0 = performance.now();
  const result = spawnSync(
    process.execPath,
    [path.join(REPO_DIR, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    { cwd: REPO_DIR, encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(`e2e: electron-vite build failed (status ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return performance.now() - t0;
}
