// Runs a ground-truth workload through the real engine (launch, sampler worker, SQLite store) and
// returns the stored run's summary next to what the workload reported about itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRunSummary, type RunSummary } from '../../main/engine/analysis/run-summary.ts';
import { ProfileSession, type ProfileOutcome } from '../../main/engine/profile/profile-session.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader, type RunReader } from '../../main/engine/store/run-reader.ts';
import type { GilMode } from '../../main/shared/vocabulary.ts';
import { watchMachineLoad, type MachineLoad } from './machine-load.ts';

/** The Python fixture files (tests/fixtures/python), runnable by hand. */
export const PYTHON_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/python');

/**
 * Python prelude for inline workloads: truth.py itself, so `report()` records this thread's native id,
 * name and CPU seconds, and `print_truth()` prints them (it also imports json, sys, threading and time).
 */
export const TRUTH_PRELUDE = fs.readFileSync(path.join(PYTHON_FIXTURES, 'truth.py'), 'utf8');

export interface ThreadTruth {
  name: string;
  cpu: number;
  /** Seconds the thread asked to sleep, for workloads that report it. */
  slept?: number;
}

export interface ProfiledFixture {
  outcome: ProfileOutcome;
  summary: RunSummary;
  /** Per TID, what the thread reported about itself (empty if the workload printed no TRUTH line). */
  truth: Map<number, ThreadTruth>;
  stdout: string;
  stderr: string;
  dbFile: string;
  /** How busy the machine was with other work during the run. */
  load: MachineLoad;
  /**
   * Per TID, seconds between the thread's last sample and the next tick, which no longer saw it: CPU the
   * thread used in that gap (before it exited) is CPU no sampler outside the process can see.
   */
  unseenTailSeconds: Map<number, number>;
  /** Per TID, the intervals between the thread's consecutive samples, in seconds, longest first. */
  sampleIntervalsSeconds: Map<number, number[]>;
  /** Per TID, seconds from the tick before its first sample (which did not see it) to that sample. */
  unseenHeadSeconds: Map<number, number>;
}

export interface FixtureOptions {
  gilMode?: GilMode;
  rateHz?: number;
  durationSeconds?: number;
  args?: string[];
  env?: Record<string, string>;
  /** Called once the script runs: lets a test stop it. */
  onStarted?: (session: ProfileSession) => void;
}

let tempRoot: string | null = null;

/** A fresh temp folder for one test's files. */
export function makeTempDir(prefix = 'case'): string {
  tempRoot ??= fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-test-'));
  return fs.mkdtempSync(path.join(tempRoot, `${prefix}-`));
}

/** Writes `source` as a script and profiles it with `python`. */
export async function profileFixture(
  python: string,
  source: string,
  options: FixtureOptions = {},
): Promise<ProfiledFixture> {
  const dir = makeTempDir('run');
  const script = path.join(dir, 'workload.py');
  fs.writeFileSync(script, TRUTH_PRELUDE + source);
  return profileScriptFile(python, script, path.join(dir, 'runs.sqlite'), options);
}

/** Profiles a fixture of tests/fixtures/python (e.g. 'cpu_threads.py' with ['4', '1.5']) into a fresh database. */
export async function profileWorkload(
  python: string,
  fixture: string,
  args: string[],
  options: FixtureOptions = {},
): Promise<ProfiledFixture> {
  const dbFile = path.join(makeTempDir('run'), 'runs.sqlite');
  return profileScriptFile(python, path.join(PYTHON_FIXTURES, fixture), dbFile, { ...options, args });
}

/** Profiles an existing script file into `dbFile`. */
export async function profileScriptFile(
  python: string,
  script: string,
  dbFile: string,
  options: FixtureOptions = {},
): Promise<ProfiledFixture> {
  let stdout = '';
  let stderr = '';
  const session = new ProfileSession(
    {
      python,
      script,
      args: options.args ?? [],
      cwd: path.dirname(script),
      env: options.env,
      gilMode: options.gilMode ?? 'default',
      rateHz: options.rateHz ?? 100,
      durationSeconds: options.durationSeconds,
      dbFile,
    },
    {
      onOutput: (stream, text) => {
        if (stream === 'stdout') stdout += text;
        else stderr += text;
      },
      onStarted: () => options.onStarted?.(session),
    },
  );
  const loadWatch = watchMachineLoad();
  const outcome = await session.done;
  if (outcome.kind === 'refused') throw new Error(`profile refused: ${outcome.message}`);
  const store = openRunStore(dbFile, { readonly: true });
  try {
    const reader = createRunReader(store);
    const summary = loadRunSummary(reader, outcome.runId);
    if (!summary) throw new Error(`run ${outcome.runId} not found`);
    const load = loadWatch.end(summary.cpuSeconds);
    const { unseenTailSeconds, sampleIntervalsSeconds, unseenHeadSeconds } = sampleGaps(reader, outcome.runId);
    return {
      outcome,
      summary,
      truth: parseTruth(stdout),
      stdout,
      stderr,
      dbFile,
      load,
      unseenTailSeconds,
      sampleIntervalsSeconds,
      unseenHeadSeconds,
    };
  } finally {
    store.close();
  }
}

function sampleGaps(
  reader: RunReader,
  runId: number,
): Pick<ProfiledFixture, 'unseenTailSeconds' | 'sampleIntervalsSeconds' | 'unseenHeadSeconds'> {
  const { ticks, threads } = reader.readTimeline(runId);
  const position = new Map<number, number>();
  ticks.index.forEach((index, at) => position.set(index, at));
  const unseenTailSeconds = new Map<number, number>();
  const sampleIntervalsSeconds = new Map<number, number[]>();
  const unseenHeadSeconds = new Map<number, number>();
  for (const [tid, samples] of threads) {
    const first = position.get(samples.tickIndex[0] ?? -1);
    if (first !== undefined) unseenHeadSeconds.set(tid, (ticks.timeNs[first]! - (ticks.timeNs[first - 1] ?? 0)) / 1e9);
    const times = Array.from(samples.tickIndex, (index) => ticks.timeNs[position.get(index)!]!);
    sampleIntervalsSeconds.set(
      tid,
      times
        .slice(1)
        .map((time, i) => (time - times[i]!) / 1e9)
        .sort((a, b) => b - a),
    );
    const last = position.get(samples.tickIndex[samples.tickIndex.length - 1] ?? -1);
    if (last === undefined) continue;
    const next = ticks.timeNs[last + 1] ?? ticks.timeNs[last]!;
    unseenTailSeconds.set(tid, (next - ticks.timeNs[last]!) / 1e9);
  }
  return { unseenTailSeconds, sampleIntervalsSeconds, unseenHeadSeconds };
}

function parseTruth(stdout: string): Map<number, ThreadTruth> {
  const line = stdout.split('\n').find((text) => text.startsWith('TRUTH '));
  if (!line) return new Map();
  const parsed = JSON.parse(line.slice('TRUTH '.length)) as Record<string, ThreadTruth>;
  return new Map(Object.entries(parsed).map(([tid, truth]) => [Number(tid), truth]));
}

/** The summary's thread with this TID; throws with the list of TIDs when missing. */
export function threadOf(summary: RunSummary, tid: number): RunSummary['threads'][number] {
  const thread = summary.threads.find((candidate) => candidate.tid === tid);
  if (!thread)
    throw new Error(`thread ${tid} not in run ${summary.runId} (have ${summary.threads.map((t) => t.tid).join(', ')})`);
  return thread;
}
