// GILscope's GIL-held share against CPython 3.15's own sampling profiler (`python3.15 -m profiling.sampling
// attach --mode gil`) on the same live Debian 3.15 process in the sid chroot, both sampling it at 1 kHz at
// the same time. docs/cpython-profiler-comparison.md explains the method; in short:
// - profiling.sampling's share: attempts that found a thread whose `holds_gil` is set (its JSONL
//   `samples_total`) over the attempts it made and did not fail ("Captured N samples in X seconds", "Error
//   rate"), not over X × rate: on a busy machine it misses attempts.
// - GILscope's share: ticks whose read of the GIL's `locked` word said held, over ticks whose read succeeded,
//   among the ticks inside profiling.sampling's window (X seconds ending when its "Captured" line arrived).
// - Tolerance: over one fixed window each count is binomial if sampling instants are independent of the
//   GIL's state, so the shares may differ by Z standard deviations of that difference, plus what is not
//   sampling error: the two words change a few instructions apart (READ_SLACK), the window's edges on
//   GILscope's clock are known to ± a clock error, and ticks GILscope did not take on schedule may have
//   been skipped for reasons tied to the GIL's state (a busy thread holding a core), so their share is
//   allowed as a possible bias. On a quiet machine that last term is near 0; on a loaded one it is large
//   and the checks against the workload's own notes (third workload) carry the test.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProfileSession } from '../../main/engine/profile/profile-session.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { describeLoad, watchMachineLoad } from '../support/machine-load.ts';
import { makeTempDir } from '../support/profile-fixture.ts';
import { sidPython } from '../support/spawn-python.ts';

/** Both profilers sample at 1 kHz, GILscope's highest sustained rate and profiling.sampling's default. */
const RATE_HZ = 1000;
/** How long profiling.sampling samples each workload. */
const WINDOW_SECONDS = 4;
/** Standard deviations of the binomial difference allowed. */
const Z = 4.5;
/**
 * The readers read different words (the GIL's `locked`, the holder's `holds_gil`), set a few instructions
 * apart; profiling.sampling also drops a holder without Python frames (a thread starting or ending).
 */
const READ_SLACK = 0.005;

/** Every workload starts so: `held` stays None unless the workload notes when it holds the GIL. */
const PRELUDE = String.raw`
import json, threading, time
held = None
`;

/**
 * Every workload ends so: while the threads reach their steady loops, the main thread steps into 20 functions
 * in turn (step_0 … step_19, 50 ms each), noting the time of each step. The ticks that bracket each step in the run's sampled
 * stacks place GILscope's clock (see gilscopeShare). Then it sleeps until GILscope stops the run and writes
 * its notes, if any, to held.json.
 */
const MAIN_THREAD = String.raw`
def pause():
    time.sleep(0.05)
# All made first: a code object freed and another made at its address within a second would show the old name.
named = [pause.__code__.replace(co_name=f"step_{k}", co_qualname=f"step_{k}") for k in range(20)]
steps = []
for code in named:
    steps.append(time.monotonic_ns())
    type(pause)(code, globals())()
print("ready " + json.dumps(steps), flush=True)
try:
    time.sleep(3600)
except KeyboardInterrupt:
    if held is not None:
        with open("held.json", "w") as out:
            json.dump(list(held), out)
`;

/** `expected`: a loose range both shares must fall in, so two readers agreeing on a wrong figure still fail. */
const WORKLOADS: Array<{ label: string; threads: string; expected: [number, number] }> = [
  {
    label: '4 CPU-bound threads',
    expected: [0.85, 1],
    threads: String.raw`
def spin():
    while True:
        pass
for i in range(4):
    threading.Thread(target=spin, name=f"spin-{i}", daemon=True).start()
`,
  },
  {
    label: '1 CPU-bound thread and 3 sleeping threads',
    // Each wake-up takes the GIL from the busy thread and leaves it free until that thread runs again.
    expected: [0.7, 1],
    threads: String.raw`
def spin():
    while True:
        pass
def nap():
    while True:
        time.sleep(0.05)
threading.Thread(target=spin, name="spin", daemon=True).start()
for i in range(3):
    threading.Thread(target=nap, name=f"nap-{i}", daemon=True).start()
`,
  },
  {
    // Busy 20 ms holding the GIL, then 20 ms in time.sleep without it: about half, plus the wake-up delays.
    // The thread notes each busy stretch (CLOCK_MONOTONIC, process.hrtime's clock): the truth both shares
    // are also held to.
    label: 'one thread busy 20 ms, asleep 20 ms, in turn',
    expected: [0.3, 0.7],
    threads: String.raw`
held = []
def alternate():
    while True:
        start = time.monotonic_ns()
        end = time.perf_counter() + 0.02
        while time.perf_counter() < end:
            pass
        held.append((start, time.monotonic_ns()))
        time.sleep(0.02)
threading.Thread(target=alternate, name="alternate", daemon=True).start()
`,
  },
];

