// File paths as raw bytes: Linux names need not be UTF-8, and Node strings cannot hold such bytes.
import { isUtf8 } from 'node:buffer';

/** A path as the caller has it: a string, or a Buffer when the name is not valid UTF-8. */
export type PathInput = string | Buffer;

/** The path's bytes as the kernel sees them. */
export function pathBytes(path: PathInput): Buffer {
  return typeof path === 'string' ? Buffer.from(path, 'utf8') : path;
}

/** True when the bytes decode to a string that Node can pass back to the kernel unchanged. */
export function isUtf8Path(bytes: Buffer): boolean {
  return isUtf8(bytes);
}

/** A readable string for the path; invalid bytes become U+FFFD, so it is for display only. */
export function displayPath(bytes: Buffer): string {
  return bytes.toString('utf8');
}

/** A lossless string key for the path: the text itself, or 'hex:…' when it is not UTF-8. */
export function pathKey(bytes: Buffer): string {
  return isUtf8Path(bytes) ? bytes.toString('utf8') : `hex:${bytes.toString('hex')}`;
}
