// Following a whole process tree: real multiprocessing, ProcessPoolExecutor and subprocess children,
// each process's CPU checked against its own time.process_time() and its GIL read on its own.
import { describe, expect, it } from 'vitest';
import { pyenvPython } from '../support/spawn-python.ts';
import { profileFixture } from '../support/profile-fixture.ts';
import { exportRun } from '../../main/engine/export/export-run.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import type { ProcessSummary, RunSummary } from '../../main/shared/run-summary-types.ts';
import { renderRunReport } from '../../main/engine/report/run-report.ts';
import { loadReportTimeline } from '../../main/engine/report/report-timeline.ts';
import { groupThreadsByProcess } from '../../main/shared/process-groups.ts';

const python = pyenvPython('3.12.1');

/**
 * Every process prints `PROC {"pid":…, "cpu": process_time}` as late as it can: a child at the end of its
 * work, the main process just before os._exit (interpreter finalization measured 25–45 ms of CPU here, more
 * than the tolerance, so the main process skips it rather than leave it out of its own figure).
 */
const PROC_PRELUDE = `
import json, os, sys, time
def finish_main():
    report_process()
    os._exit(0)
def report_process():
    # One write per line: pool workers share the pipe, and print() may split a line in two writes.
    os.write(1, ("PROC " + json.dumps({"pid": os.getpid(), "cpu": time.process_time()}) + "\\n").encode())
def spin(seconds):
    end = time.process_time() + seconds
    x = 0
    while time.process_time() < end:
        x += 1
    report_process()
    return x
`;

/** `pid → process_time()` as each process reported it. */
function processTruth(stdout: string): Map<number, number> {
  const truth = new Map<number, number>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('PROC ')) continue;
    const { pid, cpu } = JSON.parse(line.slice(5)) as { pid: number; cpu: number };
    truth.set(pid, cpu);
  }
  return truth;
}

function processesOf(summary: RunSummary): ProcessSummary[] {
  expect(summary.processes, 'the summary lists processes').toBeDefined();
  return summary.processes ?? [];
}

/** Each reporting process's CPU is within 5% (or 30 ms) of its own process_time(). */
function expectCpuMatches(summary: RunSummary, truth: Map<number, number>): void {
  const processes = processesOf(summary);
  for (const [pid, cpu] of truth) {
    const measured = processes.find((process) => process.pid === pid);
    expect(measured, `process ${pid} was followed (have ${processes.map((p) => p.pid).join(', ')})`).toBeDefined();
    expect(
      Math.abs((measured?.cpuSeconds ?? 0) - cpu),
      `process ${pid}: truth ${cpu} s, measured ${JSON.stringify(measured)}; threads ${JSON.stringify(summary.threads.map((t) => [t.pid, t.tid, t.name, t.cpuSeconds]))}`,
    ).toBeLessThanOrEqual(Math.max(0.05 * cpu, 0.03));
  }
}

const TWO_BUSY_CHILDREN = (method: string): string =>
  PROC_PRELUDE +
  `
import multiprocessing
if __name__ == "__main__":
    multiprocessing.set_start_method("${method}")
    children = [multiprocessing.Process(target=spin, args=(0.4,)) for _ in range(2)]
    for child in children: child.start()
    for child in children: child.join()
    finish_main()
`;

/** A ProcessPoolExecutor of `workers` mapping spin() over `seconds` (a Python list), then `after` in the main process. */
const POOL_OF_SPINS = (workers: number, seconds: string, after = ''): string =>
  PROC_PRELUDE +
  `
import concurrent.futures, subprocess
if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(max_workers=${workers}) as pool:
        list(pool.map(spin, ${seconds}))
    ${after}
    finish_main()
`;