interface CPythonGilShare {
  /** Sampling attempts that found a GIL holder with Python frames. */
  held: number;
  /** Sampling attempts made that did not fail. */
  attempts: number;
  /** Window of the attempts, in process.hrtime nanoseconds. */
  fromNs: number;
  toNs: number;
  stdout: string;
}

/** profiling.sampling processes still running (a failed or timed-out test kills its own). */
const samplers = new Set<ChildProcess>();

/** The "Captured N samples in X seconds" line (numbers may carry the locale's grouping commas). */
const CAPTURED = /Captured ([\d,]+) samples? in ([\d.,]+) seconds/;
/** The "Error rate: P" line: the percentage of attempts whose read failed (counted in N, never in the output). */
const ERROR_RATE = /Error rate: ([\d.,]+)/;

const parseNumber = (text: string): number => Number(text.replace(/,/g, ''));

/**
 * Runs `profiling.sampling attach --mode gil` on `pid` for WINDOW_SECONDS and reads its share. It runs in the
 * target's mount namespace and root (nsenter), as its reader needs the target's paths; /tmp is the same
 * folder there, so the JSONL file lands where this test reads it.
 */
function sampleWithCPython(pid: number, jsonlFile: string): Promise<CPythonGilShare> {
  const args = ['-t', String(pid), '-m', '-r', '-w', '/usr/bin/python3.15', '-m', 'profiling.sampling', 'attach'];
  args.push('-a', '--mode', 'gil', '-r', String(RATE_HZ), '-d', String(WINDOW_SECONDS), '--jsonl', '-o', jsonlFile);
  args.push(String(pid));
  // Unbuffered, so the "Captured" line arrives when the sampling loop ends, which places the window.
  const child = spawn('nsenter', args, { env: { ...process.env, PYTHONUNBUFFERED: '1' } });
  samplers.add(child);
  let stdout = '';
  let stderr = '';
  let capturedAtNs: number | null = null;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (capturedAtNs === null && CAPTURED.test(stdout)) capturedAtNs = Number(process.hrtime.bigint());
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      samplers.delete(child);
      const captured = CAPTURED.exec(stdout);
      const errorRate = ERROR_RATE.exec(stdout);
      if (code !== 0 || !captured || !errorRate || capturedAtNs === null) {
        reject(new Error(`profiling.sampling exited with ${code}; stdout: ${stdout}; stderr: ${stderr}`));
        return;
      }
      const records = fs
        .readFileSync(jsonlFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; mode?: string; samples_total?: number });
      const meta = records.find((record) => record.type === 'meta');
      const end = records.find((record) => record.type === 'end');
      if (meta?.mode !== 'gil' || end?.samples_total === undefined) {
        reject(new Error(`unexpected JSONL from profiling.sampling: ${JSON.stringify(meta)} … ${JSON.stringify(end)}`));
        return;
      }
      const seconds = parseNumber(captured[2]!);
      const made = parseNumber(captured[1]!);
      resolve({
        held: end.samples_total,
        attempts: made - Math.round((made * parseNumber(errorRate[1]!)) / 100),
        fromNs: capturedAtNs - seconds * 1e9,
        toNs: capturedAtNs,
        stdout,
      });
    });
  });
}

/** The workload's own notes: when it held the GIL (CLOCK_MONOTONIC ns), or null for workloads that keep none. */
function readNotes(file: string): Array<[number, number]> | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Array<[number, number]> | null) : null;
}

/** Whether `time` falls inside one of the sorted, disjoint `stretches`. */
function insideStretch(stretches: Array<[number, number]>, time: number): boolean {
  let lo = 0;
  let hi = stretches.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (stretches[mid]![0] <= time) lo = mid + 1;
    else hi = mid;
  }
  const stretch = stretches[lo - 1];
  return stretch !== undefined && time < stretch[1];
}

/** Share of [fromNs, toNs] covered by `stretches`. */
function coveredShare(stretches: Array<[number, number]>, fromNs: number, toNs: number): number {
  let covered = 0;
  for (const [start, end] of stretches) covered += Math.max(0, Math.min(end, toNs) - Math.max(start, fromNs));
  return covered / (toNs - fromNs);
}

interface GilscopeShare {
  held: number;
  /** Ticks in the window at which the GIL word was read. */
  ticks: number;
  /** The run's clock origin in process.hrtime ns, and how far off it may be (half the bracketing ticks' gap). */
  originNs: number;
  originErrorNs: number;
  /** Ticks whose read matches the workload's notes at the tick's time (null: no notes). */
  agreeingWithNotes: number | null;
  /** Share of the window the notes say the GIL was held, and that share at GILscope's ticks only. */
  notesShare: number | null;
  notesShareAtTicks: number | null;
}

