// One run of the fixed-work script, without a profiler or under one of the three compared (GILscope, py-spy,
// CPython 3.15's profiling.sampling). The work is timed inside the script (perf_counter around the threads'
// work), so interpreter start-up and each profiler's own start-up are outside the figure; the profiler's CPU
// is measured from outside: GILscope's as this process's CPU while recording, the others' as the CPU their
// process tree used (this process's reaped-children total) minus the script's own CPU (its process_time).
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { ProfileSession } from '../../main/engine/profile/profile-session.ts';
import type { SamplerStats } from '../../main/engine/sampler/sampler-messages.ts';
import type { GilMode } from '../../main/shared/vocabulary.ts';
import { cpuSplit, ThreadCpuReader, threadCpuSnapshot, type CpuSplit } from './task-cpu.ts';
import { whileWaking } from './wake-only.ts';

/** The line the script prints when its work is done. */
const WORK_LINE = /GILSCOPE-BENCH work=([\d.]+) cpu=([\d.]+)/;
/** /proc reports times in USER_HZ ticks, fixed at 100 per second on x86-64 Linux. */
const USER_HZ = 100;

export type ProfilerKind = 'none' | 'wake-only' | 'proc-floor' | 'gilscope' | 'py-spy' | 'py-spy-blocking' | 'cpython';

export interface TimedRun {
  /** Seconds the script's threads took for the fixed work. */
  workSeconds: number;
  /** CPU seconds the profiler itself used while the script ran (null without a profiler). */
  profilerCpuSeconds: number | null;
  /** Seconds from launch to exit, as the profiler's CPU is spread over. */
  wallSeconds: number;
  /** GILscope only: its sampler's counters and when its first tick came (ms after launch). */
  sampler?: SamplerStats;
  firstTickMs?: number;
  /** GILscope only: its CPU seconds by thread (the sampler worker is the only Node worker of a bench run). */
  cpuByThread?: CpuSplit;
  /**
   * GILscope only: from the session's creation to the script's release (probe, database, worker load, warm-up),
   * wall and this process's CPU seconds; none of it overlaps the script's run.
   */
  startup?: { wallSeconds: number; cpuSeconds: number };
}

export interface RunSpec {
  python: string;
  script: string;
  args: string[];
  gilMode: GilMode;
  rateHz: number;
  pySpy: string | null;
  dbFile: string;
}

function parseWork(stdout: string, what: string, stderr = ''): { work: number; cpu: number } {
  const match = WORK_LINE.exec(stdout);
  if (!match) {
    // A profiler's own error line says more than the backtrace that may follow it.
    const lines = stderr.trim().split('\n');
    const reason = lines.find((line) => /^(Error|error|.*panicked)/.test(line)) ?? lines.at(-1) ?? 'nothing on stderr';
    throw new Error(`${what}: the script printed no result (${reason.trim()})`);
  }
  return { work: Number(match[1]), cpu: Number(match[2]) };
}

/** CPU seconds of this process's waited-for children so far (cutime + cstime of /proc/self/stat). */
function reapedChildrenCpuSeconds(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'latin1');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / USER_HZ;
}

function gilEnv(gilMode: GilMode): Record<string, string> {
  return gilMode === 'off' ? { PYTHON_GIL: '0' } : gilMode === 'on' ? { PYTHON_GIL: '1' } : {};
}

/** A run without GILscope: plain, or under py-spy or CPython's profiler (a process tree of their own). */
async function externalRun(
  kind: Exclude<ProfilerKind, 'gilscope' | 'wake-only' | 'proc-floor'>,
  spec: RunSpec,
  onStarted?: (pid: number) => void,
): Promise<TimedRun> {
  const out = path.join(path.dirname(spec.dbFile), `${kind}-out.txt`);
  const target = [spec.python, spec.script, ...spec.args];
  const rate = String(spec.rateHz);
  const [file, ...args]: string[] =
    kind === 'none'
      ? target
      : kind === 'cpython'
        ? [
            spec.python,
            '-m',
            'profiling.sampling',
            'run',
            '-a',
            '-r',
            rate,
            '--collapsed',
            '-o',
            out,
            ...target.slice(1),
          ]
        : [
            spec.pySpy ?? 'py-spy',
            'record',
            '--rate',
            rate,
            ...(kind === 'py-spy' ? ['--nonblocking'] : []),
            '--format',
            'raw',
            '-o',
            out,
            '--',
            ...target,
          ];
  const cpuBefore = reapedChildrenCpuSeconds();
  const started = performance.now();
  const subprocess = execa(file!, args, {
    env: { PYTHONUNBUFFERED: '1', ...gilEnv(spec.gilMode) },
    cwd: path.dirname(spec.script),
    reject: false,
  });
  if (subprocess.pid !== undefined) onStarted?.(subprocess.pid);
  const result = await subprocess;
  const wallSeconds = (performance.now() - started) / 1000;
  const { work, cpu } = parseWork(result.stdout, `${kind} run (exit ${result.exitCode})`, result.stderr);
  const treeCpu = reapedChildrenCpuSeconds() - cpuBefore;
  // A tree whose reaped CPU is not above the script's own says nothing about the profiler (the profiler's
  // CPU did not reach this process's children total): no figure rather than 0.
  const profilerCpu = treeCpu - cpu;
  return {
    workSeconds: work,
    wallSeconds,
    profilerCpuSeconds: kind === 'none' || profilerCpu <= 0 ? null : profilerCpu,
  };
}

