// Sampler cost at 100 Hz with 1/4/16/64 Python threads (blocked on an Event, or spinning in Python): the sampler's
// own busy time, the sampler worker thread's CPU and the whole profiler process's CPU per wall second, plus the
// per-read cost of what one thread-sample does, measured synchronously. `node bench/sampler-cost.ts` prints it.
import fs from 'node:fs';
import path from 'node:path';
import { ThreadSampler } from '../main/engine/sampler/thread-sampler.ts';
import { PythonAttachment } from '../main/engine/sampler/python-attachment.ts';
import { listThreadIds } from '../main/engine/proc/thread-files.ts';
import type { SamplerStats } from '../main/engine/sampler/sampler-messages.ts';
import type { BenchSection } from './support/bench-section.ts';
import { profileRun } from './support/profile-run.ts';
import { GIL_PYTHON } from './support/pythons.ts';
import { writeWorkloads, type Workloads } from './support/python-workloads.ts';
import { startPython } from './support/started-python.ts';
import { fmt } from './support/stats.ts';
import { newWorkerThread, ownThreads, ThreadCpuReader } from './support/task-cpu.ts';

const RATE_HZ = 100;
const RUN_SECONDS = 3;
/** Batches before this much time after launch are left out (interpreter start-up, attach, thread creation). */
const WARMUP_NS = 0.6e9;
const THREAD_COUNTS = [1, 4, 16, 64];
const MODES = ['blocked', 'busy'] as const;
const TARGET_CORE = 0.1;

interface Point {
  atNs: bigint;
  workerCpuNs: number | null;
  processCpuUs: number;
  stats: SamplerStats;
}

interface CostRow {
  threads: number;
  mode: string;
  samplesPerTick: number;
  achievedHz: number;
  busyCore: number;
  workerCore: number | null;
  processCore: number;
  usPerThreadSample: number;
  usPerTick: number;
}

async function measureRun(scripts: Workloads, dbFile: string, threads: number, mode: string): Promise<CostRow> {
  const before = ownThreads();
  // Set in a callback, read in others: an object, so TypeScript does not narrow it to its initial null.
  const worker: { cpu: ThreadCpuReader | null } = { cpu: null };
  let startedNs = 0n;
  const points: Point[] = [];
  const cpu = (): number => {
    const usage = process.cpuUsage();
    return usage.user + usage.system;
  };
  await profileRun({
    python: GIL_PYTHON,
    script: scripts.threadsFor,
    args: [String(threads), String(RUN_SECONDS), mode],
    rateHz: RATE_HZ,
    dbFile,
    hooks: {
      onStarted: () => {
        startedNs = process.hrtime.bigint();
        const workerTid = newWorkerThread(before);
        worker.cpu = workerTid === null ? null : new ThreadCpuReader(workerTid);
      },
      onBatch: (batch) => {
        if (batch.end || startedNs === 0n) return;
        const atNs = process.hrtime.bigint();
        if (atNs - startedNs < WARMUP_NS) return;
        points.push({
          atNs,
          workerCpuNs: worker.cpu?.read() ?? null,
          processCpuUs: cpu(),
          stats: batch.stats,
        });
      },
    },
  });
  worker.cpu?.close();
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || first === last) throw new Error(`too few batches for ${threads} ${mode} threads`);
  const wallNs = Number(last.atNs - first.atNs);
  const ticks = last.stats.ticks - first.stats.ticks;
  const samples = last.stats.threadSamples - first.stats.threadSamples;
  const busyNs = last.stats.busyNs - first.stats.busyNs;
  const workerCore =
    first.workerCpuNs !== null && last.workerCpuNs !== null ? (last.workerCpuNs - first.workerCpuNs) / wallNs : null;
  return {
    threads,
    mode,
    samplesPerTick: samples / ticks,
    achievedHz: ticks / (wallNs / 1e9),
    busyCore: busyNs / wallNs,
    workerCore,
    processCore: ((last.processCpuUs - first.processCpuUs) * 1e3) / wallNs,
    usPerThreadSample: busyNs / samples / 1e3,
    usPerTick: busyNs / ticks / 1e3,
  };
}

