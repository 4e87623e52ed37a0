// Reads runs from a store, also while they are being recorded (use a separate read-only connection:
// WAL lets it see every committed batch without blocking the writer). Timelines come back columnar.
import type { ProcessInfo, ThreadInfo, Tid } from '../model.ts';
import { decodeSampleChunk, decodeTickChunk, type SampleColumns, type TickColumns } from './chunk-codec.ts';
import type { RunStore } from './open-database.ts';
import type { OutputStream, RunEvent, RunOutput, RunRecord, StackTable, Timeline, TimelineRange } from './run-types.ts';
import type { SourceFile } from './run-sources.ts';
import { StoreError, rethrowAsStoreError } from './store-error.ts';
import type { GilMode, RunStatus } from '../../shared/vocabulary.ts';

/** Queries over a store; every method is one read transaction's worth of SQL. */
export interface RunReader {
  listRuns(): RunRecord[];
  getRun(id: number): RunRecord | undefined;
  getThreads(id: number): ThreadInfo[];
  /** The run's processes, main first, then by first seen (empty for runs recorded before processes were followed). */
  getProcesses(id: number): ProcessInfo[];
  /** The run's ticks and per-thread samples with timeNs in [fromNs, toNs]; decodes only overlapping chunks. */
  readTimeline(id: number, range?: TimelineRange): Timeline;
  readOutput(id: number): RunOutput;
  readEvents(id: number): RunEvent[];
  /** The run's whole stack table (frames and prefix-linked stacks), indexed by id. */
  readStackTable(id: number): StackTable;
  /** The summary stored when the run ended, with the summary schema version it was built with; null if none. */
  readStoredSummary(id: number): { schemaVersion: number; summary: unknown } | null;
  /** The whole-run timeline overview stored with the summary (long runs only); null if none. */
  readStoredOverview(id: number): unknown;
  /** A file's text as stored with the run when it ended (or why there is none); null when it was not stored. */
  readSource(id: number, path: string): SourceFile | null;
  /** How many files were stored with the run (0 for runs recorded before sources were kept). */
  countSources(id: number): number;
}

interface ProcessRow {
  pid: number;
  parent_pid: number | null;
  command_line: string;
  role: string;
  python_version: string | null;
  first_seen_ns: number;
  last_seen_ns: number;
  stat_cpu_ns: number;
  gil_ticks: number;
  gil_held_ticks: number;
  gil_held_by_tid: string;
}

interface RunRow {
  id: number;
  created_at: string;
  script: string;
  args: string;
  cwd: string;
  gil_mode: GilMode;
  rate_hz: number;
  chunk_ticks: number;
  attached_pid: number | null;
  status: RunStatus;
  exit_code: number | null;
  signal: string | null;
  wall_ns: number | null;
  error: string | null;
  label: string | null;
  warnings: string;
  sampler_stats: string | null;
  tick_count: number;
  sample_count: number;
  last_time_ns: number | null;
  output_kept_bytes: number;
  output_dropped_bytes: number;
  s_cpu_seconds: number | null;
  s_contention: number | null;
  machine_busy_ns: number | null;
  recorder_cpu_ns: number | null;
  machine_window_ns: number | null;
  machine_cores: number | null;
  i_id: number | null;
  i_path: string;
  i_real_path: string;
  i_version: string;
  i_implementation: string;
  i_free_threaded: number;
}

const RUN_SELECT = `SELECT r.*, i.id AS i_id, i.path AS i_path, i.real_path AS i_real_path, i.version AS i_version,
  i.implementation AS i_implementation, i.free_threaded AS i_free_threaded,
  s.cpu_seconds AS s_cpu_seconds, s.contention AS s_contention
  FROM runs r LEFT JOIN interpreters i ON i.id = r.interpreter_id LEFT JOIN run_summaries s ON s.run_id = r.id`;

