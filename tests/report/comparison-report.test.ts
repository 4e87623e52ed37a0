// Comparison reports: a hand-built view with hostile strings, and a real comparison of the same
// workload on free-threaded CPython with the GIL on and off, exported through renderTargetHtml/Pdf.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderComparisonReport } from '../../main/engine/report/comparison-report.ts';
import { renderTargetHtml, renderTargetPdf, ReportError } from '../../main/engine/report/report-export.ts';
import { createExperimentReader } from '../../main/engine/experiment/experiment-store.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { makeTempDir, profileScriptFile, TRUTH_PRELUDE } from '../support/profile-fixture.ts';
import { freeThreadedPython } from '../support/spawn-python.ts';
import { ARTIFACT_DIR, closeBrowser } from './chromium-page.ts';
import { HOSTILE_NAMES } from './hostile-run.ts';
import { pdfPageInk } from './pdf-pixels.ts';
import { expectOpensSafely, expectSelfContained, expectVisibleText } from './report-checks.ts';
import { HOSTILE_INTERPRETER, HOSTILE_LABEL, sampleComparison, sampleTimeline } from './sample-views.ts';

afterAll(async () => {
  await closeBrowser();
});

describe('comparison report from a hand-built view', () => {
  const view = sampleComparison();
  const timelines = [sampleTimeline(view.runs[0]!), sampleTimeline(view.runs[1]!), null];
  const html = renderComparisonReport(view, timelines, {
    version: '0.0.0-test',
    generatedAt: new Date('2025-01-01T00:00:00Z'),
  });

  it('is self-contained and escapes labels, names and paths', () => {
    expectSelfContained(html);
    expect(html).not.toContain(HOSTILE_LABEL);
    expect(html).not.toContain(HOSTILE_INTERPRETER);
    for (const name of HOSTILE_NAMES) expect(html).not.toContain(name);
    expect(html).toContain('Speedup versus A');
    expect(html).toContain('No timeline was recorded for this run.');
    // The comparison's sentences open the report, one paragraph per run after the baseline.
    expect(view.verdict.map((entry) => entry.runId)).toEqual([2, 3]);
    for (const entry of view.verdict) expect(html).toContain(`<p>${entry.lines.join(' ')}</p>`);
    expect(view.verdict[0]!.lines[0]).toMatch(/^B ran [\d.]+× faster than A\.$/);
  });

  it('opens in Chromium with the hostile strings as text', async () => {
    const opened = await expectOpensSafely(html, 'comparison-sample');
    for (const name of HOSTILE_NAMES) await expectVisibleText(opened, name);
    expect(await opened.page.getByText(HOSTILE_LABEL).count()).toBeGreaterThanOrEqual(1);
    expect(await opened.page.locator('#timelines svg g.thread').count()).toBe(8);
    await opened.page.context().close();
  });
});

const SPIN = `
NAMES = ${JSON.stringify(HOSTILE_NAMES)}
def spin():
    # Wall time, not a fixed count: on a busy machine a short run can end before its runtime is read.
    deadline = time.monotonic() + 0.6
    n = 0
    while time.monotonic() < deadline:
        n += 1
    report()
threads = [threading.Thread(target=spin, name=name) for name in NAMES]
for t in threads: t.start()
for t in threads: t.join()
print_truth()
`;

describe('comparison report of two real runs (free-threaded CPython, GIL on vs off)', () => {
  it('renders, opens safely and prints through the export entry points', async () => {
    const dir = makeTempDir('compare');
    const script = path.join(dir, 'spin threads.py');
    fs.writeFileSync(script, TRUTH_PRELUDE + SPIN);
    const dbFile = path.join(dir, 'runs.sqlite');
    const on = await profileScriptFile(freeThreadedPython(), script, dbFile, { gilMode: 'on' });
    const off = await profileScriptFile(freeThreadedPython(), script, dbFile, { gilMode: 'off' });
    expect(on.summary.gilEnabled).toBe(true);
    expect(off.summary.gilEnabled).toBe(false);

    const store = openRunStore(dbFile, { readonly: true });
    try {
      const sources = { runs: createRunReader(store), experiments: createExperimentReader(store) };
      const target = { kind: 'compare' as const, runIds: [on.summary.runId, off.summary.runId] };
      const html = renderTargetHtml(sources, target);
      expectSelfContained(html);
      const opened = await expectOpensSafely(html, 'comparison-real');
      for (const name of HOSTILE_NAMES) await expectVisibleText(opened, name);
      expect(await opened.page.locator('#timelines svg').count()).toBe(2);
      expect(await opened.page.locator('#metrics tbody tr').count()).toBeGreaterThanOrEqual(3);
      await opened.page.context().close();

      const pdf = await renderTargetPdf(sources, target);
      expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      const file = path.join(ARTIFACT_DIR, 'comparison-real.pdf');
      fs.writeFileSync(file, pdf);
      expect((await pdfPageInk(file)).ink).toBeGreaterThan(0.02);

      expect(() => renderTargetHtml(sources, { kind: 'compare', runIds: [on.summary.runId, 9999] })).toThrow(
        ReportError,
      );
      expect(() => renderTargetHtml(sources, { kind: 'run', runId: 9999 })).toThrow('no run 9999');
    } finally {
      store.close();
    }
  });
});