/** A run under GILscope's engine in this process (worker sampler + SQLite store, as `gilscope profile`). */
async function gilscopeRun(spec: RunSpec): Promise<TimedRun> {
  let stdout = '';
  let cpuAtLaunch: NodeJS.CpuUsage | null = null;
  let launchedAt = 0;
  let firstTickMs: number | undefined;
  let sampler: SamplerStats | undefined;
  let threadsAtLaunch = new Map<number, { name: string; ns: number }>();
  const cpuAtCreate = process.cpuUsage();
  const createdAt = performance.now();
  let startup: TimedRun['startup'];
  // The sampler worker ends before the session does: its last reading is kept from the batches (one
  // schedstat read each, so the measuring adds next to nothing to the main thread it measures).
  let worker = null as { tid: number; name: string; ns: number; reader: ThreadCpuReader } | null;
  const noteWorker = (): void => {
    const ns = worker ? worker.reader.read() : null;
    if (worker && ns !== null) worker.ns = ns;
  };
  const session = new ProfileSession(
    {
      python: spec.python,
      script: spec.script,
      args: spec.args,
      cwd: path.dirname(spec.script),
      gilMode: spec.gilMode,
      rateHz: spec.rateHz,
      stacks: true,
      dbFile: spec.dbFile,
    },
    {
      onStarted: () => {
        cpuAtLaunch = process.cpuUsage();
        launchedAt = performance.now();
        const startupCpu = process.cpuUsage(cpuAtCreate);
        startup = {
          wallSeconds: (launchedAt - createdAt) / 1000,
          cpuSeconds: (startupCpu.user + startupCpu.system) / 1e6,
        };
        threadsAtLaunch = threadCpuSnapshot();
        const workers = [...threadsAtLaunch].filter(([, t]) => t.name === 'WorkerThread');
        if (workers.length === 1)
          worker = { tid: workers[0]![0], ...workers[0]![1], reader: new ThreadCpuReader(workers[0]![0]) };
      },
      onOutput: (stream, text) => {
        if (stream === 'stdout') stdout += text;
      },
      onBatch: (batch) => {
        if (firstTickMs === undefined && batch.ticks.length > 0) firstTickMs = batch.ticks[0]!.timeNs / 1e6;
        sampler = batch.stats;
        noteWorker();
      },
    },
    // The summary is built when the run is first opened: what is measured is the recording alone.
    { digestInline: false },
  );
  const outcome = await session.done;
  const cpu = process.cpuUsage(cpuAtLaunch ?? undefined);
  noteWorker();
  worker?.reader.close();
  const threadsAtEnd = threadCpuSnapshot();
  if (worker) threadsAtEnd.set(worker.tid, { name: worker.name, ns: worker.ns });
  const wallSeconds = (performance.now() - launchedAt) / 1000;
  if (outcome.kind !== 'recorded' || outcome.status !== 'completed') {
    throw new Error(`GILscope run did not complete: ${JSON.stringify(outcome)}`);
  }
  const { work } = parseWork(stdout, 'GILscope run');
  return {
    workSeconds: work,
    wallSeconds,
    profilerCpuSeconds: (cpu.user + cpu.system) / 1e6,
    sampler,
    firstTickMs,
    cpuByThread: cpuSplit(threadsAtLaunch, threadsAtEnd),
    startup,
  };
}

/** Runs the fixed work once under `kind`. Throws with the reason when the run or its work line is missing. */
export async function timedRun(kind: ProfilerKind, spec: RunSpec): Promise<TimedRun> {
  if (kind === 'gilscope') return gilscopeRun(spec);
  if (kind !== 'wake-only' && kind !== 'proc-floor') return externalRun(kind, spec);
  const { result, cpuSeconds } = await whileWaking(spec.rateHz, (announce) => externalRun('none', spec, announce), {
    readProc: kind === 'proc-floor',
  });
  return { ...result, profilerCpuSeconds: cpuSeconds };
}

/** The fixed work: THREADS threads each run ITERATIONS loop iterations; prints its own time and CPU. */
export const FIXED_WORK_SCRIPT = `import sys, threading, time
threads, iterations = int(sys.argv[1]), int(sys.argv[2])
def work():
    x = 0
    for i in range(iterations):
        x += i * i % 7
started = time.perf_counter()
pool = [threading.Thread(target=work) for _ in range(threads)]
for t in pool: t.start()
for t in pool: t.join()
print(f"GILSCOPE-BENCH work={time.perf_counter() - started:.6f} cpu={time.process_time():.6f}", flush=True)
`;