function toRecord(r: RunRow): RunRecord {
  return {
    id: r.id,
    createdAt: r.created_at,
    script: r.script,
    args: JSON.parse(r.args) as string[],
    cwd: r.cwd,
    interpreter:
      r.i_id === null
        ? null
        : {
            id: r.i_id,
            path: r.i_path,
            realPath: r.i_real_path,
            version: r.i_version,
            implementation: r.i_implementation,
            freeThreaded: r.i_free_threaded === 1,
          },
    gilMode: r.gil_mode,
    rateHz: r.rate_hz,
    chunkTicks: r.chunk_ticks,
    attachedPid: r.attached_pid ?? null,
    status: r.status,
    exitCode: r.exit_code,
    signal: r.signal,
    wallNs: r.wall_ns,
    error: r.error,
    label: r.label,
    warnings: JSON.parse(r.warnings) as string[],
    samplerStats: r.sampler_stats === null ? null : (JSON.parse(r.sampler_stats) as unknown),
    tickCount: r.tick_count,
    sampleCount: r.sample_count,
    lastTimeNs: r.last_time_ns,
    outputKeptBytes: r.output_kept_bytes,
    outputDroppedBytes: r.output_dropped_bytes,
    cpuSeconds: r.s_cpu_seconds,
    contention: r.s_contention,
    machine:
      r.machine_busy_ns === null || r.machine_window_ns === null
        ? null
        : {
            busyNs: r.machine_busy_ns,
            recorderCpuNs: r.recorder_cpu_ns ?? 0,
            windowNs: r.machine_window_ns,
            cores: r.machine_cores ?? 1,
          },
  };
}

function emptyTicks(n: number): TickColumns {
  return {
    index: new Uint32Array(n),
    timeNs: new Float64Array(n),
    gilHeld: new Uint8Array(n),
    gilHolderTid: new Int32Array(n),
    gilEnabled: new Uint8Array(n),
    gilKnown: new Uint8Array(n),
  };
}

function emptySamples(n: number): SampleColumns {
  return {
    tickIndex: new Uint32Array(n),
    state: new Uint8Array(n),
    cpuNs: new Float64Array(n),
    runQueueNs: new Float64Array(n),
    stackId: new Int32Array(n),
  };
}

type Column = Uint8Array | Uint32Array | Int32Array | Float64Array;

/** Copies rows [from, to) of every column of `src` into `dst` at `at` (both TickColumns or both SampleColumns). */
function copyColumns<T extends TickColumns | SampleColumns>(
  dst: T,
  src: T,
  from: number,
  to: number,
  at: number,
): void {
  const d = dst as unknown as Record<string, Column>;
  const s = src as unknown as Record<string, Column>;
  for (const key of Object.keys(d)) d[key]!.set(s[key]!.subarray(from, to), at);
}

