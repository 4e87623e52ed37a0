// Compares two real runs of the same 4-thread CPU workload: CPython 3.12 (GIL) against the
// free-threaded 3.13t with the GIL off, in one store; then exports them as CSV and JSON and reads back.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ComparisonError, loadComparison } from '../../main/engine/compare/load-comparison.ts';
import { createExperimentReader } from '../../main/engine/experiment/experiment-store.ts';
import { exportTarget, type ExportSources } from '../../main/engine/export/export-target.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import type { ComparisonView } from '../../main/shared/compare-types.ts';
import { makeTempDir, profileScriptFile } from '../support/profile-fixture.ts';
import { freeThreadedPython, pyenvPython } from '../support/spawn-python.ts';
import { writeScript } from '../cli/run-cli.ts';
import { csvObjects, parseCsv } from './parse-csv.ts';

const HOSTILE_NAME = 'evil, "quoted"\nname';
const WORKLOAD = `
import threading
def spin():
    x = 0
    for i in range(2_500_000):
        x += i * i
names = ["cpu-0", "cpu-1", "cpu-2", ${JSON.stringify(HOSTILE_NAME)}]
threads = [threading.Thread(target=spin, name=n) for n in names]
for t in threads: t.start()
for t in threads: t.join()
`;

let dbFile = '';
let runIds: number[] = [];
let view: ComparisonView;

function withSources<T>(work: (sources: ExportSources) => Promise<T>): Promise<T> {
  const store = openRunStore(dbFile, { readonly: true });
  return work({ runs: createRunReader(store), experiments: createExperimentReader(store) }).finally(() =>
    store.close(),
  );
}

beforeAll(async () => {
  const dir = makeTempDir('compare');
  dbFile = path.join(dir, 'runs.sqlite');
  const script = writeScript(dir, 'four_threads.py', WORKLOAD);
  const gil = await profileScriptFile(pyenvPython('3.12.1'), script, dbFile, { rateHz: 200 });
  const free = await profileScriptFile(freeThreadedPython(), script, dbFile, { rateHz: 200, gilMode: 'off' });
  runIds = [gil.summary.runId, free.summary.runId];
  const store = openRunStore(dbFile, { readonly: true });
  try {
    view = loadComparison(createRunReader(store), runIds);
  } finally {
    store.close();
  }
});

