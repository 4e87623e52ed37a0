// Maps a request URL on the app scheme to a file inside the built renderer folder, refusing anything
// that would leave it. Pure (no electron, no fs) so the traversal rules are testable under plain Node.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

// Either the file to serve, or why the request is refused (mapped to an HTTP status by the caller).
export type AppFileResolution =
  { kind: 'file'; path: string } | { kind: 'refused'; reason: 'foreign-origin' | 'bad-path' | 'outside-root' };

// Resolves `requestUrl` against `rootDir`; "/" means index.html. Percent-decoding happens before the
// containment check, so `%2e%2e%2f` and encoded backslashes cannot escape.
export function resolveAppFile(requestUrl: string, rootDir: string): AppFileResolution {
  if (!URL.canParse(requestUrl)) return { kind: 'refused', reason: 'bad-path' };
  const url = new URL(requestUrl);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { kind: 'refused', reason: 'foreign-origin' };

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', reason: 'bad-path' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'refused', reason: 'bad-path' };
  if (pathname === '/' || pathname === '') pathname = '/index.html';

  const root = resolve(rootDir);
  const filePath = resolve(root, `.${pathname}`);
  const fromRoot = relative(root, filePath);
  if (fromRoot === '' || fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot)) {
    return { kind: 'refused', reason: 'outside-root' };
  }
  return { kind: 'file', path: filePath };
}
