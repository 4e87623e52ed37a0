// Maps a URL path to a file inside the built renderer folder, refusing anything that would leave it.
// Pure (no fs) so the traversal rules are testable; "/" means index.html.
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** The file to serve, or why not. */
export type StaticResolution = { kind: 'file'; path: string } | { kind: 'refused' };

// Resolves a URL pathname (still percent-encoded) against rootDir.
export function resolveStaticFile(pathname: string, rootDir: string): StaticResolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'refused' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'refused' };
  if (decoded === '/' || decoded === '') decoded = '/index.html';
  const root = resolve(rootDir);
  const filePath = resolve(root, `.${decoded}`);
  const fromRoot = relative(root, filePath);
  if (fromRoot === '' || fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot))
    return { kind: 'refused' };
  return { kind: 'file', path: filePath };
}
