// The PDF of a real run keeps words whole in its tables (no "Threa d", "MainT hread") and never ends a
// page with a heading whose content is on the next page. Read back with pdftotext (poppler-utils).
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePdfReport } from '../../main/engine/report/pdf-report.ts';
import { loadReportTimeline } from '../../main/engine/report/report-timeline.ts';
import { renderRunReport } from '../../main/engine/report/run-report.ts';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { profileFixture, type ProfiledFixture } from '../support/profile-fixture.ts';
import { pyenvPython } from '../support/spawn-python.ts';
import { ARTIFACT_DIR } from './chromium-page.ts';

/** Long single-word thread names: the columns must grow for them rather than split them. */
const NAMES = ['DownloadCoordinator', 'ThumbnailRenderer', 'DatabaseCheckpointer', 'NotificationDispatcher'];

const SOURCE = `
def spin(seconds):
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass
threads = [threading.Thread(target=spin, args=(0.3,), name=name) for name in ${JSON.stringify(NAMES)}]
for t in threads: t.start()
for t in threads: t.join()
for i in range(120):
    print(f"line {i} of output, long enough to fill the pages of the report with text", flush=True)
`;

/** The text of page `page` (1-based), or of every page with page = 0. */
async function pdfText(pdf: string, page = 0): Promise<string> {
  const range = page > 0 ? ['-f', String(page), '-l', String(page)] : [];
  return (await execa('pdftotext', [...range, pdf, '-'])).stdout;
}

let run: ProfiledFixture;
let html: string;
const pdf = path.join(ARTIFACT_DIR, 'run-report-words.pdf');

beforeAll(async () => {
  run = await profileFixture(pyenvPython('3.12.1'), SOURCE);
  const store = openRunStore(run.dbFile, { readonly: true });
  try {
    const reader = createRunReader(store);
    const chunks = reader.readOutput(run.summary.runId).chunks;
    html = renderRunReport(run.summary, loadReportTimeline(reader, run.summary.runId), {
      output: { chunks: chunks.map((c) => ({ stream: c.stream, timeNs: c.timeNs, text: c.text })), truncated: false },
      version: '9.9.9-test',
      generatedAt: new Date('2025-01-02T03:04:05Z'),
    });
  } finally {
    store.close();
  }
  fs.mkdirSync(ARTIFACT_DIR, { recursive: true });
  await writePdfReport(html, pdf);
}, 120_000);

describe('PDF report layout', () => {
  it('prints every thread name, function name and column heading whole', async () => {
    const text = await pdfText(pdf);
    const words = [...NAMES, 'MainThread', 'Thread._bootstrap_inner', 'Condition.wait', 'Runnable', 'Lifetime'];
    for (const word of words) {
      // Split anywhere inside, with a line break or a space between the pieces.
      for (let i = 1; i < word.length; i++) {
        const broken = `${word.slice(0, i)}\n${word.slice(i)}`;
        expect(text.includes(broken) || text.includes(broken.replace('\n', ' ')), `"${broken}"`).toBe(false);
      }
    }
  });

  it('never leaves a heading alone at the bottom of a page', async () => {
    const headings = [...html.matchAll(/<h[23][^>]*>([^<]+)<\/h[23]>/g)].map((m) => m[1]!.trim());
    expect(headings.length).toBeGreaterThan(3);
    const pages = Number(/Pages:\s+(\d+)/.exec((await execa('pdfinfo', [pdf])).stdout)?.[1] ?? 0);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page < pages; page++) {
      const lines = (await pdfText(pdf, page)).split('\n').map((l) => l.trim());
      const last = lines.filter((l) => l !== '' && !/^\f/.test(l)).at(-1) ?? '';
      expect(headings, `page ${page} ends with "${last}"`).not.toContain(last);
    }
  });
});