/**
 * Where GILscope's run clock starts, in process.hrtime ns, and to within how much. Ticks carry run time, whose
 * origin (taken inside the session, before the launch) this test cannot see. The main thread entered step_k
 * at steps[k], so the first sample showing step_k and the sample before it bound the origin. A tick whose
 * sampler was preempted halfway reads stacks long after its time, which shifts that step's bounds: the
 * origin is placed where most steps' bounds agree, within the intersection of those.
 */
function placeRunClock(
  steps: number[],
  main: { tickIndex: Uint32Array; stackId: Int32Array },
  tickTime: Map<number, number>,
  leaf: (stackId: number) => string | undefined,
): { originNs: number; originErrorNs: number } {
  const bounds: Array<[number, number]> = [];
  steps.forEach((stepNs, k) => {
    const at = main.stackId.findIndex((stackId) => leaf(stackId) === `step_${k}`);
    if (at < 1) return; // a step the starved sampler never saw
    bounds.push([stepNs - tickTime.get(main.tickIndex[at]!)!, stepNs - tickTime.get(main.tickIndex[at - 1]!)!]);
  });
  let best: Array<[number, number]> = [];
  for (const [candidate] of bounds) {
    const holding = bounds.filter(([low, high]) => low <= candidate && candidate <= high);
    if (holding.length > best.length) best = holding;
  }
  if (best.length < 3)
    throw new Error(`fewer than 3 of the main thread's steps agree on the run's clock: ${JSON.stringify(bounds)}`);
  const low = Math.max(...best.map(([l]) => l));
  const high = Math.min(...best.map(([, h]) => h));
  return { originNs: (low + high) / 2, originErrorNs: (high - low) / 2 };
}

/** GILscope's share over [fromNs, toNs] (process.hrtime ns), and how its reads and ticks compare with `notes`. */
function gilscopeShare(
  dbFile: string,
  runId: number,
  mainTid: number,
  steps: number[],
  window: { fromNs: number; toNs: number },
  notes: Array<[number, number]> | null,
): GilscopeShare {
  const store = openRunStore(dbFile, { readonly: true });
  try {
    const reader = createRunReader(store);
    const { ticks, threads } = reader.readTimeline(runId);
    const { frames, stacks } = reader.readStackTable(runId);
    const main = threads.get(mainTid);
    if (!main) throw new Error(`no samples of the main thread ${mainTid}`);
    const tickTime = new Map<number, number>();
    ticks.index.forEach((index, at) => tickTime.set(index, ticks.timeNs[at]!));
    const leaf = (stackId: number): string | undefined =>
      stackId < 0 ? undefined : frames.function[stacks.frame[stackId]!];
    const { originNs, originErrorNs } = placeRunClock(steps, main, tickTime, leaf);

    let held = 0;
    let known = 0;
    let agreeing = 0;
    let notedHeld = 0;
    for (let i = 0; i < ticks.index.length; i++) {
      const time = ticks.timeNs[i]! + originNs;
      if (time < window.fromNs || time > window.toNs || ticks.gilKnown[i] !== 1) continue;
      known++;
      const isHeld = ticks.gilHeld[i] === 1;
      held += isHeld ? 1 : 0;
      if (notes) {
        const noted = insideStretch(notes, time);
        notedHeld += noted ? 1 : 0;
        agreeing += noted === isHeld ? 1 : 0;
      }
    }
    return {
      held,
      ticks: known,
      originNs,
      originErrorNs,
      agreeingWithNotes: notes ? agreeing : null,
      notesShare: notes ? coveredShare(notes, window.fromNs, window.toNs) : null,
      notesShareAtTicks: notes && known > 0 ? notedHeld / known : null,
    };
  } finally {
    store.close();
  }
}

