// Ordered schema migrations keyed by PRAGMA user_version. NEVER edit a shipped migration: add a new one.
import type Database from 'better-sqlite3';

/** 'GILS': stamped in the SQLite header (PRAGMA application_id) so we can tell our files from others'. */
export const GILSCOPE_APPLICATION_ID = 0x47494c53;

/** One schema step; `version` is the user_version after it ran. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** Every migration ever shipped, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'initial schema: interpreters, runs, threads, chunked samples, output, events',
    sql: `
      PRAGMA application_id = ${GILSCOPE_APPLICATION_ID};
      CREATE TABLE interpreters (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        real_path TEXT NOT NULL UNIQUE,
        version TEXT NOT NULL,
        implementation TEXT NOT NULL,
        free_threaded INTEGER NOT NULL CHECK (free_threaded IN (0, 1))
      );
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        script TEXT NOT NULL,
        args TEXT NOT NULL DEFAULT '[]',
        cwd TEXT NOT NULL,
        interpreter_id INTEGER REFERENCES interpreters(id),
        gil_mode TEXT NOT NULL CHECK (gil_mode IN ('default', 'on', 'off')),
        gil_enabled INTEGER CHECK (gil_enabled IN (0, 1)),
        rate_hz REAL NOT NULL,
        chunk_ticks INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'running'
          CHECK (status IN ('running', 'completed', 'failed', 'killed', 'stopped')),
        exit_code INTEGER,
        signal TEXT,
        wall_ns INTEGER,
        error TEXT,
        label TEXT,
        warnings TEXT NOT NULL DEFAULT '[]',
        sampler_stats TEXT,
        tick_count INTEGER NOT NULL DEFAULT 0,
        sample_count INTEGER NOT NULL DEFAULT 0,
        last_time_ns INTEGER,
        output_kept_bytes INTEGER NOT NULL DEFAULT 0,
        output_dropped_bytes INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE threads (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        tid INTEGER NOT NULL,
        name TEXT NOT NULL,
        name_source TEXT NOT NULL CHECK (name_source IN ('python', 'os')),
        first_seen_ns INTEGER NOT NULL,
        last_seen_ns INTEGER NOT NULL,
        PRIMARY KEY (run_id, tid)
      ) WITHOUT ROWID;
      -- Tick chunk k of a run holds ticks with index in [k*chunk_ticks, (k+1)*chunk_ticks).
      CREATE TABLE tick_chunks (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        chunk_no INTEGER NOT NULL,
        tick_count INTEGER NOT NULL,
        first_time_ns INTEGER NOT NULL,
        last_time_ns INTEGER NOT NULL,
        data BLOB NOT NULL,
        UNIQUE (run_id, chunk_no)
      );
      CREATE INDEX tick_chunks_by_time ON tick_chunks (run_id, first_time_ns);
      -- One thread's samples of tick chunk k.
      CREATE TABLE sample_chunks (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        chunk_no INTEGER NOT NULL,
        tid INTEGER NOT NULL,
        sample_count INTEGER NOT NULL,
        data BLOB NOT NULL,
        UNIQUE (run_id, chunk_no, tid)
      );
      CREATE TABLE output (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        stream TEXT NOT NULL CHECK (stream IN ('stdout', 'stderr')),
        time_ns INTEGER NOT NULL,
        text TEXT NOT NULL
      );
      CREATE INDEX output_by_run ON output (run_id, id);
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        time_ns INTEGER NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT 'null'
      );
      CREATE INDEX events_by_run ON events (run_id, time_ns);
    `,
  },
  {
    version: 2,
    description: 'per-run stack table: frames (function, file, line) and stacks (prefix, frame)',
    sql: `
      CREATE TABLE frames (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        id INTEGER NOT NULL,
        function TEXT NOT NULL,
        file TEXT NOT NULL,
        line INTEGER NOT NULL,
        PRIMARY KEY (run_id, id)
      ) WITHOUT ROWID;
      CREATE TABLE stacks (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        id INTEGER NOT NULL,
        prefix INTEGER NOT NULL,
        frame INTEGER NOT NULL,
        PRIMARY KEY (run_id, id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    description: 'run summaries stored when a run ends, with the library figures as columns',
    sql: `
      CREATE TABLE run_summaries (
        run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        schema_version INTEGER NOT NULL,
        cpu_seconds REAL,
        contention REAL,
        summary TEXT NOT NULL
      );
    `,
  },
  {
    version: 4,
    description: 'a whole-run timeline overview stored with the summary of long runs',
    sql: `ALTER TABLE run_summaries ADD COLUMN overview TEXT;`,
  },
  {
    version: 5,
    description: 'experiments (one script across interpreters × GIL modes × repetitions) and the runs they made',
    sql: `
      CREATE TABLE experiments (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        spec TEXT NOT NULL,
        -- The expanded configurations and run order (JSON), fixed when the experiment starts.
        plan TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'cancelled', 'failed')),
        error TEXT
      );
      CREATE TABLE experiment_runs (
        experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        config_key TEXT NOT NULL,
        repetition INTEGER NOT NULL,
        vary_value TEXT,
        PRIMARY KEY (experiment_id, run_id)
      ) WITHOUT ROWID;
      CREATE INDEX experiment_runs_by_run ON experiment_runs (run_id);
    `,
  },
  {
    version: 6,
    description: 'who records a run or an experiment (JSON: boot id, pid, start time), to tell interrupted ones',
    sql: `
      ALTER TABLE runs ADD COLUMN recorder TEXT;
      ALTER TABLE experiments ADD COLUMN recorder TEXT;
    `,
  },
  {
    version: 7,
    description: 'drop runs.gil_enabled: never written; the summary reads the GIL state from the ticks',
    sql: `ALTER TABLE runs DROP COLUMN gil_enabled;`,
  },
  {
    version: 8,
    description:
      'the processes of a run (main and every descendant followed), the process of each thread, attached runs',
    sql: `
      CREATE TABLE processes (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        pid INTEGER NOT NULL,
        parent_pid INTEGER,
        -- argv as a JSON array of strings
        command_line TEXT NOT NULL DEFAULT '[]',
        -- 'main', 'worker 1', 'worker 2', … in the order first seen
        role TEXT NOT NULL,
        python_version TEXT,
        first_seen_ns INTEGER NOT NULL,
        last_seen_ns INTEGER NOT NULL,
        -- utime + stime of /proc/PID/stat at the last read: every thread's CPU, exited ones included
        stat_cpu_ns INTEGER NOT NULL DEFAULT 0,
        gil_ticks INTEGER NOT NULL DEFAULT 0,
        gil_held_ticks INTEGER NOT NULL DEFAULT 0,
        -- JSON object: holder TID → ticks it held this process's GIL
        gil_held_by_tid TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (run_id, pid)
      ) WITHOUT ROWID;
      -- NULL in runs recorded before processes were followed: the thread belongs to the run's only process.
      ALTER TABLE threads ADD COLUMN pid INTEGER;
      -- Set when the run attached to a running process (gilscope attach) instead of launching a script.
      ALTER TABLE runs ADD COLUMN attached_pid INTEGER;
    `,
  },
  {
    version: 9,
    description: "the source text of the files in a run's stacks, kept with the run (shared by content hash)",
    sql: `
      -- One row per distinct file content: runs of an unchanged script share it.
      CREATE TABLE source_texts (
        hash TEXT PRIMARY KEY,
        text TEXT NOT NULL
      ) WITHOUT ROWID;
      -- Per run and file path as its stacks name it: the text it had when the run ended, or why there is none.
      CREATE TABLE run_sources (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        hash TEXT REFERENCES source_texts(hash),
        problem TEXT,
        PRIMARY KEY (run_id, path)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 10,
    description: "how busy the machine was while a run recorded (to tell other programs' CPU from the run's)",
    sql: `
      -- Busy CPU ns of all cores (/proc/stat) and the recording process's own CPU ns between the run's
      -- creation and its end, that span's length and the machine's core count; NULL for older runs.
      ALTER TABLE runs ADD COLUMN machine_busy_ns INTEGER;
      ALTER TABLE runs ADD COLUMN recorder_cpu_ns INTEGER;
      ALTER TABLE runs ADD COLUMN machine_window_ns INTEGER;
      ALTER TABLE runs ADD COLUMN machine_cores INTEGER;
    `,
  },
];

/** The schema version this build reads and writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

MIGRATIONS.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`migration ${i} has version ${m.version}, expected ${i + 1}`);
});

/** Runs the migrations above `user_version` in one IMMEDIATE transaction (so it also probes the write lock). */
export function applyMigrations(db: Database.Database): { from: number; to: number } {
  db.exec('BEGIN IMMEDIATE');
  try {
    const from = db.pragma('user_version', { simple: true }) as number;
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
    db.exec('COMMIT');
    return { from, to: Math.max(from, LATEST_SCHEMA_VERSION) };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
