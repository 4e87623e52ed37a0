// The profiler's cost to the profiled program (issue 11): fixed work timed inside the script, without a
// profiler and under GILscope, py-spy 0.4.2 and (on 3.15) CPython's own profiling.sampling, at 100 Hz and
// 1 kHz. Each round runs every configuration once, in an order rotated from round to round; a round's ratio
// is the configuration's work time over the same round's unprofiled work time. `node bench/target-slowdown.ts`
// prints the section.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchSection, TargetCheck } from './support/bench-section.ts';
import { FREE_THREADED_PYTHON, GIL_PYTHON, SID_PYTHON_315 } from './support/pythons.ts';
import { fmt, median, pct } from './support/stats.ts';
import { FIXED_WORK_SCRIPT, timedRun, type ProfilerKind, type TimedRun } from './support/timed-runs.ts';
import type { GilMode } from '../main/shared/vocabulary.ts';

const ROUNDS = 7;
const RATES = [100, 1000] as const;
/** Issue 11's bounds on GILscope's slowdown, by rate. */
const SLOWDOWN_BOUND: Record<number, number> = { 100: 1.01, 1000: 1.03 };
/** …and on the whole GILscope process's CPU while recording, in cores, by rate (4 threads on 3.12). */
const PROCESS_CPU_BOUND: Record<number, number> = { 100: 0.02, 1000: 0.1 };
const FIRST_TICK_BOUND_MS = 20;

interface Workload {
  name: string;
  python: string;
  gilMode: GilMode;
  /** Threads, iterations per thread (fixed: ≈2.2 s of work on the reference machine, never from a clock). */
  args: [string, string];
  profilers: ProfilerKind[];
}

const WORKLOADS: Workload[] = [
  {
    name: '4 CPU threads, 3.12 (GIL)',
    python: GIL_PYTHON,
    gilMode: 'default',
    args: ['4', '9000000'],
    profilers: ['none', 'wake-only', 'proc-floor', 'gilscope', 'py-spy', 'py-spy-blocking'],
  },
  {
    name: '2 CPU threads, 3.13t GIL off (both cores busy)',
    python: FREE_THREADED_PYTHON,
    gilMode: 'off',
    args: ['2', '36000000'],
    profilers: ['none', 'wake-only', 'proc-floor', 'gilscope', 'py-spy'],
  },
  {
    name: '4 CPU threads, 3.15 (GIL, Debian sid chroot)',
    python: SID_PYTHON_315,
    gilMode: 'default',
    args: ['4', '9000000'],
    profilers: ['none', 'gilscope', 'cpython', 'py-spy'],
  },
];

const LABEL: Record<ProfilerKind, string> = {
  none: 'none',
  'wake-only': 'wake-only floor (a thread that only wakes at the rate)',
  'proc-floor': "/proc floor (wakes and reads each thread's schedstat and syscall)",
  gilscope: 'GILscope',
  'py-spy': 'py-spy --nonblocking',
  'py-spy-blocking': 'py-spy (default: pauses the target)',
  cpython: 'CPython profiling.sampling -a',
};

interface Cell {
  ratios: number[];
  profilerCores: number[];
  runs: TimedRun[];
  failure: string | null;
}

interface Row {
  workload: string;
  rateHz: number;
  plainWork: number[];
  cells: Map<ProfilerKind, Cell>;
}

