// The trace-event export of a real run, read back the way Firefox Profiler's Chrome importer reads it:
// node ids N become frames N − 1 of one shared table (so they must run 1..N across all threads, parents
// first), each Profile finds its ProfileChunk by id and pid, 'X' events become markers. Then the markers'
// durations are checked against the run's own state fractions.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportRun } from '../../main/engine/export/export-run.ts';
import type { TraceEvent, TraceFile } from '../../main/engine/export/trace-events.ts';
import { describeLoad } from '../support/machine-load.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { pyenvPython } from '../support/spawn-python.ts';
import {
  TRUTH_PRELUDE,
  makeTempDir,
  profileFixture,
  threadOf,
  type ProfiledFixture,
} from '../support/profile-fixture.ts';
import { runCli } from '../cli/run-cli.ts';

/** Standard deviations of sampling error allowed between a sampled share and a timed one. */
const Z = 4.5;
/** The mean of sampled-minus-timed GIL-wait share seen over 60 threads (−0.023), rounded up. */
const MEAN_GAP = 0.03;

const HOSTILE = 'quote " back\\\\slash </script>';
const WORKLOAD = `
def spin():
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        pass
    report()
shared = threading.Lock()
def hold():
    with shared:
        time.sleep(1.0)
    report()
def queue():
    time.sleep(0.1)
    with shared:  # the queuer waits here
        pass
    report()
threads = [threading.Thread(target=spin, name="spin-a"), threading.Thread(target=spin, name=${JSON.stringify(HOSTILE)}),
           threading.Thread(target=hold, name="holder"), threading.Thread(target=queue, name="queuer")]
for t in threads: t.start()
for t in threads: t.join()
print_truth()
`;

type Chunk = Extract<TraceEvent, { name: 'ProfileChunk' }>;
type ProfileStart = Extract<TraceEvent, { name: 'Profile' }>;
type Naming = Extract<TraceEvent, { name: 'process_name' | 'thread_name' }>;
type Complete = Extract<TraceEvent, { ph: 'X' }>;
const isNaming = (e: TraceEvent, name: Naming['name']): e is Naming => e.ph === 'M' && e.name === name;

/** One thread as the importer sees it: its name, its samples' stacks (outermost first) and times (ms), its markers. */
interface ImportedThread {
  name: string;
  startMs: number;
  stacks: string[][];
  timesMs: number[];
  markers: Complete[];
}

/** Reads the file like Firefox Profiler's importer, asserting every rule it relies on. */
function importTrace(file: TraceFile): Map<number, ImportedThread> {
  const events = file.traceEvents;
  for (const event of events) {
    expect(typeof event.name).toBe('string');
    expect(Number.isFinite(event.ts)).toBe(true);
  }
  const profiles = events.filter((e): e is ProfileStart => e.ph === 'P' && e.name === 'Profile');
  const chunks = events.filter((e): e is Chunk => e.ph === 'P' && e.name === 'ProfileChunk');
  expect(profiles.length).toBeGreaterThan(0);
  expect(chunks).toHaveLength(profiles.length);
  const allIds = chunks.flatMap((chunk) => chunk.args.data.cpuProfile.nodes.map((node) => node.id));
  expect(allIds).toEqual(allIds.map((_, i) => i + 1)); // 1..N across every thread, in order

  const threads = new Map<number, ImportedThread>();
  for (const profile of profiles) {
    const chunk = chunks.find((c) => c.id === profile.id && c.pid === profile.pid)!;
    expect(chunk.tid).toBe(profile.tid);
    const nameEvent = events.find(
      (e): e is Naming => isNaming(e, 'thread_name') && e.pid === profile.pid && e.tid === profile.tid,
    );
    expect(nameEvent).toBeDefined();
    const { nodes, samples } = chunk.args.data.cpuProfile;
    const { timeDeltas } = chunk.args.data;
    expect(timeDeltas).toHaveLength(samples.length);
    const pathOf = new Map<number, string[]>();
    for (const node of nodes) {
      const parentPath = node.parent === undefined ? [] : pathOf.get(node.parent);
      expect(parentPath, `node ${node.id}'s parent comes first`).toBeDefined();
      const { functionName, url, lineNumber } = node.callFrame;
      pathOf.set(node.id, [...parentPath!, url ? `${functionName}@${lineNumber + 1}` : functionName]);
    }
    let timeMs = profile.args.data.startTime / 1000;
    const timesMs: number[] = [];
    for (const delta of timeDeltas) {
      expect(delta).toBeGreaterThanOrEqual(0);
      timesMs.push((timeMs += delta / 1000));
    }
    threads.set(profile.tid, {
      name: nameEvent!.args.name,
      startMs: profile.args.data.startTime / 1000,
      stacks: samples.map((id) => pathOf.get(id)!),
      timesMs,
      markers: events.filter((e): e is Complete => e.ph === 'X' && e.tid === profile.tid),
    });
  }
  return threads;
}

