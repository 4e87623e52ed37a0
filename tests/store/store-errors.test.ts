import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../main/engine/store/migrations.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { StoreError, type StoreErrorKind } from '../../main/engine/store/store-error.ts';
import { tempDir } from './helpers.ts';

function openError(file: string, options: Parameters<typeof openRunStore>[1] = {}): StoreError {
  try {
    openRunStore(file, options).close();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error(`opening ${file} did not fail`);
}

function expectKind(error: StoreError, kind: StoreErrorKind, file: string): void {
  expect(error.kind).toBe(kind);
  expect(error.message).toContain(file);
  expect(error.message).not.toContain('\n');
}

describe('openRunStore errors', () => {
  it('locked: another connection holds an exclusive transaction', () => {
    const file = path.join(tempDir(), 'runs.db');
    openRunStore(file).close();
    const other = new Database(file);
    other.exec('BEGIN EXCLUSIVE');
    const started = Date.now();
    expectKind(openError(file, { busyTimeoutMs: 200 }), 'locked', file);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    // WAL: readers are not blocked by a writer.
    openRunStore(file, { readonly: true, busyTimeoutMs: 200 }).close();
    other.exec('ROLLBACK');
    other.close();
    openRunStore(file, { busyTimeoutMs: 200 }).close();
  });

  it('not-gilscope: a text file is left untouched', () => {
    const file = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(file, 'my precious notes\n');
    expectKind(openError(file), 'not-gilscope', file);
    expectKind(openError(file, { readonly: true }), 'not-gilscope', file);
    expect(fs.readFileSync(file, 'utf8')).toBe('my precious notes\n');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['notes.txt']);
  });

  it("not-gilscope: another application's SQLite database is byte-for-byte unchanged", () => {
    const file = path.join(tempDir(), 'app.db');
    const foreign = new Database(file);
    foreign.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ada')");
    foreign.close();
    const before = fs.readFileSync(file);
    expectKind(openError(file), 'not-gilscope', file);
    expectKind(openError(file, { readonly: true }), 'not-gilscope', file);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['app.db']);
  });

  it('newer-schema: user_version above what this build knows', () => {
    const file = path.join(tempDir(), 'runs.db');
    const store = openRunStore(file);
    store.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    store.close();
    expectKind(openError(file), 'newer-schema', file);
    expectKind(openError(file, { readonly: true }), 'newer-schema', file);
  });

  it('missing: read-only open of a file that does not exist', () => {
    const file = path.join(tempDir(), 'nope.db');
    expectKind(openError(file, { readonly: true }), 'missing', file);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('unwritable: the parent folder cannot be created', () => {
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, '');
    const file = path.join(blocker, 'runs.db');
    expectKind(openError(file), 'unwritable', file);
  });

  it('corrupt: a damaged GILscope file', () => {
    const file = path.join(tempDir(), 'runs.db');
    openRunStore(file).close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xab, 100, 4096); // page 1 (the schema) after the 100-byte header
    fs.writeFileSync(file, bytes);
    expectKind(openError(file), 'corrupt', file);
  });

  it('reopens its own file and migrates nothing twice', () => {
    const file = path.join(tempDir(), 'deep', 'er', 'runs.db');
    openRunStore(file).close();
    const store = openRunStore(file);
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });
});

describe('a store from an older GILscope', () => {
  it('is upgraded when opened read-only, so readers find the current tables', () => {
    const file = path.join(tempDir(), 'older.sqlite');
    // Exactly what a build that knew schema 2 (before stored summaries) left: its migrations and one run.
    const old = new Database(file);
    for (const migration of MIGRATIONS.slice(0, 2)) old.exec(migration.sql);
    old.pragma('user_version = 2');
    old
      .prepare(
        `INSERT INTO runs (created_at, script, cwd, gil_mode, rate_hz, chunk_ticks) VALUES ('2026-01-01T00:00:00Z', 'a.py', '/tmp', 'default', 100, 128)`,
      )
      .run();
    old.close();
    const reading = openRunStore(file, { readonly: true });
    expect(reading.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(createRunReader(reading).listRuns()).toHaveLength(1);
    // Migration 7 dropped the never-written runs.gil_enabled column, keeping the run.
    const columns = (reading.db.prepare('PRAGMA table_info(runs)').all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns).toContain('gil_mode');
    expect(columns).not.toContain('gil_enabled');
    reading.close();
  });
});
