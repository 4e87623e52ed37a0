// The source view: a run keeps the text of the files its stacks name, and counts per line the samples
// on CPU, waiting for the GIL and waiting on a lock, for a thread and a time range. A real CPython 3.12
// run of two CPU-bound threads (so they take turns with the GIL) and a main thread joining them.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSourceView } from '../../main/engine/analysis/source-view.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { deleteRun } from '../../main/engine/store/run-admin.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import type { SourceView } from '../../main/shared/run-views.ts';
import { pyenvPython } from '../support/spawn-python.ts';
import { TRUTH_PRELUDE, profileFixture, type ProfiledFixture } from '../support/profile-fixture.ts';

const WORKLOAD = `
time.sleep(0.5)  # nothing but sleeping in the first half second
def burn():
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:  # hot loop
        pass
def worker():
    burn()  # the call into burn
workers = [threading.Thread(target=worker, name=f"burner-{i}") for i in range(2)]
for t in workers: t.start()
for t in workers: t.join()  # main waits here
`;
const SOURCE = TRUTH_PRELUDE + WORKLOAD;

/** 1-based line of the script that contains `text`. */
function lineOf(text: string): number {
  const index = SOURCE.split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`no line contains ${text}`);
  return index + 1;
}

function countsAt(view: SourceView, text: string) {
  return view.counts.find((c) => c.line === lineOf(text)) ?? { onCpu: 0, onCpuSelf: 0, gilWait: 0, lockWait: 0 };
}

describe('source view of a CPython 3.12 run', () => {
  let run: ProfiledFixture;
  let script: string;
  const query = (request: { file?: string; tid?: number | null; range?: { fromNs: number; toNs: number } }) => {
    const store = openRunStore(run.dbFile, { readonly: true });
    try {
      return loadSourceView(createRunReader(store), {
        runId: run.summary.runId,
        file: request.file ?? script,
        tid: request.tid ?? null,
        range: request.range ?? null,
      })!;
    } finally {
      store.close();
    }
  };

  beforeAll(async () => {
    run = await profileFixture(pyenvPython('3.12.1'), WORKLOAD);
    script = run.summary.script;
  }, 30_000);

  it('keeps the text the run executed, after the file is edited and then deleted', () => {
    fs.writeFileSync(script, '# edited after the run\n');
    const edited = query({});
    expect(edited.origin).toBe('stored');
    expect(edited.lines.join('\n') + '\n').toBe(SOURCE);
    fs.rmSync(script);
    expect(query({}).lines[lineOf('# hot loop') - 1]).toContain('while time.monotonic() < deadline');
  });

  it('counts the hot loop on CPU and waiting for the GIL, and the join as a lock wait', () => {
    const view = query({});
    const hot = countsAt(view, '# hot loop');
    const call = countsAt(view, '# the call into burn');
    const join = countsAt(view, '# main waits here');
    const context = JSON.stringify({ hot, call, join, totals: view.totals, load: run.load });
    expect(hot.onCpu, context).toBeGreaterThan(0);
    // Two threads that never block take turns with the GIL: the one not holding it waits in the loop.
    expect(hot.gilWait, context).toBeGreaterThan(0);
    // A caller's line counts every sample of what it called (inclusive), at least what the loop line has.
    expect(call.onCpu, context).toBeGreaterThanOrEqual(hot.onCpu);
    expect(call.gilWait, context).toBeGreaterThanOrEqual(hot.gilWait);
    expect(call.onCpuSelf, context).toBe(0);
    expect(join.lockWait, context).toBeGreaterThan(0);
    expect(join.gilWait + join.onCpu, context).toBeLessThan(join.lockWait);
    for (const column of ['onCpu', 'gilWait', 'lockWait'] as const)
      for (const line of view.counts) expect(line[column]).toBeLessThanOrEqual(view.totals[column]);
    expect(view.counts.map((c) => c.line)).toEqual([...view.counts.map((c) => c.line)].sort((a, b) => a - b));
  });

  it('follows the thread and the time range', () => {
    const main = run.summary.threads.find((t) => t.name === 'MainThread')!;
    const mainOnly = query({ tid: main.tid });
    expect(countsAt(mainOnly, '# hot loop').onCpu + countsAt(mainOnly, '# hot loop').gilWait).toBe(0);
    expect(countsAt(mainOnly, '# main waits here').lockWait).toBeGreaterThan(0);
    // The first 0.4 s: the script only sleeps, the burners do not exist yet.
    const early = query({ range: { fromNs: 0, toNs: 0.4e9 } });
    expect(countsAt(early, '# hot loop')).toMatchObject({ onCpu: 0, gilWait: 0 });
    // At most the one tick that caught the thread on its way into the sleep: sampling starts a few ms after
    // the launch, so the moment the script reaches this line can be sampled (it is on CPU there, briefly).
    expect(countsAt(early, '# nothing but sleeping').onCpu).toBeLessThanOrEqual(1);
  });

  it('reads the file from disk now, and says so, for a run recorded before sources were kept', () => {
    const store = openRunStore(run.dbFile);
    try {
      store.db.prepare('DELETE FROM run_sources WHERE run_id = ?').run(run.summary.runId);
    } finally {
      store.close();
    }
    fs.writeFileSync(script, SOURCE);
    const fromDisk = query({});
    expect(fromDisk.origin).toBe('disk');
    expect(fromDisk.lines.join('\n') + '\n').toBe(SOURCE);
    // A file that no longer has the sampled lines is not shown as if it were the one that ran.
    fs.writeFileSync(script, '# short\n');
    const changed = query({});
    expect(changed.origin).toBe('none');
    expect(changed.problem).toContain('not the file that ran');
    expect(changed.counts.length).toBeGreaterThan(0);
  });

  it('reads no file outside the run stacks, and deleting the run drops its texts', () => {
    const outside = query({ file: '/etc/hostname' });
    expect(outside.origin).toBe('none');
    expect(outside.lines).toEqual([]);
    expect(outside.problem).toContain('not in this run');
    const store = openRunStore(run.dbFile);
    try {
      const texts = () => store.db.prepare('SELECT count(*) FROM source_texts').pluck().get() as number;
      expect(texts()).toBeGreaterThan(0);
      expect(deleteRun(store, run.summary.runId)).toBe(true);
      expect(texts()).toBe(0);
    } finally {
      store.close();
    }
  });
});

describe('source view of a script that fails before any stack is read', () => {
  it('keeps the script itself, so its traceback line opens', async () => {
    const run = await profileFixture(pyenvPython('3.12.1'), 'def broken(:\n    pass\n');
    expect(run.summary.status).toBe('failed');
    const store = openRunStore(run.dbFile, { readonly: true });
    try {
      const view = loadSourceView(createRunReader(store), {
        runId: run.summary.runId,
        file: run.summary.script,
        tid: null,
      })!;
      expect(view.origin).toBe('stored');
      expect(view.lines.at(-2)).toBe('def broken(:');
      expect(view.counts).toEqual([]);
    } finally {
      store.close();
    }
  }, 30_000);
});
