// Run-store ingest benchmark: one-row-per-thread-sample vs the chunked columnar blobs the store uses,
// at realistic shapes (16 and 64 threads × 100 Hz × 10 min, batches of 10 ticks as the sampler posts them).
// Measures ingest thread-samples/s (time inside the write calls only), bytes per thread-sample on disk
// (live pages after a WAL checkpoint) and a full-timeline read. `node bench/db-ingest.ts` prints the section.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Tick } from '../main/engine/model.ts';
import { openRunStore } from '../main/engine/store/open-database.ts';
import { createRunReader } from '../main/engine/store/run-reader.ts';
import { DEFAULT_CHUNK_TICKS, RunWriter } from '../main/engine/store/run-writer.ts';
import { syntheticTickBatches, type SyntheticRunShape } from '../tests/support/synthetic-ticks.ts';

interface Measurement {
  shape: string;
  layout: string;
  samples: number;
  samplesPerSecond: number;
  bytesPerSample: number;
  fileMiB: number;
  readMs: number;
}

const ROWS_SCHEMA = `
  CREATE TABLE tick_rows (run_id INTEGER NOT NULL, tick_index INTEGER NOT NULL, time_ns INTEGER NOT NULL,
    gil_flags INTEGER NOT NULL, gil_holder INTEGER, PRIMARY KEY (run_id, tick_index)) WITHOUT ROWID;
  CREATE TABLE sample_rows (run_id INTEGER NOT NULL, tick_index INTEGER NOT NULL, tid INTEGER NOT NULL,
    state INTEGER NOT NULL, cpu_ns INTEGER NOT NULL, run_queue_ns INTEGER NOT NULL,
    PRIMARY KEY (run_id, tick_index, tid)) WITHOUT ROWID;`;

function liveBytes(db: Database.Database): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pages =
    (db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number);
  return pages * (db.pragma('page_size', { simple: true }) as number);
}

function measureRows(file: string, shape: SyntheticRunShape): Omit<Measurement, 'shape' | 'layout'> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(ROWS_SCHEMA);
  const insertTick = db.prepare('INSERT INTO tick_rows VALUES (1, ?, ?, ?, ?)');
  const insertSample = db.prepare('INSERT INTO sample_rows VALUES (1, ?, ?, ?, ?, ?)');
  const append = db.transaction((ticks: Tick[]) => {
    for (const t of ticks) {
      const flags = t.gil ? 1 | (t.gil.held ? 2 : 0) | (t.gil.enabled ? 4 : 0) : 0;
      insertTick.run(t.index, Math.round(t.timeNs), flags, t.gil?.holderTid ?? null);
      for (const s of t.threads)
        insertSample.run(t.index, s.tid, s.state, Math.round(s.cpuNs), Math.round(s.runQueueNs));
    }
  });
  let samples = 0;
  let writeMs = 0;
  for (const batch of syntheticTickBatches(shape)) {
    const t0 = performance.now();
    append(batch);
    writeMs += performance.now() - t0;
    for (const t of batch) samples += t.threads.length;
  }
  const bytes = liveBytes(db);
  const t0 = performance.now();
  const perThread = new Map<number, { index: number[]; state: number[]; cpu: number[]; rq: number[] }>();
  const rows = db
    .prepare('SELECT tick_index, tid, state, cpu_ns, run_queue_ns FROM sample_rows WHERE run_id = 1')
    .raw();
  for (const [index, tid, state, cpu, rq] of rows.iterate() as Iterable<number[]>) {
    let t = perThread.get(tid!);
    if (!t) perThread.set(tid!, (t = { index: [], state: [], cpu: [], rq: [] }));
    t.index.push(index!);
    t.state.push(state!);
    t.cpu.push(cpu!);
    t.rq.push(rq!);
  }
  const columns = [...perThread.values()].map((t) => [
    new Uint32Array(t.index),
    new Uint8Array(t.state),
    new Float64Array(t.cpu),
    new Float64Array(t.rq),
  ]);
  const readMs = performance.now() - t0;
  db.close();
  return measurement(samples, writeMs, bytes, columns.length ? readMs : 0);
}