describe('a process tree is followed', () => {
  it('multiprocessing (fork) with 2 busy children: 3 processes, each with its own CPU and GIL', async () => {
    const run = await profileFixture(python, TWO_BUSY_CHILDREN('fork'));
    expect(run.summary.status).toBe('completed');
    const processes = processesOf(run.summary);
    expect(processes.map((process) => process.role)).toEqual(['main', 'worker 1', 'worker 2']);
    const truth = processTruth(run.stdout);
    expect(truth.size).toBe(3);
    expectCpuMatches(run.summary, truth);
    const [main, ...workers] = processes;
    for (const worker of workers) {
      expect(worker.parentPid).toBe(main?.pid);
      expect(worker.pythonVersion).toBe('3.12.1');
      // A lone busy thread holds its own process's GIL nearly all the time; the waiting parent hardly at all.
      expect(worker.gil?.heldFraction).toBeGreaterThan(0.8);
      expect(worker.cpuSeconds).toBeGreaterThan(0.35);
    }
    expect(main?.gil?.heldFraction).toBeLessThan(0.5);
    // Threads carry their process; the run's CPU is the tree's.
    for (const worker of workers) expect(run.summary.threads.some((thread) => thread.pid === worker.pid)).toBe(true);
    const treeCpu = processes.reduce((sum, process) => sum + process.cpuSeconds, 0);
    expect(run.summary.cpuSeconds).toBeCloseTo(treeCpu, 3);
  });

  it('multiprocessing (spawn: fork then exec) children are found again after their exec', async () => {
    const run = await profileFixture(python, TWO_BUSY_CHILDREN('spawn'));
    const truth = processTruth(run.stdout);
    expect(truth.size).toBe(3);
    expectCpuMatches(run.summary, truth);
    const busy = processesOf(run.summary).filter((process) => truth.has(process.pid) && process.role !== 'main');
    expect(busy).toHaveLength(2);
    for (const worker of busy) {
      expect(worker.commandLine).toContain('-c'); // the command line after the exec
      expect(worker.gil?.heldFraction).toBeGreaterThan(0.8);
    }
  });

  it('a forked Python child that execs a shell: its row is the shell, GIL figures from before the exec dropped', async () => {
    // The fork runs Python (and holds its GIL) for 0.4 s, then becomes /bin/sh busy for a while: its row names
    // the program it ran last, and a GIL share of a process running no Python would be a made-up figure.
    const forkThenExec =
      PROC_PRELUDE +
      `
if __name__ == "__main__":
    pid = os.fork()
    if pid == 0:
        spin(0.4)
        os.execv("/bin/sh", ["/bin/sh", "-c", "i=0; while [ $i -lt 40000 ]; do i=$((i+1)); done; sleep 0.3"])
    os.waitpid(pid, 0)
    finish_main()
`;
    const run = await profileFixture(python, forkThenExec);
    expect(run.summary.status).toBe('completed');
    const processes = processesOf(run.summary);
    const shell = processes.find((process) => process.commandLine[0] === '/bin/sh');
    expect(shell, processes.map((process) => process.commandLine.join(' ')).join('\n')).toBeDefined();
    expect(shell?.pythonVersion).toBeNull();
    expect(shell?.gil).toBeNull();
    // Its CPU still counts the Python part: the process is the same.
    expect(shell?.cpuSeconds).toBeGreaterThan(0.4);
  });

  it('ProcessPoolExecutor workers and a non-Python grandchild are seen (CPU and states only for the latter)', async () => {
    // After the pool, a non-Python child that burns CPU (the shell's own busy loop), then lingers: on a loaded
    // machine the sampler can be denied a CPU for longer than the loop takes, and a child never seen has no row.
    const shellLoop =
      'subprocess.run(["/bin/sh", "-c", "i=0; while [ $i -lt 40000 ]; do i=$((i+1)); done; sleep 0.5"], check=True)';
    const run = await profileFixture(python, POOL_OF_SPINS(2, '[0.1, 0.1]', shellLoop));
    expect(run.summary.status).toBe('completed');
    const processes = processesOf(run.summary);
    const truth = processTruth(run.stdout);
    expect(truth.size).toBeGreaterThanOrEqual(2);
    expectCpuMatches(run.summary, truth);
    const shell = processes.find((process) => process.commandLine[0] === '/bin/sh');
    expect(shell, processes.map((process) => process.commandLine.join(' ')).join('\n')).toBeDefined();
    expect(shell?.pythonVersion).toBeNull();
    expect(shell?.gil).toBeNull();
    expect(shell?.cpuSeconds).toBeGreaterThan(0.02);
  });

  it('a pool of 4 workers on 4 CPU-bound tasks is not GIL-bound: the verdict counts the processes', async () => {
    const run = await profileFixture(python, POOL_OF_SPINS(4, '[0.3] * 4'));
    const { verdict } = run.summary;
    expect(verdict.kind, verdict.headline).not.toMatch(/gil-bound/);
    // However loaded the machine, the work is in 4 processes, each with its own GIL (5 when feeding them
    // kept the main process busy too).
    expect(verdict.headline).toMatch(
      /^The GIL is not what limits this run(: | \()[45] processes kept \d+\.\d cores busy, each with its own GIL/,
    );
    const workers = processesOf(run.summary).filter((process) => process.role !== 'main' && process.cpuSeconds > 0.25);
    expect(workers).toHaveLength(4);
  });

  it('exports show each process: collapsed and speedscope with a process prefix, trace with one process per pid; the report and timeline group lanes by process', async () => {
    const run = await profileFixture(python, TWO_BUSY_CHILDREN('fork'));
    const [main, worker1, worker2] = processesOf(run.summary);
    const store = openRunStore(run.dbFile, { readonly: true });
    try {
      const reader = createRunReader(store);
      const collapsed = exportRun(reader, run.summary.runId, 'collapsed') ?? '';
      for (const process of [main, worker1, worker2]) {
        const prefix = `${process?.role} (${process?.pid});MainThread (${process?.pid});`;
        expect(
          collapsed.split('\n').some((line) => line.startsWith(prefix)),
          `${prefix} in\n${collapsed}`,
        ).toBe(true);
      }
      const speedscope = JSON.parse(exportRun(reader, run.summary.runId, 'speedscope') ?? '{}') as {
        profiles: Array<{ name: string }>;
      };
      expect(speedscope.profiles.map((profile) => profile.name)).toContain(
        `worker 1 (${worker1?.pid}): MainThread (${worker1?.pid})`,
      );
      const trace = JSON.parse(exportRun(reader, run.summary.runId, 'trace') ?? '{}') as {
        traceEvents: Array<{ name: string; pid: number; tid: number; args?: { name?: string } }>;
      };
      const processNames = trace.traceEvents.filter((event) => event.name === 'process_name');
      expect(processNames.map((event) => event.pid).sort()).toEqual([main?.pid, worker1?.pid, worker2?.pid].sort());
      const profiles = trace.traceEvents.filter((event) => event.name === 'Profile');
      for (const process of [main, worker1, worker2]) {
        expect(profiles.some((event) => event.pid === process?.pid && event.tid === process?.pid)).toBe(true);
      }

      // Grouped: every thread under its own process, main first; the timeline's lanes one process after another.
      const groups = groupThreadsByProcess(run.summary);
      expect(groups.map((group) => group.process.role)).toEqual(['main', 'worker 1', 'worker 2']);
      for (const group of groups) {
        expect(group.threads.length).toBeGreaterThan(0);
        expect(group.threads.every((thread) => thread.pid === group.process.pid)).toBe(true);
      }
      const timeline = loadReportTimeline(reader, run.summary.runId);
      const lanePids = timeline?.threads.map((thread) => thread.pid) ?? [];
      expect(lanePids.filter((pid, i) => pid !== lanePids[i - 1])).toEqual([main?.pid, worker1?.pid, worker2?.pid]);
      // The report has a row per process with its own GIL figures, and names each thread's process.
      const report = renderRunReport(run.summary, timeline, { generatedAt: new Date(0), version: 'test' });
      const processes = /<section[^>]*id="processes"[\s\S]*?<\/section>/.exec(report)?.[0] ?? '';
      for (const process of [main, worker1, worker2]) {
        expect(processes).toContain(`${process?.role} · pid ${process?.pid}`);
        expect(report).toContain(`pid ${process?.pid} · tid ${process?.pid} · CPU`);
      }
      expect(processes.match(/<tr>/g)?.length).toBe(4); // header + 3 processes
      expect(report).toContain('The GIL lane is the main process’s');
    } finally {
      store.close();
    }
  });
});
