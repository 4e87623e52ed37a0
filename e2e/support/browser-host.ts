// Starts and stops a real `gilscope ui` (browser host + backend) on an ephemeral port with its own
// database and data folder; used by the e2e global setup and the open-run benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is e2e/support/browser-host.ts). */
export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A running host: its printed URL (whose one-time token startHost already exchanged), the session cookie it gave, and how to stop it. */
export interface RunningHost {
  url: string;
  origin: string;
  /** The `gilscope_session` cookie: a browser context needs it (the printed URL's token works only once). */
  session: { name: string; value: string };
  pid: number;
  stop(): Promise<void>;
}

/** Opens the printed URL once, as a browser would, and returns the session cookie it sets (the token is then used up). */
export function exchangeBootstrap(url: string): Promise<{ name: string; value: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        response.resume();
        const cookie = String(response.headers['set-cookie'] ?? '').split(';')[0] ?? '';
        const [name, ...value] = cookie.split('=');
        if (response.statusCode !== 303 || !name || value.length === 0)
          reject(new Error(`gilscope ui gave no session for ${url} (status ${response.statusCode})`));
        else resolve({ name, value: value.join('=') });
      })
      .on('error', reject);
  });
}

/** The cookie as Playwright's addCookies / storageState want it. */
export function playwrightCookie(host: RunningHost): {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict';
} {
  return {
    ...host.session,
    domain: new URL(host.origin).hostname,
    path: '/',
    expires: -1,
    httpOnly: true,
    secure: false,
    sameSite: 'Strict',
  };
}

/**
 * Starts `bin/gilscope ui --port 0 --db dbFile`; `dataHome` replaces XDG_DATA_HOME so nothing lands in $HOME's
 * data folder. `wrapper` runs it through a program first (e.g. setpriv dropping a capability).
 */
export async function startHost(options: {
  dbFile: string;
  dataHome: string;
  timeoutMs?: number;
  wrapper?: string[];
}): Promise<RunningHost> {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: options.dataHome };
  delete env.GILSCOPE_DB;
  const command = [
    ...(options.wrapper ?? []),
    path.join(REPO_DIR, 'bin', 'gilscope'),
    'ui',
    '--port',
    '0',
    '--db',
    options.dbFile,
  ];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: REPO_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(`no URL printed within ${options.timeoutMs ?? 20_000} ms`),
      options.timeoutMs ?? 20_000,
    );
    function fail(why: string): void {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`gilscope ui did not start: ${why}\nstdout: ${stdout}\nstderr: ${stderr}`));
    }
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
  const parsed = new URL(url);
  let session;
  try {
    session = await exchangeBootstrap(url);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { url, origin: parsed.origin, session, pid: child.pid ?? -1, stop: () => stopChild(child) };
}

// SIGTERM (the host stops live runs and closes the database), SIGKILL after 10 s.
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
