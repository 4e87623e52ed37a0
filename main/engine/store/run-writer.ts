// Records one run into a run store. Every call is its own committed transaction, so a crash of the
// target (or of GILscope) loses nothing already passed in. Samples go to chunks aligned on tick index
// (chunk k = ticks [k*chunkTicks, (k+1)*chunkTicks)); the open chunk is re-encoded and upserted on
// every appendTicks batch until the ticks move past it (see README.md for why and the measurements).
import type Database from 'better-sqlite3';
import type { Nanoseconds, ProcessInfo, StackTableDelta, Tick, ThreadInfo, Tid } from '../model.ts';
import { SampleChunkBuilder, TickChunkBuilder } from './chunk-codec.ts';
import type { RunStore } from './open-database.ts';
import { machineCpuSpan, readMachineCpu, type MachineCpuReading } from './machine-cpu.ts';
import { DEFAULT_OUTPUT_CAP_BYTES, createOutputLog, type OutputLog } from './output-log.ts';
import type { RunEventKind, RunFinish, RunMeta, OutputStream } from './run-types.ts';

export type { RunEventKind, RunFinish, RunMeta, OutputStream, InterpreterInfo } from './run-types.ts';
import { StoreError, rethrowAsStoreError } from './store-error.ts';
import { currentRecorder } from './recorder-identity.ts';

/** 128 ticks per chunk (1.28 s at 100 Hz): blobs of ~1 KiB pack 3–4 to a 4 KiB page whatever the data; see README.md. */
export const DEFAULT_CHUNK_TICKS = 128;

/** Tuning knobs; the defaults are the measured choice. */
export interface RunWriterOptions {
  chunkTicks?: number;
  /** Deflate chunk blobs (smaller, slower to write and read). */
  compress?: boolean;
  outputCapBytes?: number;
}

