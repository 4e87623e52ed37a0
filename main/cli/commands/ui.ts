import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { GilscopeService } from '../../app-service/gilscope-service.ts';
import { startBrowserHost } from '../../host/browser-host.ts';
import { CliError, usageError } from '../cli-error.ts';
import { defaultDatabaseFile } from '../../shared-node/default-database.ts';
import { parseOptions } from '../parse-options.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');

/** `gilscope ui [--port N] [--db FILE] [--open]`: the app in a browser, served on 127.0.0.1; the printed URL's token works once (exchanged for a session cookie). */
export async function uiCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    port: { type: 'string' },
    db: { type: 'string' },
    open: { type: 'boolean' },
  });
  if (positionals.length > 0) throw usageError(`ui takes no arguments, got ${positionals.join(' ')}`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw usageError(`--port must be a whole number 0–65535, got "${values.port}"`);
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new CliError(
      `the UI is not built (no ${path.join(RENDERER_DIR, 'index.html')}); run \`npm run build\` first`,
    );
  }
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const service = new GilscopeService({
    dbFile: path.resolve(values.db ?? defaultDatabaseFile()),
    host: 'browser',
    version,
    allowExportPaths: false,
  });
  let host;
  try {
    host = await startBrowserHost({ service, rendererDir: RENDERER_DIR, port });
  } catch (error) {
    await service.close();
    throw new CliError(`cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`);
  }
  process.stdout.write(
    `GILscope UI: ${host.url}\n(127.0.0.1 only; forward it with ssh -L ${host.port}:127.0.0.1:${host.port}. The link works once: the browser that opens it keeps a session cookie. Ctrl+C to quit.)\n`,
  );
  if (values.open) {
    // Best effort: a headless box has no browser to open.
    spawn('xdg-open', [host.url], { stdio: 'ignore', detached: true })
      .on('error', () => undefined)
      .unref();
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stderr.write('gilscope: stopping (live runs are stopped and kept)\n');
  await host.close();
  await service.close();
  return 0;
}
