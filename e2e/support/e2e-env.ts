// What the global setup hands to the specs (through environment variables) and helpers to read it.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { REPO_DIR } from './browser-host.ts';
import type { FixtureScripts } from './fixture-scripts.ts';

/** Variable names set by e2e/global-setup.ts. */
export const E2E_ENV = { url: 'GILSCOPE_E2E_URL', dir: 'GILSCOPE_E2E_DIR', scripts: 'GILSCOPE_E2E_SCRIPTS' } as const;

/** Playwright storage state with the host's session cookie (written by the global setup, used by every context). */
export const STORAGE_STATE_FILE = path.join(REPO_DIR, 'e2e', 'artifacts', 'host-session.json');

/** The pyenv CPython 3.12 (GIL build) and the free-threaded 3.13t built by scripts/setup-test-machine.sh. */
export const PYTHONS = {
  gil312: path.join(process.env.HOME ?? '/root', '.pyenv', 'versions', '3.12.1', 'bin', 'python3.12'),
  freeThreaded: path.join(process.env.HOME ?? '/root', '.cache', 'gilscope', 'python-3.13.5t', 'bin', 'python3.13t'),
} as const;

/** The URL gilscope ui printed (its token is used up; with the session cookie it redirects to the app). */
export function hostUrl(): URL {
  const url = process.env[E2E_ENV.url];
  if (!url) throw new Error(`e2e: ${E2E_ENV.url} is not set; run the suite with: npx playwright test -c e2e`);
  return new URL(url);
}

/** The fixture scripts written by the global setup. */
export function fixtureScripts(): FixtureScripts {
  return JSON.parse(process.env[E2E_ENV.scripts] ?? '{}') as FixtureScripts;
}

/** Saves a viewport screenshot (the app scrolls inside its main pane) as e2e/artifacts/screenshots/NAME.png. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = path.join(REPO_DIR, 'e2e', 'artifacts', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}