/** Profiles `source` with GILscope and, once it is ready, samples it with profiling.sampling too. */
async function compareOn(threads: string): Promise<{ ours: GilscopeShare; theirs: CPythonGilShare }> {
  const dir = makeTempDir('gil-share');
  const script = path.join(dir, 'workload.py');
  fs.writeFileSync(script, PRELUDE + threads + MAIN_THREAD);
  const dbFile = path.join(dir, 'runs.sqlite');
  let stdout = '';
  let stderr = '';
  let pid = 0;
  let markReady: (steps: number[]) => void = () => {};
  const ready = new Promise<number[]>((resolve) => (markReady = resolve));
  const session = new ProfileSession(
    { python: sidPython('3.15'), script, args: [], cwd: dir, gilMode: 'default', rateHz: RATE_HZ, dbFile },
    {
      onStarted: (_runId, startedPid) => (pid = startedPid),
      onOutput: (stream, text) => {
        if (stream === 'stderr') {
          stderr += text;
          return;
        }
        stdout += text;
        const mark = /^ready (\[.*\])$/m.exec(stdout);
        if (mark) markReady(JSON.parse(mark[1]!) as number[]);
      },
    },
  );
  let theirs: CPythonGilShare;
  let steps: number[] | null;
  try {
    steps = await Promise.race([ready, session.done.then(() => null)]);
    if (steps === null) throw new Error(`the workload ended before it was ready; stderr: ${stderr}`);
    theirs = await sampleWithCPython(pid, path.join(dir, 'cpython-gil.jsonl'));
  } finally {
    session.stop();
  }
  const outcome = await session.done;
  if (outcome.kind === 'refused') throw new Error(`profile refused: ${outcome.message}`);
  const notes = readNotes(path.join(dir, 'held.json'));
  return { ours: gilscopeShare(dbFile, outcome.runId, pid, steps, theirs, notes), theirs };
}

afterEach(() => {
  for (const child of samplers) child.kill('SIGKILL');
  samplers.clear();
});

describe("GILscope's GIL-held share agrees with python3.15 -m profiling.sampling --mode gil", () => {
  for (const workload of WORKLOADS) {
    it(`on ${workload.label}`, { timeout: 90_000 }, async () => {
      const load = watchMachineLoad();
      const { ours, theirs } = await compareOn(workload.threads);
      const machine = describeLoad(load.end(0));
      const windowNs = theirs.toNs - theirs.fromNs;
      const ourShare = ours.held / ours.ticks;
      const theirShare = theirs.held / theirs.attempts;
      // Ticks GILscope did not take on the 1 kHz schedule: which ones is up to the scheduler, not chance. It
      // also stands for how starved profiling.sampling was (same priority, same cores), whose catch-up bursts
      // its output does not show.
      const offSchedule = Math.max(0, 1 - ours.ticks / ((windowNs / 1e9) * RATE_HZ));
      // The window's edges on GILscope's clock are known to within originErrorNs each.
      const slack = READ_SLACK + (2 * ours.originErrorNs) / windowNs + offSchedule;
      const pooled = (ours.held + theirs.held) / (ours.ticks + theirs.attempts);
      const tolerance = Z * Math.sqrt(pooled * (1 - pooled) * (1 / ours.ticks + 1 / theirs.attempts)) + slack;
      const notes =
        ours.notesShare === null
          ? 'no notes'
          : `notes ${ours.notesShare.toFixed(4)} of the window, ${ours.notesShareAtTicks!.toFixed(4)} at GILscope's ticks, ` +
            `reads agree at ${ours.agreeingWithNotes}/${ours.ticks} ticks`;
      const why =
        `GILscope ${ours.held}/${ours.ticks} = ${ourShare.toFixed(4)}, profiling.sampling ${theirs.held}/${theirs.attempts}` +
        ` = ${theirShare.toFixed(4)}, tolerance ${tolerance.toFixed(4)} (off-schedule ${offSchedule.toFixed(3)}, clock ±` +
        `${(ours.originErrorNs / 1e6).toFixed(2)} ms); ${notes}; ${machine}; profiling.sampling said: ${theirs.stdout.trim()}`;
      console.log(`${workload.label}: ${why}`);
      // Both saw the window (a starved sampler still makes hundreds of ticks in 4 s).
      expect(ours.ticks, why).toBeGreaterThan(WINDOW_SECONDS * 100);
      expect(theirs.attempts, why).toBeGreaterThan(WINDOW_SECONDS * 100);
      expect(Math.abs(ourShare - theirShare), why).toBeLessThanOrEqual(tolerance);
      for (const share of [ourShare, theirShare]) {
        expect(share, why).toBeGreaterThanOrEqual(workload.expected[0]);
        expect(share, why).toBeLessThanOrEqual(workload.expected[1]);
      }
      if (ours.notesShare === null) return;
      // Against the workload's own notes. Each read is right unless a GIL change lies between the read and
      // its placed time (at most the clock error plus 1 ms, the read's place inside its tick): 2 changes per
      // 40 ms cycle leave (error + 1 ms) / 10 ms of the ticks in doubt.
      const doubtful = Math.min(1, (ours.originErrorNs + 1e6) / 10e6);
      const disagreeing = 1 - ours.agreeingWithNotes! / ours.ticks;
      expect(disagreeing, why).toBeLessThanOrEqual(doubtful + Z * Math.sqrt(doubtful / ours.ticks));
      const p = ours.notesShare;
      expect(Math.abs(ourShare - p), why).toBeLessThanOrEqual(Z * Math.sqrt((p * (1 - p)) / ours.ticks) + slack);
    });
  }
});
