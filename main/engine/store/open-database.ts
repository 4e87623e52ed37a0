// Opens (or creates) a GILscope run store: one SQLite file in WAL mode holding many runs, readable by a
// second connection while a run is being recorded. Never modifies a file that is not ours.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { GILSCOPE_APPLICATION_ID, LATEST_SCHEMA_VERSION, applyMigrations } from './migrations.ts';
import { repairInterrupted } from './repair-interrupted.ts';
import { StoreError, rethrowAsStoreError } from './store-error.ts';

/** How long a connection waits for another one's write lock before failing with kind 'locked'. */
export const DEFAULT_BUSY_TIMEOUT_MS = 3000;

/** Page size of new files: SQLite's default; 8/16/64 KiB measured no smaller with 128-tick chunks and cost more WAL per batch. */
export const DEFAULT_PAGE_SIZE = 4096;

/** Options of openRunStore. */
export interface OpenRunStoreOptions {
  /** Open an existing store for reading only (the UI, `gilscope show`). */
  readonly?: boolean;
  /** Milliseconds to wait on another writer's lock; default DEFAULT_BUSY_TIMEOUT_MS. */
  busyTimeoutMs?: number;
  /** SQLite page size of a newly created file (ignored for existing ones); default DEFAULT_PAGE_SIZE. */
  pageSize?: number;
}

/** An open run store; pass it to createRunWriter / createRunReader. */
export interface RunStore {
  readonly file: string;
  readonly readonly: boolean;
  readonly busyTimeoutMs: number;
  readonly db: Database.Database;
  close(): void;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function readHeader(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(SQLITE_MAGIC.length);
    fs.readSync(fd, header, 0, header.length, 0);
    return header;
  } finally {
    fs.closeSync(fd);
  }
}

/** What the file is, judged by reading only: ours, empty (safe to initialise), or somebody else's. */
function identify(db: Database.Database): 'gilscope' | 'empty' | 'foreign' {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const userVersion = db.pragma('user_version', { simple: true }) as number;
  if (applicationId === GILSCOPE_APPLICATION_ID) return 'gilscope';
  const { n } = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
  return n === 0 && applicationId === 0 && userVersion === 0 ? 'empty' : 'foreign';
}

/** Opens `file` (creating it and its folder unless readonly), migrates it, or throws a StoreError. */
export function openRunStore(file: string, options: OpenRunStoreOptions = {}): RunStore {
  const readonly = options.readonly ?? false;
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const absolute = path.resolve(file);

  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') rethrowAsStoreError(absolute, error);
  }
  if (stat?.isDirectory()) throw new StoreError('unwritable', absolute, 'is a directory, not a run store');
  if (!stat && readonly) throw new StoreError('missing', absolute, 'no such run store');
  if (stat && stat.size > 0) {
    let header: Buffer;
    try {
      header = readHeader(absolute);
    } catch (error) {
      rethrowAsStoreError(absolute, error);
    }
    if (!header.equals(SQLITE_MAGIC)) {
      throw new StoreError('not-gilscope', absolute, 'not a SQLite database, refusing to touch it');
    }
  }
  if (!stat) {
    try {
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
    } catch (error) {
      rethrowAsStoreError(absolute, error);
    }
  }

  let db: Database.Database;
  try {
    db = new Database(absolute, { readonly, fileMustExist: readonly, timeout: busyTimeoutMs });
  } catch (error) {
    rethrowAsStoreError(absolute, error, busyTimeoutMs);
  }
  try {
    // Only reads until we know the file is ours: journal_mode=WAL would rewrite a foreign file's header.
    const kind = identify(db);
    if (kind === 'foreign') {
      throw new StoreError('not-gilscope', absolute, 'a SQLite database of another application, refusing to touch it');
    }
    if (kind === 'empty' && readonly) throw new StoreError('missing', absolute, 'empty file, no runs recorded yet');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      throw new StoreError(
        'newer-schema',
        absolute,
        `written by a newer GILscope (schema ${version}, this build knows up to ${LATEST_SCHEMA_VERSION}); upgrade GILscope`,
      );
    }
    if (readonly && kind === 'gilscope' && version < LATEST_SCHEMA_VERSION) {
      // A store from an older GILscope: readers need the current tables, so upgrade it once through a
      // short write connection (migrations only add), then read as asked.
      db.close();
      openRunStore(absolute, { busyTimeoutMs, pageSize: options.pageSize }).close();
      return openRunStore(absolute, options);
    }
    if (readonly) {
      db.pragma('query_only = ON');
    } else {
      if (kind === 'empty') db.pragma(`page_size = ${options.pageSize ?? DEFAULT_PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      applyMigrations(db);
      repairInterrupted(db);
    }
  } catch (error) {
    db.close();
    rethrowAsStoreError(absolute, error, busyTimeoutMs);
  }
  return {
    file: absolute,
    readonly,
    busyTimeoutMs,
    db,
    close() {
      if (db.open) db.close();
    },
  };
}
