// Runs a ground-truth workload through the real engine (launch, sampler worker, SQLite store) and
// returns the stored run's summary next to what the workload reported about itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRunSummary, type RunSummary } from '../../main/engine/analysis/run-summary.ts';
import { ProfileSession, type ProfileOutcome } from '../../main/engine/profile/profile-session.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import type { GilMode } from '../../main/shared/vocabulary.ts';

/** Python prelude for workloads: `report(name)` records this thread's native id, name and CPU seconds. */
export const TRUTH_PRELUDE = `
import json, sys, threading, time
_truth = {}
_truth_lock = threading.Lock()
def report():
    with _truth_lock:
        _truth[threading.get_native_id()] = {"name": threading.current_thread().name, "cpu": time.thread_time()}
def print_truth():
    print("TRUTH " + json.dumps(_truth), flush=True)
`;

export interface ThreadTruth {
  name: string;
  cpu: number;
}

export interface ProfiledFixture {
  outcome: ProfileOutcome;
  summary: RunSummary;
  /** Per TID, what the thread reported about itself (empty if the workload printed no TRUTH line). */
  truth: Map<number, ThreadTruth>;
  stdout: string;
  stderr: string;
  dbFile: string;
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
  const outcome = await session.done;
  if (outcome.kind === 'refused') throw new Error(`profile refused: ${outcome.message}`);
  const store = openRunStore(dbFile, { readonly: true });
  try {
    const summary = loadRunSummary(createRunReader(store), outcome.runId);
    if (!summary) throw new Error(`run ${outcome.runId} not found`);
    return { outcome, summary, truth: parseTruth(stdout), stdout, stderr, dbFile };
  } finally {
    store.close();
  }
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
