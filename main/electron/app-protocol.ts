// Serves the built renderer over gilscope-app://app/ — Vite's module scripts do not run from file://,
// and a real origin lets the CSP say 'self' and the IPC layer recognise our own frames.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin.ts';
import { CONTENT_SECURITY_POLICY } from '../shared-node/content-security-policy.ts';
import { mimeTypeOf } from '../shared-node/mime-types.ts';
import { resolveAppFile } from './resolve-app-file.ts';

// Declares the scheme standard (real origin, relative URLs) and secure (like https). Electron only
// accepts this before the app is ready, so main/index.ts calls it at load time. corsEnabled stays
// off: no other origin may read our files.
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

// Answers every gilscope-app:// request from `rootDir` (out/renderer) with its real content type and
// the app CSP; anything outside the folder is 403, anything missing 404. Call after app ready.
export function serveAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const resolution = resolveAppFile(request.url, rootDir);
    if (resolution.kind === 'refused') return textResponse(403, `Refused (${resolution.reason})`);
    try {
      const body = await readFile(resolution.path);
      return new Response(new Uint8Array(body), { status: 200, headers: appHeaders(mimeTypeOf(resolution.path)) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return textResponse(404, 'Not found');
      throw error;
    }
  });
}

function appHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: appHeaders('text/plain; charset=utf-8') });
}