interface ReadCostRow {
  threads: number;
  mode: string;
  usPerTick: number;
  usPerThreadSample: number;
  schedstatUs: number;
  syscallUs: number;
  readdirUs: number;
  gilReadUs: number | null;
}

const timeUs = (rounds: number, body: () => void): number => {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) body();
  return Number(process.hrtime.bigint() - t0) / 1e3 / rounds;
};

/** Synchronous probe: back-to-back ticks with ThreadSampler, then each kind of read alone, on one live process. */
async function measureReads(scripts: Workloads, threads: number, mode: string): Promise<ReadCostRow> {
  const target = await startPython(GIL_PYTHON, scripts.threadsFor, [String(threads), '60', mode]);
  try {
    const sampler = new ThreadSampler(target.pid);
    const t0 = process.hrtime.bigint();
    const now = (): number => Number(process.hrtime.bigint() - t0);
    for (let i = 0; i < 30; i++) sampler.sample(now()); // attach, thread table, names
    const rounds = Math.max(50, Math.round(4000 / (threads + 1)));
    const before = { ...sampler.stats };
    for (let i = 0; i < rounds; i++) sampler.sample(now());
    const busyNs = sampler.stats.busyNs - before.busyNs;
    const samples = sampler.stats.threadSamples - before.threadSamples;
    sampler.close();

    const tids = listThreadIds(target.pid) ?? [];
    const buffer = Buffer.alloc(512);
    const open = (file: string): number[] =>
      tids.map((tid) => fs.openSync(`/proc/${target.pid}/task/${tid}/${file}`, 'r'));
    const schedstat = open('schedstat');
    const syscall = open('syscall');
    const perRead = (fds: number[]): number =>
      timeUs(rounds, () => {
        for (const fd of fds) {
          try {
            fs.readSync(fd, buffer, 0, buffer.length, 0);
          } catch {
            // a thread may be mid-exit; the sampler tolerates this too
          }
        }
      }) / fds.length;
    const schedstatUs = perRead(schedstat);
    const syscallUs = perRead(syscall);
    for (const fd of [...schedstat, ...syscall]) fs.closeSync(fd);
    const readdirUs = timeUs(rounds, () => listThreadIds(target.pid));

    const attachment = new PythonAttachment(target.pid);
    let gilReadUs: number | null = null;
    for (let i = 0; i < 50 && attachment.status.kind === 'pending'; i++) attachment.tryAttach(now());
    if (attachment.status.kind === 'attached') gilReadUs = timeUs(rounds, () => attachment.readGil(now()));
    attachment.close();
    return {
      threads,
      mode,
      usPerTick: busyNs / (rounds * 1e3),
      usPerThreadSample: busyNs / samples / 1e3,
      schedstatUs,
      syscallUs,
      readdirUs,
      gilReadUs,
    };
  } finally {
    await target.stop();
  }
}