function blob(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

function prepareStatements(db: Database.Database) {
  return {
    upsertInterpreter: db.prepare(
      `INSERT INTO interpreters (path, real_path, version, implementation, free_threaded) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (real_path) DO UPDATE SET path = excluded.path, version = excluded.version,
         implementation = excluded.implementation, free_threaded = excluded.free_threaded
       RETURNING id`,
    ),
    insertRun: db.prepare(
      `INSERT INTO runs (created_at, script, args, cwd, interpreter_id, gil_mode, rate_hz, chunk_ticks, label, recorder, attached_pid)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    upsertTickChunk: db.prepare(
      `INSERT INTO tick_chunks (run_id, chunk_no, tick_count, first_time_ns, last_time_ns, data) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, chunk_no) DO UPDATE SET tick_count = excluded.tick_count,
         first_time_ns = excluded.first_time_ns, last_time_ns = excluded.last_time_ns, data = excluded.data`,
    ),
    upsertSampleChunk: db.prepare(
      `INSERT INTO sample_chunks (run_id, chunk_no, tid, sample_count, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (run_id, chunk_no, tid) DO UPDATE SET sample_count = excluded.sample_count, data = excluded.data`,
    ),
    countTicks: db.prepare(
      `UPDATE runs SET tick_count = tick_count + ?, sample_count = sample_count + ?, last_time_ns = ? WHERE id = ?`,
    ),
    threadSeen: db.prepare(
      `INSERT INTO threads (run_id, tid, name, name_source, first_seen_ns, last_seen_ns) VALUES (?, ?, '', 'os', ?, ?)
       ON CONFLICT (run_id, tid) DO UPDATE SET first_seen_ns = min(first_seen_ns, excluded.first_seen_ns),
         last_seen_ns = max(last_seen_ns, excluded.last_seen_ns)`,
    ),
    upsertThread: db.prepare(
      `INSERT INTO threads (run_id, tid, name, name_source, first_seen_ns, last_seen_ns, pid) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, tid) DO UPDATE SET name = excluded.name, name_source = excluded.name_source,
         pid = coalesce(excluded.pid, pid),
         first_seen_ns = min(first_seen_ns, excluded.first_seen_ns), last_seen_ns = max(last_seen_ns, excluded.last_seen_ns)`,
    ),
    upsertProcess: db.prepare(
      `INSERT INTO processes (run_id, pid, parent_pid, command_line, role, python_version, first_seen_ns, last_seen_ns,
         stat_cpu_ns, gil_ticks, gil_held_ticks, gil_held_by_tid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, pid) DO UPDATE SET command_line = excluded.command_line,
         python_version = excluded.python_version, last_seen_ns = max(last_seen_ns, excluded.last_seen_ns),
         stat_cpu_ns = excluded.stat_cpu_ns, gil_ticks = excluded.gil_ticks, gil_held_ticks = excluded.gil_held_ticks,
         gil_held_by_tid = excluded.gil_held_by_tid`,
    ),
    insertFrame: db.prepare('INSERT INTO frames (run_id, id, function, file, line) VALUES (?, ?, ?, ?, ?)'),
    insertStack: db.prepare('INSERT INTO stacks (run_id, id, prefix, frame) VALUES (?, ?, ?, ?)'),
    insertEvent: db.prepare('INSERT INTO events (run_id, time_ns, kind, detail) VALUES (?, ?, ?, ?)'),
    finish: db.prepare(
      `UPDATE runs SET status = ?, exit_code = ?, signal = ?, wall_ns = ?, error = ?,
         warnings = coalesce(?, warnings), sampler_stats = coalesce(?, sampler_stats) WHERE id = ?`,
    ),
    machine: db.prepare(
      'UPDATE runs SET machine_busy_ns = ?, recorder_cpu_ns = ?, machine_window_ns = ?, machine_cores = ? WHERE id = ?',
    ),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/** Writes one run: call createRun first, then the rest in any order, finishRun last. */
export class RunWriter {
  private readonly store: RunStore;
  private readonly sql: Statements;
  private readonly chunkTicks: number;
  private readonly compress: boolean;
  private readonly outputCap: number;
  private id: number | null = null;
  /** The machine's CPU reading when the run was created (machine-cpu.ts). */
  private machineAtStart: MachineCpuReading | null = null;
  private output: OutputLog | null = null;
  private lastIndex = -1;
  private tickChunk: TickChunkBuilder | null = null;
  private readonly sampleChunks = new Map<Tid, SampleChunkBuilder>();

  constructor(store: RunStore, options: RunWriterOptions = {}) {
    if (store.readonly) throw new StoreError('unwritable', store.file, 'opened read-only, cannot record a run');
    this.store = store;
    this.sql = prepareStatements(store.db);
    this.chunkTicks = options.chunkTicks ?? DEFAULT_CHUNK_TICKS;
    this.compress = options.compress ?? false;
    this.outputCap = options.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES;
  }

  get runId(): number | null {
    return this.id;
  }

  /** Inserts the run (and upserts its interpreter by real path); returns its id. */
  createRun(meta: RunMeta): number {
    this.machineAtStart = readMachineCpu();
    return this.transaction(() => {
      if (this.id !== null) throw new Error('RunWriter: a writer records one run; create another writer');
      let interpreterId: number | null = null;
      if (meta.interpreter) {
        const i = meta.interpreter;
        const row = this.sql.upsertInterpreter.get(
          i.path,
          i.realPath,
          i.version,
          i.implementation,
          i.freeThreaded ? 1 : 0,
        );
        interpreterId = (row as { id: number }).id;
      }
      const result = this.sql.insertRun.run(
        (meta.createdAt ?? new Date()).toISOString(),
        meta.script,
        JSON.stringify(meta.args),
        meta.cwd,
        interpreterId,
        meta.gilMode,
        meta.rateHz,
        this.chunkTicks,
        meta.label ?? null,
        JSON.stringify(currentRecorder()),
        meta.attachedPid ?? null,
      );
      this.id = Number(result.lastInsertRowid);
      this.output = createOutputLog(this.store.db, this.id, this.outputCap);
      return this.id;
    });
  }

  /** Ticks in increasing index order; one committed transaction per call. */
  appendTicks(ticks: Tick[]): void {
    this.transaction(() => {
      const run = this.requireRun();
      if (ticks.length === 0) return;
      const seen = new Map<Tid, { first: number; last: number }>();
      let samples = 0;
      let tickChunk = this.tickChunk;
      for (const tick of ticks) {
        if (!(tick.index > this.lastIndex))
          throw new Error(`RunWriter: tick ${tick.index} after tick ${this.lastIndex}`);
        const chunkNo = Math.floor(tick.index / this.chunkTicks);
        if (tickChunk?.chunkNo !== chunkNo) {
          if (tickChunk?.dirty) this.flushTickChunk(run, tickChunk);
          tickChunk = this.tickChunk = new TickChunkBuilder(chunkNo, this.chunkTicks);
        }
        tickChunk.add(tick.index, tick.timeNs, tick.gil);
        const timeNs = Math.round(tick.timeNs);
        for (const sample of tick.threads) {
          let chunk = this.sampleChunks.get(sample.tid);
          if (chunk?.chunkNo !== chunkNo) {
            if (chunk?.dirty) this.flushSampleChunk(run, sample.tid, chunk);
            chunk = new SampleChunkBuilder(chunkNo, this.chunkTicks);
            this.sampleChunks.set(sample.tid, chunk);
          }
          chunk.add(tick.index, sample.state, sample.cpuNs, sample.runQueueNs, sample.stackId ?? -1);
          const span = seen.get(sample.tid);
          if (span) span.last = timeNs;
          else seen.set(sample.tid, { first: timeNs, last: timeNs });
        }
        samples += tick.threads.length;
        this.lastIndex = tick.index;
      }
      if (tickChunk?.dirty) this.flushTickChunk(run, tickChunk);
      const current = tickChunk?.chunkNo ?? 0;
      for (const [tid, chunk] of this.sampleChunks) {
        if (chunk.dirty) this.flushSampleChunk(run, tid, chunk);
        if (chunk.chunkNo < current) this.sampleChunks.delete(tid);
      }
      this.sql.countTicks.run(ticks.length, samples, Math.round(ticks[ticks.length - 1]!.timeNs), run);
      for (const [tid, span] of seen) this.sql.threadSeen.run(run, tid, span.first, span.last);
    });
  }

  /** New frames and stacks; store them before (or with) the ticks that use their ids. */
  appendStackTable(delta: StackTableDelta): void {
    if (delta.frames.length === 0 && delta.stacks.length === 0) return;
    this.transaction(() => {
      const run = this.requireRun();
      for (const f of delta.frames) this.sql.insertFrame.run(run, f.id, f.function, f.file, f.line);
      for (const s of delta.stacks) this.sql.insertStack.run(run, s.id, s.prefix, s.frame);
    });
  }

  /** Names and first/last-seen times; threads seen in ticks but never named here keep name ''. */
  upsertThreads(infos: ThreadInfo[]): void {
    this.writeEach(infos, (run, t) =>
      this.sql.upsertThread.run(
        run,
        t.tid,
        t.name,
        t.nameSource,
        Math.round(t.firstSeenNs),
        Math.round(t.lastSeenNs),
        t.pid ?? null,
      ),
    );
  }

  /** Processes of the run as the sampler last saw them (each update carries the whole record). */
  upsertProcesses(infos: ProcessInfo[]): void {
    if (infos.length === 0) return;
    this.writeEach(infos, (run, p) =>
      this.sql.upsertProcess.run(
        run,
        p.pid,
        p.parentPid,
        JSON.stringify(p.commandLine),
        p.role,
        p.pythonVersion,
        Math.round(p.firstSeenNs),
        Math.round(p.lastSeenNs),
        Math.round(p.statCpuNs),
        p.gilTicks,
        p.gilHeldTicks,
        JSON.stringify(p.gilHeldByTid),
      ),
    );
  }

  /** Target output; only the last outputCapBytes of a run are kept (see output-log.ts). */
  appendOutput(stream: OutputStream, text: string, timeNs: Nanoseconds): void {
    this.transaction(() => {
      this.requireRun();
      this.output!.append(stream, text, timeNs);
    });
  }

  /** A timed event with JSON detail, e.g. 'gil-enabled-changed'. */
  addEvent(kind: RunEventKind, timeNs: Nanoseconds, detail?: unknown): void {
    this.transaction(() => {
      this.sql.insertEvent.run(this.requireRun(), Math.round(timeNs), kind, JSON.stringify(detail ?? null));
    });
  }

  /** Final status; later calls on this writer fail. */
  finishRun(finish: RunFinish): void {
    const end = readMachineCpu();
    const machine = this.machineAtStart && end ? machineCpuSpan(this.machineAtStart, end) : null;
    this.transaction(() => {
      if (machine)
        this.sql.machine.run(
          Math.round(machine.busyNs),
          Math.round(machine.recorderCpuNs),
          machine.windowNs,
          machine.cores,
          this.requireRun(),
        );
      this.sql.finish.run(
        finish.status,
        finish.exitCode,
        finish.signal,
        finish.wallNs === null ? null : Math.round(finish.wallNs),
        finish.error ?? null,
        finish.warnings === undefined ? null : JSON.stringify(finish.warnings),
        finish.samplerStats === undefined ? null : JSON.stringify(finish.samplerStats),
        this.requireRun(),
      );
    });
    this.sampleChunks.clear();
    this.tickChunk = null;
    try {
      this.store.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A reader may hold the WAL; SQLite checkpoints later on its own.
    }
  }

  private requireRun(): number {
    if (this.id === null) throw new Error('RunWriter: createRun() must be called first');
    return this.id;
  }

  /** Writes each item for the current run, all in one transaction. */
  private writeEach<T>(items: readonly T[], write: (run: number, item: T) => void): void {
    this.transaction(() => {
      const run = this.requireRun();
      for (const item of items) write(run, item);
    });
  }

  private transaction<R>(fn: () => R): R {
    try {
      return this.store.db.transaction(fn).immediate();
    } catch (error) {
      rethrowAsStoreError(this.store.file, error, this.store.busyTimeoutMs);
    }
  }

  private flushTickChunk(run: number, chunk: TickChunkBuilder): void {
    const data = blob(chunk.encode(this.compress));
    this.sql.upsertTickChunk.run(run, chunk.chunkNo, chunk.count, chunk.firstTimeNs, chunk.lastTimeNs, data);
    chunk.dirty = false;
  }

  private flushSampleChunk(run: number, tid: Tid, chunk: SampleChunkBuilder): void {
    this.sql.upsertSampleChunk.run(run, chunk.chunkNo, tid, chunk.count, blob(chunk.encode(this.compress)));
    chunk.dirty = false;
  }
}

/** Same as `new RunWriter(store, options)`. */
export function createRunWriter(store: RunStore, options: RunWriterOptions = {}): RunWriter {
  return new RunWriter(store, options);
}