/** Index of the first element of sorted `a` that is ≥ value. */
function lowerBound(a: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A reader over `store` (read-only or not). */
export function createRunReader(store: RunStore): RunReader {
  const { db, file } = store;
  const sql = {
    list: db.prepare(`${RUN_SELECT} ORDER BY r.id`),
    run: db.prepare(`${RUN_SELECT} WHERE r.id = ?`),
    threads: db.prepare('SELECT * FROM threads WHERE run_id = ? ORDER BY first_seen_ns, tid'),
    processes: db.prepare(
      `SELECT * FROM processes WHERE run_id = ? ORDER BY parent_pid IS NOT NULL, first_seen_ns, pid`,
    ),
    chunkAt: db
      .prepare(
        'SELECT chunk_no FROM tick_chunks WHERE run_id = ? AND first_time_ns <= ? ORDER BY first_time_ns DESC LIMIT 1',
      )
      .pluck(),
    tickChunks: db.prepare(
      'SELECT chunk_no, data FROM tick_chunks WHERE run_id = ? AND chunk_no BETWEEN ? AND ? ORDER BY chunk_no',
    ),
    sampleChunks: db.prepare(
      'SELECT chunk_no, tid, data FROM sample_chunks WHERE run_id = ? AND chunk_no BETWEEN ? AND ? ORDER BY chunk_no',
    ),
    output: db.prepare('SELECT stream, time_ns, text FROM output WHERE run_id = ? ORDER BY id'),
    events: db.prepare('SELECT id, time_ns, kind, detail FROM events WHERE run_id = ? ORDER BY time_ns, id'),
    frames: db.prepare('SELECT id, function, file, line FROM frames WHERE run_id = ? ORDER BY id'),
    stacks: db.prepare('SELECT id, prefix, frame FROM stacks WHERE run_id = ? ORDER BY id'),
    storedSummary: db.prepare('SELECT schema_version, summary FROM run_summaries WHERE run_id = ?'),
    storedOverview: db.prepare('SELECT overview FROM run_summaries WHERE run_id = ?').pluck(),
    source: db.prepare(
      'SELECT s.problem, t.text FROM run_sources s LEFT JOIN source_texts t ON t.hash = s.hash WHERE s.run_id = ? AND s.path = ?',
    ),
    sourceCount: db.prepare('SELECT count(*) FROM run_sources WHERE run_id = ?').pluck(),
  };
  const guard = <A extends unknown[], R>(fn: (...args: A) => R) => {
    // A read transaction so that ticks and samples come from the same snapshot while a writer appends.
    const tx = db.transaction(fn);
    return (...args: A): R => {
      try {
        return tx.deferred(...args);
      } catch (error) {
        rethrowAsStoreError(file, error, store.busyTimeoutMs);
      }
    };
  };

  const readTimeline = (id: number, range: TimelineRange = {}): Timeline => {
    const fromNs = range.fromNs ?? -Infinity;
    const toNs = range.toNs ?? Infinity;
    const lo = range.fromNs === undefined ? 0 : ((sql.chunkAt.get(id, Math.floor(fromNs)) as number | undefined) ?? 0);
    const hi =
      range.toNs === undefined
        ? Number.MAX_SAFE_INTEGER
        : (sql.chunkAt.get(id, Math.floor(toNs)) as number | undefined);
    if (hi === undefined || hi < lo) return { ticks: emptyTicks(0), threads: new Map() };

    const tickParts: { cols: TickColumns; from: number; to: number }[] = [];
    let tickTotal = 0;
    let chunkTicks = 0;
    for (const row of sql.tickChunks.iterate(id, lo, hi) as Iterable<{ chunk_no: number; data: Buffer }>) {
      chunkTicks ||= (sql.run.get(id) as RunRow).chunk_ticks;
      const cols = decodeTickChunk(row.data, row.chunk_no * chunkTicks);
      const from = lowerBound(cols.timeNs, fromNs);
      let to = cols.timeNs.length;
      while (to > from && cols.timeNs[to - 1]! > toNs) to--;
      if (to > from) tickParts.push({ cols, from, to });
      tickTotal += to - from;
    }
    const ticks = emptyTicks(tickTotal);
    let at = 0;
    for (const part of tickParts) {
      copyColumns(ticks, part.cols, part.from, part.to, at);
      at += part.to - part.from;
    }
    const threads = new Map<Tid, SampleColumns>();
    if (tickTotal === 0) return { ticks, threads };
    const firstIndex = ticks.index[0]!;
    const lastIndex = ticks.index[tickTotal - 1]!;

    const sampleParts = new Map<Tid, { cols: SampleColumns; from: number; to: number }[]>();
    const sampleTotals = new Map<Tid, number>();
    for (const row of sql.sampleChunks.iterate(id, lo, hi) as Iterable<{
      chunk_no: number;
      tid: number;
      data: Buffer;
    }>) {
      const cols = decodeSampleChunk(row.data, row.chunk_no * chunkTicks);
      const from = lowerBound(cols.tickIndex, firstIndex);
      const to = lowerBound(cols.tickIndex, lastIndex + 1);
      if (to <= from) continue;
      let parts = sampleParts.get(row.tid);
      if (!parts) sampleParts.set(row.tid, (parts = []));
      parts.push({ cols, from, to });
      sampleTotals.set(row.tid, (sampleTotals.get(row.tid) ?? 0) + to - from);
    }
    for (const [tid, parts] of sampleParts) {
      const out = emptySamples(sampleTotals.get(tid)!);
      let offset = 0;
      for (const part of parts) {
        copyColumns(out, part.cols, part.from, part.to, offset);
        offset += part.to - part.from;
      }
      threads.set(tid, out);
    }
    return { ticks, threads };
  };

  return {
    listRuns: guard(() => (sql.list.all() as RunRow[]).map(toRecord)),
    getRun: guard((id: number) => {
      const row = sql.run.get(id) as RunRow | undefined;
      return row && toRecord(row);
    }),
    getThreads: guard((id: number) =>
      (
        sql.threads.all(id) as {
          tid: number;
          pid: number | null;
          name: string;
          name_source: 'python' | 'os';
          first_seen_ns: number;
          last_seen_ns: number;
        }[]
      ).map((t) => ({
        tid: t.tid,
        ...(t.pid === null ? {} : { pid: t.pid }),
        name: t.name,
        nameSource: t.name_source,
        firstSeenNs: t.first_seen_ns,
        lastSeenNs: t.last_seen_ns,
      })),
    ),
    getProcesses: guard((id: number): ProcessInfo[] =>
      (sql.processes.all(id) as ProcessRow[]).map((p) => ({
        pid: p.pid,
        parentPid: p.parent_pid,
        commandLine: JSON.parse(p.command_line) as string[],
        role: p.role,
        pythonVersion: p.python_version,
        firstSeenNs: p.first_seen_ns,
        lastSeenNs: p.last_seen_ns,
        statCpuNs: p.stat_cpu_ns,
        gilTicks: p.gil_ticks,
        gilHeldTicks: p.gil_held_ticks,
        gilHeldByTid: JSON.parse(p.gil_held_by_tid) as Record<Tid, number>,
      })),
    ),
    readTimeline: guard(readTimeline),
    readOutput: guard((id: number): RunOutput => {
      const rows = sql.output.all(id) as { stream: OutputStream; time_ns: number; text: string }[];
      const dropped = (sql.run.get(id) as RunRow | undefined)?.output_dropped_bytes ?? 0;
      return {
        chunks: rows.map((r) => ({ stream: r.stream, timeNs: r.time_ns, text: r.text })),
        truncated: dropped > 0,
        droppedBytes: dropped,
      };
    }),
    readStackTable: guard((id: number): StackTable => {
      const frames = sql.frames.all(id) as { id: number; function: string; file: string; line: number }[];
      const stacks = sql.stacks.all(id) as { id: number; prefix: number; frame: number }[];
      const table: StackTable = {
        frames: { function: [], file: [], line: new Int32Array(frames.length) },
        stacks: { prefix: new Int32Array(stacks.length), frame: new Int32Array(stacks.length) },
      };
      // Ids are dense from 0 in insertion order, so row i has id i (checked, not assumed).
      frames.forEach((f, i) => {
        if (f.id !== i) throw new StoreError('corrupt', file, `frame table of run ${id} has a gap at ${i}`);
        table.frames.function.push(f.function);
        table.frames.file.push(f.file);
        table.frames.line[i] = f.line;
      });
      stacks.forEach((s, i) => {
        if (s.id !== i) throw new StoreError('corrupt', file, `stack table of run ${id} has a gap at ${i}`);
        table.stacks.prefix[i] = s.prefix;
        table.stacks.frame[i] = s.frame;
      });
      return table;
    }),
    readStoredSummary: guard((id: number) => {
      const row = sql.storedSummary.get(id) as { schema_version: number; summary: string } | undefined;
      return row ? { schemaVersion: row.schema_version, summary: JSON.parse(row.summary) as unknown } : null;
    }),
    readStoredOverview: guard((id: number): unknown => {
      const overview = sql.storedOverview.get(id) as string | null | undefined;
      return overview ? (JSON.parse(overview) as unknown) : null;
    }),
    readSource: guard((id: number, path: string): SourceFile | null => {
      const row = sql.source.get(id, path) as { problem: string | null; text: string | null } | undefined;
      if (!row) return null;
      if (row.text !== null) return { path, text: row.text, problem: null };
      return { path, text: null, problem: row.problem ?? 'not stored' };
    }),
    countSources: guard((id: number) => sql.sourceCount.get(id) as number),
    readEvents: guard((id: number) =>
      (sql.events.all(id) as { id: number; time_ns: number; kind: string; detail: string }[]).map((e) => ({
        id: e.id,
        timeNs: e.time_ns,
        kind: e.kind,
        detail: JSON.parse(e.detail) as unknown,
      })),
    ),
  };
}