/** Sampler CPU at 100 Hz per thread count and mode, and per-read costs; returns the BENCHMARKS.md section. */
export async function run(): Promise<BenchSection> {
  const scripts = writeWorkloads();
  const dbFile = path.join(scripts.dir, 'sampler-cost.db');
  const rows: CostRow[] = [];
  const reads: ReadCostRow[] = [];
  try {
    for (const mode of MODES) {
      for (const threads of THREAD_COUNTS) {
        const row = await measureRun(scripts, dbFile, threads, mode);
        console.error(
          `  ${threads} ${mode}: busy ${(row.busyCore * 100).toFixed(2)}%, worker ${((row.workerCore ?? NaN) * 100).toFixed(2)}%, process ${(row.processCore * 100).toFixed(2)}%`,
        );
        rows.push(row);
      }
    }
    for (const mode of MODES) {
      for (const threads of [16, 64]) reads.push(await measureReads(scripts, threads, mode));
    }
  } finally {
    scripts.remove();
  }
  const targets = rows
    .filter((r) => r.threads === 16)
    .map((r) => ({
      target: `sampler ≤ 10% of one core at ${RATE_HZ} Hz, 16 ${r.mode} threads`,
      measured: `worker thread ${core(r.workerCore)}, sample() ${core(r.busyCore)}, whole profiler process ${core(r.processCore)}`,
      met: [r.workerCore ?? r.busyCore, r.processCore].every((c) => c <= TARGET_CORE),
    }));
  return { title: `Sampler cost at ${RATE_HZ} Hz`, markdown: render(rows, reads), targets };
}

const core = (value: number | null): string => (value === null ? 'n/a' : `${fmt(value * 100, 2)}%`);

function render(rows: CostRow[], reads: ReadCostRow[]): string {
  const lines = [
    `\`threads_for.py N ${RUN_SECONDS} MODE\` on 3.12 (GIL) under ProfileSession at ${RATE_HZ} Hz; *blocked* threads wait on one`,
    `\`threading.Event\`, *busy* threads spin in a Python loop (so they contend for the GIL). Thread-samples per tick =`,
    `N + the main thread. Window: from ${WARMUP_NS / 1e9} s after launch to the last batch before exit. All CPU figures are % of`,
    `one core per wall second: **busy** = time inside \`ThreadSampler.sample()\` (sampler stats); **worker** = CPU of the`,
    `sampler worker thread (its /proc/self/task/TID/schedstat, includes the loop, batching and postMessage); **process** =`,
    `the whole profiler process (\`process.cpuUsage()\`: worker + main thread writing batches to SQLite + V8/GC threads).`,
    `*busy* is wall time inside sample(), so on a loaded machine it also counts time the worker was preempted and can`,
    `exceed *worker*; *worker* is n/a when the sampler's thread could not be singled out among new Node threads.`,
    `Target: ≤ 10% of one core at 100 Hz with 16 threads.`,
    '',
    '| threads | mode | samples / tick | achieved rate | busy | worker | process | µs / thread-sample | µs / tick | target (16 threads) |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const target =
      r.threads !== 16
        ? ''
        : [r.workerCore ?? r.busyCore, r.processCore].every((c) => c <= TARGET_CORE)
          ? 'met (worker and process)'
          : `**missed**`;
    lines.push(
      `| ${r.threads} | ${r.mode} | ${fmt(r.samplesPerTick, 1)} | ${fmt(r.achievedHz, 1)} Hz | ${core(r.busyCore)} | ${core(r.workerCore)} | ${core(r.processCore)} | ` +
        `${fmt(r.usPerThreadSample, 1)} | ${fmt(r.usPerTick)} | ${target} |`,
    );
  }
  lines.push(
    '',
    `Where a tick's time goes, measured synchronously on a live target (\`ThreadSampler.sample()\` back to back on the`,
    `bench's own thread, then each kind of read alone in a loop over the target's threads; µs per call):`,
    '',
    '| threads | mode | µs / tick | µs / thread-sample | pread schedstat | pread syscall | readdir task/ | GIL word read |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
    ...reads.map(
      (r) =>
        `| ${r.threads} | ${r.mode} | ${fmt(r.usPerTick)} | ${fmt(r.usPerThreadSample, 1)} | ${fmt(r.schedstatUs, 1)} | ${fmt(r.syscallUs, 1)} | ${fmt(r.readdirUs, 1)} | ${r.gilReadUs === null ? 'n/a' : fmt(r.gilReadUs, 1)} |`,
    ),
  );
  return lines.join('\n');
}

if (import.meta.main) {
  const { title, markdown } = await run();
  console.log(`## ${title}\n\n${markdown}`);
}