function measureChunks(
  file: string,
  shape: SyntheticRunShape,
  compress: boolean,
): Omit<Measurement, 'shape' | 'layout'> {
  const store = openRunStore(file);
  const writer = new RunWriter(store, { compress });
  const runId = writer.createRun({
    script: 'bench.py',
    args: [],
    cwd: '/',
    interpreter: null,
    gilMode: 'default',
    rateHz: shape.rateHz,
  });
  let samples = 0;
  let writeMs = 0;
  for (const batch of syntheticTickBatches(shape)) {
    const t0 = performance.now();
    writer.appendTicks(batch);
    writeMs += performance.now() - t0;
    for (const t of batch) samples += t.threads.length;
  }
  writer.finishRun({ status: 'completed', exitCode: 0, signal: null, wallNs: null });
  const bytes = liveBytes(store.db);
  const t0 = performance.now();
  createRunReader(store).readTimeline(runId);
  const readMs = performance.now() - t0;
  store.close();
  return measurement(samples, writeMs, bytes, readMs);
}

/** A layout's figures from what was written (thread-samples, ms spent writing, bytes stored) and read back. */
function measurement(
  samples: number,
  writeMs: number,
  bytes: number,
  readMs: number,
): Omit<Measurement, 'shape' | 'layout'> {
  return {
    samples,
    samplesPerSecond: samples / (writeMs / 1000),
    bytesPerSample: bytes / samples,
    fileMiB: bytes / 2 ** 20,
    readMs,
  };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Measures rows vs chunks and returns the BENCHMARKS.md section. */
export async function run(): Promise<{ title: string; markdown: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-db-ingest-'));
  const results: Measurement[] = [];
  try {
    for (const threads of [16, 64]) {
      const shape: SyntheticRunShape = { threads, ticks: 100 * 600, rateHz: 100, seed: threads };
      const name = `${threads} threads × 100 Hz × 10 min`;
      const layouts: [string, (file: string) => Omit<Measurement, 'shape' | 'layout'>][] = [
        ['rows (1 row per thread-sample, WITHOUT ROWID)', (f) => measureRows(f, shape)],
        [`chunks (${DEFAULT_CHUNK_TICKS} ticks, varint columns) — used`, (f) => measureChunks(f, shape, false)],
        [`chunks + deflate`, (f) => measureChunks(f, shape, true)],
      ];
      for (const [layout, measure] of layouts) {
        const file = path.join(dir, `${threads}-${results.length}.db`);
        results.push({ shape: name, layout, ...measure(file) });
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const lines = [
    `Synthetic ticks (sticky thread states, ns-precision schedstat-like deltas, sleeping threads report 0), written in`,
    `batches of 10 ticks, one transaction each, WAL + synchronous=NORMAL. Ingest counts time inside the write calls only;`,
    `size is live pages × page size after a WAL checkpoint; read = whole run decoded into typed-array columns.`,
    '',
    '| shape | layout | thread-samples | ingest (samples/s) | bytes / sample | size (MiB) | full read (ms) |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.shape} | ${r.layout} | ${fmt(r.samples)} | ${fmt(r.samplesPerSecond)} | ${fmt(r.bytesPerSample, 2)} | ${fmt(r.fileMiB, 1)} | ${fmt(r.readMs)} |`,
    ),
    '',
  ];
  for (let i = 0; i + 2 < results.length; i += 3) {
    const [rows, chunks, deflated] = [results[i]!, results[i + 1]!, results[i + 2]!];
    lines.push(
      `- ${rows.shape}: chunks are ${fmt(rows.bytesPerSample / chunks.bytesPerSample, 1)}× smaller and ingest ` +
        `${fmt(chunks.samplesPerSecond / rows.samplesPerSecond, 1)}× faster than rows, read ${fmt(rows.readMs / chunks.readMs, 1)}× faster; ` +
        `deflate saves another ${fmt((1 - deflated.bytesPerSample / chunks.bytesPerSample) * 100)}% of size at ` +
        `${fmt(chunks.samplesPerSecond / deflated.samplesPerSecond, 1)}× the ingest cost.`,
    );
  }
  return { title: 'Run store ingest: rows vs chunks', markdown: lines.join('\n') };
}

if (import.meta.main) {
  const { title, markdown } = await run();
  console.log(`## ${title}\n\n${markdown}`);
}
