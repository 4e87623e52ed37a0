// Global setup: checks Chromium, builds the app, writes the fixture scripts and starts a real
// `gilscope ui` on an ephemeral port with a temp database and data folder; the returned function stops it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { playwrightCookie, startHost } from './support/browser-host.ts';
import { buildApp } from './support/build-app.ts';
import { assertChromium } from './support/chromium.ts';
import { writeFixtureScripts } from './support/fixture-scripts.ts';
import { E2E_ENV, STORAGE_STATE_FILE } from './support/e2e-env.ts';

/** Playwright's globalSetup; passes the host to the specs through process.env (workers inherit it). */
export default async function globalSetup(): Promise<() => Promise<void>> {
  assertChromium();
  const buildMs = buildApp();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-e2e-'));
  const scripts = writeFixtureScripts(dir);
  const host = await startHost({ dbFile: path.join(dir, 'runs.sqlite'), dataHome: path.join(dir, 'data') });
  console.log(
    `[e2e] built in ${(buildMs / 1000).toFixed(1)} s; gilscope ui at ${host.origin} (pid ${host.pid}, data in ${dir})`,
  );
  // The printed URL's token works once (startHost exchanged it): every browser context gets the session cookie instead.
  fs.mkdirSync(path.dirname(STORAGE_STATE_FILE), { recursive: true });
  fs.writeFileSync(STORAGE_STATE_FILE, JSON.stringify({ cookies: [playwrightCookie(host)], origins: [] }));
  process.env[E2E_ENV.url] = host.url;
  process.env[E2E_ENV.dir] = dir;
  process.env[E2E_ENV.scripts] = JSON.stringify(scripts);
  return async () => {
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(STORAGE_STATE_FILE, { force: true });
  };
}
