// Errors of the run store, classified so callers (CLI, UI) can say something useful instead of a SQLite code.

/** Why a run store could not be opened or written. */
export type StoreErrorKind = 'locked' | 'corrupt' | 'not-gilscope' | 'newer-schema' | 'unwritable' | 'missing';

/** A run-store failure with a one-line message that names the file. */
export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  readonly file: string;
  constructor(kind: StoreErrorKind, file: string, detail: string, cause?: unknown) {
    super(`${file}: ${detail}`, cause === undefined ? undefined : { cause });
    this.name = 'StoreError';
    this.kind = kind;
    this.file = file;
  }
}

/** Maps a better-sqlite3/fs error to a StoreError; returns undefined for errors that are not about the file. */
export function classifyStoreError(file: string, error: unknown, busyTimeoutMs?: number): StoreError | undefined {
  if (error instanceof StoreError) return error;
  const code = String((error as { code?: unknown } | undefined)?.code ?? '');
  const text = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    const waited = busyTimeoutMs === undefined ? '' : ` (waited ${busyTimeoutMs} ms)`;
    return new StoreError('locked', file, `database is locked by another connection or process${waited}`, error);
  }
  if (code === 'SQLITE_NOTADB')
    return new StoreError('not-gilscope', file, 'not a SQLite database, refusing to touch it', error);
  if (code.startsWith('SQLITE_CORRUPT')) return new StoreError('corrupt', file, `database is corrupt (${text})`, error);
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR') ||
    code === 'SQLITE_PERM' ||
    code === 'SQLITE_FULL' ||
    ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'ENOSPC', 'EEXIST'].includes(code)
  ) {
    return new StoreError('unwritable', file, `cannot write here (${code}: ${text})`, error);
  }
  return undefined;
}

/** Rethrows `error` as a StoreError when it is one of the known kinds, unchanged otherwise. */
export function rethrowAsStoreError(file: string, error: unknown, busyTimeoutMs?: number): never {
  throw classifyStoreError(file, error, busyTimeoutMs) ?? error;
}
