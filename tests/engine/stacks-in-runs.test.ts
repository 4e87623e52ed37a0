// Stacks recorded with every sample: what the summary and the exports say about where threads are,
// where they wait for the GIL, and which code holds it meanwhile.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportRun } from '../../main/engine/export/export-run.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { pyenvPython, sidPython } from '../support/spawn-python.ts';
import { TRUTH_PRELUDE, profileFixture, threadOf, type ProfiledFixture } from '../support/profile-fixture.ts';

const WORKLOAD = `
def c():
    deadline = time.monotonic() + 1.2
    while time.monotonic() < deadline:
        pass
    report()
def b():
    c()
def a():
    b()
class Sleeper:
    def nap(self):
        time.sleep(1.2)
        report()
def spin_other():
    deadline = time.monotonic() + 1.2
    while time.monotonic() < deadline:
        pass
    report()
threads = [threading.Thread(target=a, name="alpha"), threading.Thread(target=Sleeper().nap, name="beta"),
           threading.Thread(target=spin_other, name="gamma")]
for t in threads: t.start()
for t in threads: t.join()
print_truth()
`;

/** 1-based line of the script (prelude + workload) that contains `text`. */
function lineOf(text: string): number {
  return (TRUTH_PRELUDE + WORKLOAD).split('\n').findIndex((line) => line.includes(text)) + 1;
}

function exported(run: ProfiledFixture, format: 'collapsed' | 'speedscope'): string {
  const store = openRunStore(run.dbFile, { readonly: true });
  try {
    return exportRun(createRunReader(store), run.summary.runId, format) ?? '';
  } finally {
    store.close();
  }
}

/** pyenv's 3.12, and Debian's 3.14 and 3.15 through their sid-chroot launchers (missing: the tests fail). */
const TARGETS = [
  { label: '3.12', python: () => pyenvPython('3.12.1') },
  { label: '3.14 (sid chroot)', python: () => sidPython('3.14') },
  { label: '3.15 (sid chroot)', python: () => sidPython('3.15') },
];

describe.each(TARGETS)('stacks in a CPython $label run', ({ python }) => {
  let run: ProfiledFixture;
  const tidOf = (name: string): number => [...run.truth].find(([, truth]) => truth.name === name)![0];

  beforeAll(async () => {
    run = await profileFixture(python(), WORKLOAD);
  });

  it('knows where each thread spends its time', () => {
    const alpha = threadOf(run.summary, tidOf('alpha'));
    expect(alpha.topFrames[0]).toMatchObject({ function: 'c', line: lineOf('    while time.monotonic() < deadline:') });
    expect(alpha.topFrames[0]!.fraction).toBeGreaterThan(0.8);
    const beta = threadOf(run.summary, tidOf('beta'));
    expect(beta.topFrames[0]).toMatchObject({ function: 'Sleeper.nap', line: lineOf('time.sleep(1.2)') });
    expect(run.summary.topFunctions[0]?.function).toMatch(/^(c|spin_other)$/);
    const thread = run.summary.topFunctions.find((share) => share.function === 'Thread.run');
    expect(thread?.selfFraction).toBe(0);
    expect(thread?.totalFraction).toBeGreaterThan(0.8);
  });

  it('says where threads wait for the GIL and which code holds it meanwhile', () => {
    expect(threadOf(run.summary, tidOf('alpha')).gilWaitFrames[0]).toMatchObject({ function: 'c' });
    expect(threadOf(run.summary, tidOf('gamma')).gilWaitFrames[0]).toMatchObject({ function: 'spin_other' });
    // The sleeper waits for the GIL only for a moment after it wakes.
    expect(threadOf(run.summary, tidOf('beta')).states.gilWait).toBeLessThan(0.05);
    const holders = run.summary.gilHolderFrames.map((share) => share.function);
    expect(holders).toContain('c');
    expect(holders).toContain('spin_other');
  });

  it('exports collapsed stacks, thread first, outermost frame first', () => {
    const lines = exported(run, 'collapsed').trimEnd().split('\n');
    const alphaLine = lines.find((line) => line.startsWith(`alpha (${tidOf('alpha')});`) && line.includes(';c ('));
    expect(alphaLine).toMatch(
      new RegExp(
        `;a \\(.*workload\\.py:${lineOf('    b()')}\\);b \\(.*workload\\.py:${lineOf('    c()')}\\);c \\(.*workload\\.py:\\d+\\) \\d+$`,
      ),
    );
    for (const line of lines) expect(line).toMatch(/^[^;]+ \(\d+\)(;[^;]+ \([^;]*:\d+\))* \d+$/);
    const counted = lines.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    expect(counted).toBe(run.summary.threadSamples);
  });

  it('exports a speedscope file that validates against the published schema', () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(
      fs.readFileSync(require.resolve('speedscope/dist/release/file-format-schema.json'), 'utf8'),
    ) as object;
    const file = JSON.parse(exported(run, 'speedscope')) as {
      profiles: Array<{ name: string; weights: number[]; endValue: number; startValue: number }>;
    };
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    const alpha = file.profiles.find((profile) => profile.name === `alpha (${tidOf('alpha')})`)!;
    const weighed = alpha.weights.reduce((sum, weight) => sum + weight, 0);
    expect(weighed).toBeCloseTo(alpha.endValue - alpha.startValue, -3);
    // Weights are real intervals: about 10 ms at 100 Hz, summing to the thread's life (it spins 1.2 s) less
    // what no tick saw: before its first sample and after its last, long only when the sampler was starved.
    const tid = tidOf('alpha');
    const unseen = (run.unseenHeadSeconds.get(tid) ?? 0) + (run.unseenTailSeconds.get(tid) ?? 0);
    const why = `alpha's samples weigh ${(weighed / 1e9).toFixed(3)} s; unseen before and after them ${unseen.toFixed(3)} s`;
    expect(weighed / 1e9, why).toBeGreaterThan(1.2 - unseen - 0.05);
    expect(weighed / 1e9, why).toBeLessThan(1.6);
  });
});