describe('compare 3.12 (GIL) with 3.13t --gil off', () => {
  // Which run is faster depends on how busy the shared machine is (3.13t also runs each thread slower):
  // the test checks the figures against each other and what only the GIL can cause.
  it('shows speedup from the wall times, the GIL run serialised and contended, the free-threaded one not', () => {
    const metric = (key: string) => view.metrics.find((row) => row.key === key)!;
    expect(view.runs.map((run) => run.runId)).toEqual(runIds);
    const walls = metric('wallSeconds').values;
    expect(metric('speedup').values[0]).toBe(1);
    expect(metric('speedup').values[1]).toBeCloseTo(walls[0]! / walls[1]!, 6);
    // With the GIL at most one of the 4 CPU threads runs Python at a time.
    expect(metric('parallelism').values[0]).toBeLessThan(1.15);
    // The sentences say the same, with the measured figures.
    const [sentences] = view.verdict;
    expect(sentences!.runId).toBe(runIds[1]);
    expect(sentences!.lines[0]).toContain(metric('speedup').values[1]!.toFixed(2));
    expect(sentences!.lines[1]).toMatch(/^Busy threads waited for the GIL: A \d+% of their time, B almost none\.$/);
    const contention = metric('gilContention').values;
    expect(contention[0]).toBeGreaterThan(0.3);
    expect(contention[1]!).toBeLessThan(contention[0]!);
    const wall = metric('wallSeconds');
    expect(wall.deltas[1]).toBeCloseTo(wall.values[1]! - wall.values[0]!, 5);
    expect(wall.ratios[1]).toBeCloseTo(wall.values[1]! / wall.values[0]!, 3);
  });

  it('matches threads by name and diffs functions across interpreters', () => {
    const names = view.threads.map((thread) => thread.name);
    expect(names).toEqual(expect.arrayContaining(['MainThread', 'cpu-0', 'cpu-1', 'cpu-2', HOSTILE_NAME]));
    const worker = view.threads.find((thread) => thread.name === 'cpu-1')!;
    expect(worker.perRun.every((cell) => cell !== null && cell.cpuSeconds > 0)).toBe(true);
    expect(worker.perRun[0]!.states.gilWait).toBeGreaterThan(worker.perRun[1]!.states.gilWait);
    // spin() is the same function in both runs (one row, even though each build has its own stdlib).
    const spin = view.functions.filter((row) => row.function === 'spin');
    expect(spin).toHaveLength(1);
    expect(spin[0]!.self.every((share) => share > 0.3)).toBe(true);
    const changes = view.functions.map((row) => Math.abs(row.selfChange));
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
  });

  it('refuses one run, a repeated run and a missing run with clear errors', async () => {
    await withSources(async ({ runs }) => {
      expect(() => loadComparison(runs, [runIds[0]!])).toThrow(new ComparisonError('compare takes 2 to 4 runs, got 1'));
      expect(() => loadComparison(runs, [runIds[0]!, runIds[0]!])).toThrow(/given twice/);
      expect(() => loadComparison(runs, [runIds[0]!, 999])).toThrow('no run 999');
    });
  });

  it('exports CSV that parses back (RFC 4180 quoting of a hostile thread name)', async () => {
    const threads = await withSources((sources) => exportTarget(sources, { kind: 'run', runId: runIds[0]! }, 'csv'));
    expect(threads.fileName).toBe(`gilscope-run-${runIds[0]}.csv`);
    const text = threads.content as string;
    expect(text).toContain(`"evil, ""quoted""\nname"`);
    const rows = csvObjects(text);
    expect(rows.map((row) => row.name)).toEqual(expect.arrayContaining(['cpu-0', HOSTILE_NAME]));
    const hostile = rows.find((row) => row.name === HOSTILE_NAME)!;
    expect(Number(hostile.cpuSeconds)).toBeGreaterThan(0);
    const stateSum = ['running', 'runnable', 'gilWait', 'lockWait', 'idle'].reduce(
      (sum, key) => sum + Number(hostile[key]),
      0,
    );
    expect(stateSum).toBeCloseTo(1, 2);

    const timeline = await withSources((sources) =>
      exportTarget(sources, { kind: 'run', runId: runIds[0]! }, 'csv', { timeline: true, bins: 10 }),
    );
    const bins = csvObjects(timeline.content as string);
    expect(new Set(bins.map((row) => row.bin)).size).toBe(10);
    expect(bins.some((row) => row.name === HOSTILE_NAME)).toBe(true);

    const metrics = await withSources((sources) => exportTarget(sources, { kind: 'compare', runIds }, 'csv'));
    const records = parseCsv(metrics.content as string);
    expect(records.every((record) => record.length === records[0]!.length)).toBe(true);
    const speedup = csvObjects(metrics.content as string).find((row) => row.metric === 'speedup')!;
    expect(Number(speedup.value2)).toBeCloseTo(view.metrics.find((row) => row.key === 'speedup')!.values[1]!, 4);
    expect(
      csvObjects(metrics.content as string).some((row) => row.metric === `thread:${HOSTILE_NAME}:cpuSeconds`),
    ).toBe(true);
  });

  it('exports JSON with a schema version and kind', async () => {
    const comparison = await withSources((sources) => exportTarget(sources, { kind: 'compare', runIds }, 'json'));
    const parsed = JSON.parse(comparison.content as string) as {
      schemaVersion: number;
      kind: string;
      comparison: ComparisonView;
    };
    expect(parsed).toMatchObject({ schemaVersion: 1, kind: 'comparison' });
    expect(parsed.comparison.runs.map((run) => run.runId)).toEqual(runIds);
    const run = JSON.parse(
      (await withSources((sources) => exportTarget(sources, { kind: 'run', runId: runIds[1]! }, 'json')))
        .content as string,
    ) as Record<string, unknown>;
    expect(run).toMatchObject({ schemaVersion: 1, kind: 'run', run: { runId: runIds[1] } });
    await expect(
      withSources((sources) => exportTarget(sources, { kind: 'compare', runIds }, 'speedscope')),
    ).rejects.toThrow(/single run/);
  });
});
