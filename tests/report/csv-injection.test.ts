// CSV exports of a real run whose thread names are spreadsheet formulas: every such text cell starts
// with ' (so Excel/LibreOffice show text instead of evaluating it), numbers stay plain numbers.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvField } from '../../main/engine/export/csv-format.ts';
import { csvObjects } from '../compare/parse-csv.ts';
import { runCli } from '../cli/run-cli.ts';
import { profileFixture, type ProfiledFixture } from '../support/profile-fixture.ts';
import { pyenvPython } from '../support/spawn-python.ts';

const FORMULA_NAMES = ['=HYPERLINK("x")', '+1+2', '-2+3', '@SUM(A1)', '\tTAB'] as const;

let run: ProfiledFixture;

beforeAll(async () => {
  run = await profileFixture(
    pyenvPython('3.12.1'),
    `
NAMES = ${JSON.stringify(FORMULA_NAMES)}
def work():
    end = time.thread_time() + 0.2
    while time.thread_time() < end:
        pass
    report()
threads = [threading.Thread(target=work, name=name) for name in NAMES]
for t in threads: t.start()
for t in threads: t.join()
`,
    { rateHz: 200 },
  );
});

describe('CSV formula injection', () => {
  it('profiled the formula-named threads (the test is meaningful)', () => {
    const names = run.summary.threads.map((thread) => thread.name);
    for (const name of FORMULA_NAMES) expect(names).toContain(name);
  });

  for (const timeline of [false, true]) {
    it(`prefixes ' to formula-like names in the ${timeline ? 'timeline' : 'thread'} CSV, numbers untouched`, async () => {
      const file = path.join(path.dirname(run.dbFile), `run${timeline ? '-timeline' : ''}.csv`);
      const result = await runCli([
        'export',
        String(run.summary.runId),
        '--format',
        'csv',
        ...(timeline ? ['--timeline'] : []),
        '--db',
        run.dbFile,
        '-o',
        file,
      ]);
      expect(result.code, result.stderr).toBe(0);
      const rows = csvObjects(fs.readFileSync(file, 'utf8'));
      const names = new Set(rows.map((row) => row.name));
      for (const name of FORMULA_NAMES) expect(names).toContain(`'${name}`);
      for (const row of rows) {
        expect(row.name).not.toMatch(/^[=+\-@\t\r]/);
        expect(row.runId).toBe(String(run.summary.runId));
        expect(Number(row.tid)).toBeGreaterThan(0);
        expect(Number.isNaN(Number(row[timeline ? 'cpu' : 'cpuSeconds']))).toBe(false);
      }
    });
  }

  it('keeps negative numbers, booleans and ordinary text as they are', () => {
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(true)).toBe('true');
    expect(csvField('spin-0')).toBe('spin-0');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('\rX')).toBe(`"'\rX"`);
  });
});