function lineOf(text: string): number {
  return (TRUTH_PRELUDE + WORKLOAD).split('\n').findIndex((line) => line.includes(text)) + 1;
}

const markedSeconds = (thread: ImportedThread, name: string): number =>
  thread.markers.filter((m) => m.name === name).reduce((sum, m) => sum + m.dur, 0) / 1e6;

/** Seconds covered by the samples ending in `leaf`, each from the thread's previous sample (the first from the profile start). */
function sampledSeconds(thread: ImportedThread, leaf: string): number {
  let total = 0;
  thread.stacks.forEach((stack, i) => {
    if (stack.at(-1) === leaf) total += thread.timesMs[i]! - (i === 0 ? thread.startMs : thread.timesMs[i - 1]!);
  });
  return total / 1000;
}

describe('trace-event export of a CPython 3.12 run', () => {
  let run: ProfiledFixture;
  let file: TraceFile;
  let threads: Map<number, ImportedThread>;
  const byName = (name: string): [number, ImportedThread] => [...threads].find(([, t]) => t.name === name)!;

  beforeAll(async () => {
    run = await profileFixture(pyenvPython('3.12.1'), WORKLOAD);
    const store = openRunStore(run.dbFile, { readonly: true });
    try {
      const text = exportRun(createRunReader(store), run.summary.runId, 'trace')!;
      expect(text.endsWith('\n')).toBe(true);
      file = JSON.parse(text) as TraceFile;
    } finally {
      store.close();
    }
    threads = importTrace(file);
  });

  it('has every thread, named (hostile names survive as data), in a process named after the run', () => {
    expect([...threads.values()].map((t) => t.name)).toEqual(
      expect.arrayContaining(['MainThread', 'spin-a', HOSTILE, 'holder', 'queuer']),
    );
    const process = file.traceEvents.find((e): e is Naming => isNaming(e, 'process_name'));
    expect(process?.args.name).toMatch(/^GILscope run \d+: .*workload\.py$/);
    const main = byName('MainThread');
    expect(process?.pid).toBe(main[0]); // the main thread's tid is the pid
  });

  it('gives each sample its Python stack, with the state as a leaf when the thread was not running', () => {
    const [, spinner] = byName('spin-a');
    // One node per function (Firefox Profiler makes a function per name, file and line): spin's line is the
    // first line sampled in it, between its def and its loop.
    const spinLines = new Set(
      file.traceEvents
        .flatMap((e) => (e.name === 'ProfileChunk' && e.ph === 'P' ? e.args.data.cpuProfile.nodes : []))
        .filter((n) => n.callFrame.functionName === 'spin')
        .map((n) => n.callFrame.lineNumber + 1),
    );
    expect(spinLines.size).toBe(1);
    const [spinLine] = spinLines;
    expect(spinLine).toBeGreaterThan(lineOf('def spin():'));
    expect(spinLine).toBeLessThanOrEqual(lineOf('    while time.monotonic() < deadline:'));
    const loop = `spin@${spinLine}`;
    const inLoop = spinner.stacks.filter((stack) => stack.includes(loop));
    expect(inLoop.length / spinner.stacks.length).toBeGreaterThan(0.7);
    expect(inLoop.every((stack) => stack[0] === '(root)')).toBe(true);
    // Two spinners share the GIL: many of the loop samples end in the GIL-wait leaf (on a busy machine,
    // a woken waiter queues for a CPU instead: the run-queue leaf).
    const held = (stack: string[]): boolean =>
      stack.at(-1) === '(waiting for the GIL)' || stack.at(-1) === '(runnable: waiting for a CPU)';
    expect(inLoop.filter(held).length, describeLoad(run.load)).toBeGreaterThan(inLoop.length * 0.2);
    const [, queuer] = byName('queuer');
    const waiting = queuer.stacks.filter((stack) => stack.at(-1) === '(waiting on a lock)');
    expect(waiting.length).toBeGreaterThan(10);
    expect(waiting.every((stack) => stack.at(-2)?.startsWith('queue@'))).toBe(true);
  });

  it('marks GIL wait, lock wait and GIL holding, lasting as long as the summary says', () => {
    for (const name of ['spin-a', HOSTILE]) {
      const [tid, thread] = byName(name);
      const summary = threadOf(run.summary, tid);
      const life = summary.lifetimeSeconds;
      // Markers join the sampled states, each sample standing for the time since the previous one.
      expect(markedSeconds(thread, 'GIL wait'), `${name}: GIL wait`).toBeCloseTo(
        sampledSeconds(thread, '(waiting for the GIL)'),
        3,
      );
      // The summary weighs blocked time by schedstat instead, so the two differ by the sampling error of the
      // thread's ~100 samples: over 60 such threads the difference had mean −0.023 and SD 0.058, close to
      // the binomial √(p(1−p)/n) (docs/state-rules.md §4). On a busy machine the two views also split a
      // woken waiter's time between GIL wait and run queue differently.
      const share = summary.states.gilWait;
      const samplingError = Math.sqrt((share * (1 - share)) / thread.stacks.length);
      expect(
        Math.abs(markedSeconds(thread, 'GIL wait') / life - share),
        `${name}: GIL wait; ${thread.stacks.length} samples; ${describeLoad(run.load)}; runnable ${summary.states.runnable.toFixed(3)}`,
      ).toBeLessThan(Z * samplingError + MEAN_GAP + summary.states.runnable);
      expect(markedSeconds(thread, 'GIL held'), `${name}: GIL held`).toBeGreaterThan(0.1);
      expect(thread.markers.every((m) => m.dur >= 0 && m.ts >= 0)).toBe(true);
    }
    const [queuerTid, queuer] = byName('queuer');
    const queuerSummary = threadOf(run.summary, queuerTid);
    expect(markedSeconds(queuer, 'Lock wait')).toBeCloseTo(sampledSeconds(queuer, '(waiting on a lock)'), 3);
    expect(
      Math.abs(markedSeconds(queuer, 'Lock wait') / queuerSummary.lifetimeSeconds - queuerSummary.states.lockWait),
    ).toBeLessThan(0.1);
    expect(markedSeconds(queuer, 'Lock wait')).toBeGreaterThan(0.5);
    // Markers sit inside the thread's sampled time.
    for (const marker of queuer.markers) {
      expect(marker.ts / 1000).toBeGreaterThanOrEqual(queuer.timesMs[0]! - 20);
      expect((marker.ts + marker.dur) / 1000).toBeLessThanOrEqual(queuer.timesMs.at(-1)! + 1);
    }
  });

  it('is what `gilscope export RUN --format trace` writes, and is refused for a comparison', async () => {
    const outFile = path.join(makeTempDir('trace'), 'run.trace.json');
    const written = await runCli([
      'export',
      String(run.summary.runId),
      '--format',
      'trace',
      '--db',
      run.dbFile,
      '-o',
      outFile,
    ]);
    expect(written.code, `stderr: ${written.stderr}`).toBe(0);
    expect(JSON.parse(fs.readFileSync(outFile, 'utf8'))).toEqual(file);
    const refused = await runCli([
      'export',
      '--compare',
      `${run.summary.runId},${run.summary.runId}`,
      '--format',
      'trace',
      '--db',
      run.dbFile,
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });
});