function pySpyPath(): string | null {
  try {
    return execFileSync(path.join(import.meta.dirname, '../scripts/provision-py-spy.sh'), { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** Configurations in round `round`'s order: rotated, so none always runs first or right after another. */
function rotated<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

async function measureRow(workload: Workload, rateHz: number, dir: string, pySpy: string | null): Promise<Row> {
  const script = path.join(dir, 'fixed_work.py');
  const spec = {
    python: workload.python,
    script,
    args: workload.args,
    gilMode: workload.gilMode,
    rateHz,
    pySpy,
    dbFile: path.join(dir, 'runs.sqlite'),
  };
  const cells = new Map<ProfilerKind, Cell>(
    workload.profilers.map((kind) => [kind, { ratios: [], profilerCores: [], runs: [], failure: null }]),
  );
  const plainWork: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const results = new Map<ProfilerKind, TimedRun>();
    for (const kind of rotated(workload.profilers, round)) {
      const cell = cells.get(kind)!;
      if (cell.failure !== null) continue;
      try {
        results.set(kind, await timedRun(kind, spec));
      } catch (error) {
        cell.failure = (error as Error).message.split('\n')[0]!.slice(0, 160);
      }
    }
    const plain = results.get('none');
    if (!plain) throw new Error(`${workload.name}: the unprofiled run failed: ${cells.get('none')!.failure}`);
    plainWork.push(plain.workSeconds);
    for (const [kind, result] of results) {
      const cell = cells.get(kind)!;
      cell.runs.push(result);
      cell.ratios.push(result.workSeconds / plain.workSeconds);
      if (result.profilerCpuSeconds !== null) cell.profilerCores.push(result.profilerCpuSeconds / result.wallSeconds);
    }
  }
  const summary = [...cells]
    .filter(([kind]) => kind !== 'none')
    .map(([kind, c]) => `${kind} ${c.failure ?? median(c.ratios).toFixed(4)}`);
  console.error(`  ${workload.name} @ ${rateHz} Hz: ${summary.join(', ')}`);
  return { workload: workload.name, rateHz, plainWork, cells };
}

/** Runs every workload at each rate; returns the BENCHMARKS.md section. */
export async function run(): Promise<BenchSection> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-bench-slowdown-'));
  fs.writeFileSync(path.join(dir, 'fixed_work.py'), FIXED_WORK_SCRIPT);
  const pySpy = pySpyPath();
  const rows: Row[] = [];
  try {
    for (const workload of WORKLOADS) {
      if (!fs.existsSync(workload.python)) {
        console.error(`  skip ${workload.name}: ${workload.python} missing`);
        continue;
      }
      for (const rateHz of RATES) rows.push(await measureRow(workload, rateHz, dir, pySpy));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return {
    title: 'Target slowdown: GILscope, py-spy and CPython’s profiler side by side',
    markdown: render(rows, pySpy),
    targets: targets(rows),
  };
}

function ratioText(cell: Cell | undefined): string {
  if (!cell) return '—';
  if (cell.ratios.length === 0) return `failed: ${cell.failure ?? 'no run'}`;
  const spread = `${pct(Math.min(...cell.ratios))}…${pct(Math.max(...cell.ratios))}`;
  return `${pct(median(cell.ratios))} (${spread})${cell.failure ? `; then failed: ${cell.failure}` : ''}`;
}

function coresText(cell: Cell | undefined): string {
  return cell && cell.profilerCores.length > 0 ? `${fmt(median(cell.profilerCores) * 100, 1)}%` : '—';
}

function render(rows: Row[], pySpy: string | null): string {
  const lines = [
    `Fixed work (\`fixed_work.py\`: each thread runs a fixed number of pure-Python loop iterations), timed inside the`,
    `script with \`perf_counter\` from the first thread's start to the last one's end, so no profiler's start-up is in it.`,
    `${ROUNDS} rounds; each round runs every configuration of the row once, in an order rotated every round. Slowdown =`,
    `work time under the profiler ÷ the same round's unprofiled work time, median of the rounds (min…max in brackets).`,
    `Profiler CPU is % of one core over the run's wall time: GILscope's whole process (sampler worker, main thread`,
    `writing SQLite, V8's threads), measured with \`process.cpuUsage()\` from launch to the run's end; py-spy's and`,
    `CPython's process trees, measured as this process's reaped-children CPU minus the script's own \`process_time\``,
    `(— where that difference was never positive, i.e. the profiler's CPU did not show in the children total).`,
    `py-spy: ${pySpy ?? 'could not be installed (scripts/provision-py-spy.sh)'}. CPython's profiler: \`python3.15 -m`,
    `profiling.sampling run -a -r RATE --collapsed\`. GILscope reads Python stacks at every tick, as \`gilscope profile\` does.`,
    `The wake-only floor is a Node worker thread that wakes at the rate and reads nothing (bench/support/wake-only.ts):`,
    `what any sampler at that rate costs on this machine before it reads a byte. The /proc floor also reads, at each wake,`,
    `the two /proc files per thread that GILscope needs for a thread's CPU, run-queue time and state (\`schedstat\`,`,
    `\`syscall\`): what a sampler of thread states written as GILscope is costs before stacks, the GIL or storage.`,
    '',
    '| workload | rate | profiler | slowdown (median, min…max) | profiler CPU (% of a core) | GILscope µs / thread-sample | GILscope first tick |',
    '|---|---:|---|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    for (const [kind, cell] of row.cells) {
      if (kind === 'none') continue;
      const stats = cell.runs.map((r) => r.sampler).filter((s) => s !== undefined);
      const perSample = stats.length
        ? `${fmt(median(stats.map((s) => s.busyNs / Math.max(1, s.threadSamples) / 1e3)), 1)} µs`
        : '';
      const firstTicks = cell.runs.flatMap((r) => (r.firstTickMs === undefined ? [] : [r.firstTickMs]));
      const firstTick = firstTicks.length ? `${fmt(Math.max(...firstTicks), 1)} ms (max)` : '';
      lines.push(
        `| ${row.workload} | ${fmt(row.rateHz)} Hz | ${LABEL[kind]} | ${ratioText(cell)} | ${coresText(cell)} | ${perSample} | ${firstTick} |`,
      );
    }
  }
  lines.push(...cpuSplitLines(rows));
  lines.push(
    '',
    `Unprofiled work time (median): ${rows.map((r) => `${r.workload} @ ${fmt(r.rateHz)} Hz ${fmt(median(r.plainWork), 3)} s`).join('; ')}.`,
  );
  return lines.join('\n');
}

/** Where GILscope's own CPU went, by thread, as % of one core over the run (medians of the rounds). */
function cpuSplitLines(rows: Row[]): string[] {
  const lines = [
    '',
    "Where GILscope's CPU went, by thread (from `/proc/self/task/*/schedstat`, launch to end, % of one core over the run,",
    "median of the rounds). The sampler worker's CPU outside `sample()` is its sleeping and waking between ticks",
    'and its batch posts; `sample()` is timed with a wall clock, so on a busy machine it includes time preempted.',
    "Start-up is GILscope's work before it releases the script (interpreter probe, database, sampler worker load,",
    'the warm-up on a throw-away Python): wall time and CPU of this process, medians; the script waits that long to',
    'start, and none of it overlaps the script.',
    '',
    '| workload | rate | sampler worker | of which in `sample()` | main thread (batches, SQLite) | V8 compiler and GC threads | start-up before the script: wall, CPU (of which warm-up wall) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  const share = (values: number[]): string => (values.length ? `${fmt(median(values) * 100, 1)}%` : '—');
  for (const row of rows) {
    const runs = row.cells.get('gilscope')?.runs.filter((r) => r.cpuByThread && r.sampler) ?? [];
    if (runs.length === 0) continue;
    const per = (pick: (r: TimedRun) => number): string => share(runs.map((r) => pick(r) / r.wallSeconds));
    const ms = (values: number[]): string => (values.length ? `${fmt(median(values) * 1000)} ms` : '—');
    const startups = runs.flatMap((r) => (r.startup ? [r.startup] : []));
    const warmUps = runs.flatMap((r) => (r.sampler?.warmUp ? [r.sampler.warmUp.wallNs / 1e9] : []));
    const startup = `${ms(startups.map((s) => s.wallSeconds))}, ${ms(startups.map((s) => s.cpuSeconds))} (${ms(warmUps)})`;
    lines.push(
      `| ${row.workload} | ${fmt(row.rateHz)} Hz | ${per((r) => r.cpuByThread!.workers)} | ${per((r) => r.sampler!.busyNs / 1e9)} | ${per((r) => r.cpuByThread!.main)} | ${per((r) => r.cpuByThread!.background)} | ${startup} |`,
    );
  }
  return lines;
}

function targets(rows: Row[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const row of rows) {
    const ours = row.cells.get('gilscope');
    if (!ours || ours.ratios.length === 0) continue;
    const slowdown = median(ours.ratios);
    const where = `${fmt(row.rateHz)} Hz — ${row.workload}`;
    if (!row.workload.includes('3.15')) {
      checks.push({
        target: `GILscope slowdown ≤ ${pct(SLOWDOWN_BOUND[row.rateHz]!, 0)} at ${where}`,
        measured: ratioText(ours),
        met: slowdown <= SLOWDOWN_BOUND[row.rateHz]!,
      });
    }
    for (const [kind, bound] of [
      ['py-spy', 'at most half of py-spy --nonblocking’s'],
      ['cpython', 'below CPython profiling.sampling’s'],
    ] as const) {
      const other = row.cells.get(kind);
      if (!other || other.ratios.length === 0) continue;
      const theirs = median(other.ratios);
      const met = kind === 'py-spy' ? slowdown - 1 <= (theirs - 1) / 2 : slowdown < theirs;
      checks.push({ target: `slowdown ${bound} at ${where}`, measured: `${pct(slowdown)} vs ${pct(theirs)}`, met });
    }
    if (row.workload.startsWith('4 CPU threads, 3.12') && ours.profilerCores.length > 0) {
      const cores = median(ours.profilerCores);
      checks.push({
        target: `whole GILscope process ≤ ${PROCESS_CPU_BOUND[row.rateHz]! * 100}% of a core while recording at ${where}`,
        measured: `${fmt(cores * 100, 1)}%`,
        met: cores <= PROCESS_CPU_BOUND[row.rateHz]!,
      });
    }
    const firstTicks = ours.runs.flatMap((r) => (r.firstTickMs === undefined ? [] : [r.firstTickMs]));
    if (firstTicks.length > 0) {
      const worst = Math.max(...firstTicks);
      checks.push({
        target: `first tick ≤ ${FIRST_TICK_BOUND_MS} ms after launch at ${where}`,
        measured: `${fmt(worst, 1)} ms (worst of ${firstTicks.length})`,
        met: worst <= FIRST_TICK_BOUND_MS,
      });
    }
  }
  return checks;
}

if (import.meta.main) {
  const { title, markdown, targets: checks } = await run();
  console.log(`## ${title}\n\n${markdown}\n`);
  for (const check of checks ?? [])
    console.log(`- ${check.met ? 'met' : 'MISSED'}: ${check.target}: ${check.measured}`);
}
