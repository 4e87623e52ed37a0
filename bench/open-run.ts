// Opening a long stored run in the UI: generates a 1-hour, 16-thread, 100 Hz run (5.8 M thread-samples,
// stored with its summary and overview as a real run is), serves it with `gilscope ui` and opens its detail
// in Debian's Chromium: time from the click in the library until the timeline is drawn and the summary cards
// shown, cold (first open after the host started) and warm; then the backend time of `runs:timeline` per
// zoom step (successively halved ranges). `node bench/run-all.ts --only open-run` prints the section.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { GilscopeService } from '../main/app-service/gilscope-service.ts';
import { storeRunDigest } from '../main/engine/analysis/run-digest.ts';
import { openRunStore } from '../main/engine/store/open-database.ts';
import { RunWriter } from '../main/engine/store/run-writer.ts';
import { syntheticTickBatches, syntheticTid } from '../tests/support/synthetic-ticks.ts';
import type { StackTableDelta } from '../main/engine/model.ts';
import { playwrightCookie, startHost, type RunningHost } from '../e2e/support/browser-host.ts';
import { buildApp } from '../e2e/support/build-app.ts';
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium.ts';
import type { BenchSection, TargetCheck } from './support/bench-section.ts';

const THREADS = 16;
const RATE_HZ = 100;
const SECONDS = 3600;
const COLD_OPENS = 3;
const WARM_OPENS = 5;
const TARGET_MS = 1000;
/** Bins the detail asks for at 1280×800 (plot ≈ 840 CSS px at DPR 1); the UI never goes finer than 1.5 periods. */
const PLOT_BINS = 840;

// Records, in the page, when a library row is clicked and when the drawn timeline and the cards appear
// (checked every animation frame). A string, so this file needs no DOM types.
const OPEN_PROBE = `(() => {
  const w = window;
  w.__openProbe = { click: null, drawn: null, cards: null };
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-testid="runs-row"]')) w.__openProbe = { click: performance.now(), drawn: null, cards: null };
  }, true);
  const frame = () => {
    const p = w.__openProbe;
    if (p.click !== null) {
      if (p.drawn === null && document.querySelector('[data-testid="timeline-canvas"][data-drawn="true"]')) p.drawn = performance.now();
      if (p.cards === null && document.querySelector('[data-testid="run-summary-cards"]')) p.cards = performance.now();
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

interface OpenTiming {
  /** Click in the library → timeline canvas has data-drawn="true". */
  drawnMs: number;
  /** Click → summary cards in the DOM. */
  cardsMs: number;
  /** The app's own open-to-drawn figure (dataset.timelineDrawnMs, from the detail's mount). */
  appMs: number;
}

/** 200 stacks over 20 frames (ids 0–199 as the synthetic ticks use them), up to 20 deep. */
function syntheticStackTable(): StackTableDelta {
  const frames = Array.from({ length: 20 }, (_, id) => ({
    id,
    function: `work_${id}`,
    file: '/bench/long_run.py',
    line: 10 + id,
  }));
  const stacks = Array.from({ length: 200 }, (_, id) => ({ id, prefix: id < 10 ? -1 : id - 10, frame: id % 20 }));
  return { frames, stacks };
}

/** Writes the run, its summary and overview; returns its id and how long that took. */
function generateRun(dbFile: string): { runId: number; samples: number; seconds: number; fileMiB: number } {
  const t0 = performance.now();
  const store = openRunStore(dbFile);
  const writer = new RunWriter(store);
  const runId = writer.createRun({
    script: '/bench/long_run.py',
    args: [],
    cwd: '/bench',
    interpreter: null,
    gilMode: 'default',
    rateHz: RATE_HZ,
  });
  writer.appendStackTable(syntheticStackTable());
  let samples = 0;
  let lastNs = 0;
  for (const batch of syntheticTickBatches({
    threads: THREADS,
    ticks: RATE_HZ * SECONDS,
    rateHz: RATE_HZ,
    batchTicks: 1000,
    seed: 7,
  })) {
    writer.appendTicks(batch);
    for (const tick of batch) samples += tick.threads.length;
    lastNs = batch[batch.length - 1]!.timeNs;
  }
  writer.upsertThreads(
    Array.from({ length: THREADS }, (_, i) => ({
      tid: syntheticTid(i),
      name: i === 0 ? 'MainThread' : `worker-${i}`,
      nameSource: 'python' as const,
      firstSeenNs: 0,
      lastSeenNs: lastNs,
    })),
  );
  writer.finishRun({ status: 'completed', exitCode: 0, signal: null, wallNs: lastNs + 5e6 });
  if (!storeRunDigest(store, runId)) throw new Error('open-run bench: the run digest was not stored');
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  return { runId, samples, seconds: (performance.now() - t0) / 1000, fileMiB: fs.statSync(dbFile).size / 2 ** 20 };
}

/** Clicks the run's row in the library and waits for the drawn timeline and the cards. */
async function openFromLibrary(page: Page, runId: number): Promise<OpenTiming> {
  await page.getByTestId('nav-runs').click();
  const row = page.locator(`[data-testid="runs-row"][data-run-id="${runId}"]`);
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
  type Probe = { click: number | null; drawn: number | null; cards: number | null };
  const probeOf = () => (globalThis as unknown as { __openProbe: Probe }).__openProbe;
  await page.waitForFunction(
    (read) => {
      const p = (globalThis as unknown as { __openProbe: Probe }).__openProbe;
      return read && p.drawn !== null && p.cards !== null;
    },
    true,
    { timeout: 30_000, polling: 50 },
  );
  const probe = (await page.evaluate(probeOf)) as { click: number; drawn: number; cards: number };
  const appMs = Number(
    await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document
          .documentElement.dataset.timelineDrawnMs,
    ),
  );
  return { drawnMs: Math.max(probe.drawn, probe.cards) - probe.click, cardsMs: probe.cards - probe.click, appMs };
}

async function newAppPage(browser: Browser, host: RunningHost): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // The printed URL works once (startHost exchanged it): each fresh context gets the session cookie.
  await page.context().addCookies([playwrightCookie(host)]);
  await page.addInitScript({ content: OPEN_PROBE });
  await page.goto(`${host.origin}/`);
  await page.getByTestId('app-version').waitFor({ timeout: 30_000 });
  return page;
}

/** Cold opens (a fresh host and page each) and warm opens (same host, reopening the detail). */
async function measureOpens(
  dbFile: string,
  dataHome: string,
  runId: number,
): Promise<{ cold: OpenTiming[]; warm: OpenTiming[]; warmReload: OpenTiming[] }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const cold: OpenTiming[] = [];
  const warm: OpenTiming[] = [];
  const warmReload: OpenTiming[] = [];
  try {
    for (let i = 0; i < COLD_OPENS; i++) {
      const host = await startHost({ dbFile, dataHome });
      try {
        const page = await newAppPage(browser, host);
        cold.push(await openFromLibrary(page, runId));
        if (i === COLD_OPENS - 1) {
          for (let j = 0; j < WARM_OPENS; j++) warm.push(await openFromLibrary(page, runId));
          await page.close();
          for (let j = 0; j < WARM_OPENS; j++) {
            const fresh = await newAppPage(browser, host);
            warmReload.push(await openFromLibrary(fresh, runId));
            await fresh.close();
          }
        } else {
          await page.close();
        }
      } finally {
        await host.stop();
      }
    }
  } finally {
    await browser.close();
  }
  return { cold, warm, warmReload };
}

interface ZoomStep {
  rangeS: number;
  bins: number;
  firstMs: number;
  repeatMs: number;
}

/** `runs:timeline` through the service (query worker + SQLite) for the whole run, then halved ranges around the middle. */
async function measureZoomSteps(dbFile: string, runId: number): Promise<{ steps: ZoomStep[]; stacksMs: number }> {
  const service = new GilscopeService({ dbFile, host: 'browser', version: 'bench', allowExportPaths: false });
  const steps: ZoomStep[] = [];
  let stacksMs: number | undefined;
  try {
    await service.call('runs:summary', { runId });
    const spanNs = SECONDS * 1e9;
    const timed = async (request: { runId: number; fromNs: number | null; toNs: number | null; bins: number }) => {
      const t0 = performance.now();
      const result = await service.call('runs:timeline', request);
      if (!result) throw new Error('open-run bench: runs:timeline returned null');
      return performance.now() - t0;
    };
    for (let rangeNs = spanNs; rangeNs >= 2e9; rangeNs /= 2) {
      const whole = rangeNs === spanNs;
      const fromNs = whole ? null : Math.round(spanNs / 2 - rangeNs / 2);
      const toNs = whole ? null : Math.round(spanNs / 2 + rangeNs / 2);
      const bins = Math.max(1, Math.min(PLOT_BINS, Math.floor(rangeNs / (1.5 * (1e9 / RATE_HZ)))));
      const request = { runId, fromNs, toNs, bins };
      const firstMs = await timed(request);
      const repeats = [await timed(request), await timed(request), await timed(request)];
      steps.push({ rangeS: rangeNs / 1e9, bins, firstMs, repeatMs: median(repeats) });
    }
    // What the detail asks next, after its first draw (whole run, all threads): queued in the same query worker.
    const t0 = performance.now();
    await Promise.all([
      service.call('runs:functions', { runId, tid: null, scope: 'on-cpu' }),
      service.call('runs:flamegraph', { runId, tid: null, scope: 'on-cpu' }),
    ]);
    stacksMs = performance.now() - t0;
  } finally {
    await service.close();
  }
  return { steps, stacksMs: stacksMs ?? Number.NaN };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (n: number) => `${Math.round(n)} ms`;
const list = (timings: OpenTiming[], key: keyof OpenTiming) => timings.map((t) => Math.round(t[key])).join(', ');

/** Generates the run, measures, and returns the BENCHMARKS.md section. */
export async function run(): Promise<BenchSection> {
  assertChromium();
  buildApp();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-open-run-'));
  try {
    const dbFile = path.join(dir, 'runs.sqlite');
    const generated = generateRun(dbFile);
    const opens = await measureOpens(dbFile, path.join(dir, 'data'), generated.runId);
    const { steps: zoom, stacksMs } = await measureZoomSteps(dbFile, generated.runId);
    const coldMedian = median(opens.cold.map((t) => t.drawnMs));
    const warmMedian = median(opens.warm.map((t) => t.drawnMs));
    const reloadMedian = median(opens.warmReload.map((t) => t.drawnMs));
    const slowestStep = Math.max(...zoom.map((s) => s.firstMs));
    const targets: TargetCheck[] = [
      {
        target: 'open a stored 1 h × 16-thread × 100 Hz run: charts drawn < 1 s (cold)',
        measured: `median ${ms(coldMedian)} (${list(opens.cold, 'drawnMs')})`,
        met: coldMedian < TARGET_MS,
      },
      {
        target: 'open a stored 1 h × 16-thread × 100 Hz run: charts drawn < 1 s (warm)',
        measured: `median ${ms(warmMedian)}`,
        met: warmMedian < TARGET_MS,
      },
    ];
    const markdown = [
      `A synthetic run of ${SECONDS / 3600} h × ${THREADS} threads × ${RATE_HZ} Hz (${generated.samples.toLocaleString('en-US')} thread-samples, ` +
        `${generated.fileMiB.toFixed(0)} MiB database; written with RunWriter and stored with its summary and 2048-bin overview, ` +
        `as a finished run is, in ${generated.seconds.toFixed(0)} s), served by \`gilscope ui\` and opened in Debian's Chromium at 1280×800.`,
      `Times run from the click on the run's row in the library until \`timeline-canvas[data-drawn="true"]\` and the summary cards are both`,
      `in the page (checked every animation frame, so ±16 ms). "app" is the page's own \`dataset.timelineDrawnMs\` (detail mounted → first draw).`,
      `Cold = the first open after the host started (new host, new page; the database file is in the OS page cache).`,
      '',
      '| open | n | click → timeline drawn + cards (median) | each (ms) | click → cards (median) | app open→drawn (median) |',
      '|---|---:|---:|---|---:|---:|',
      `| cold (first after host start) | ${opens.cold.length} | ${ms(coldMedian)} | ${list(opens.cold, 'drawnMs')} | ${ms(median(opens.cold.map((t) => t.cardsMs)))} | ${ms(median(opens.cold.map((t) => t.appMs)))} |`,
      `| warm (same page, reopened) | ${opens.warm.length} | ${ms(warmMedian)} | ${list(opens.warm, 'drawnMs')} | ${ms(median(opens.warm.map((t) => t.cardsMs)))} | ${ms(median(opens.warm.map((t) => t.appMs)))} |`,
      `| warm (new page load, same host) | ${opens.warmReload.length} | ${ms(reloadMedian)} | ${list(opens.warmReload, 'drawnMs')} | ${ms(median(opens.warmReload.map((t) => t.cardsMs)))} | ${ms(median(opens.warmReload.map((t) => t.appMs)))} |`,
      '',
      `Zoom steps: \`runs:timeline\` through \`GilscopeService\` (query worker + SQLite, what the WebSocket and IPC layers call), the whole run`,
      `and then ranges halved around its middle, at ${PLOT_BINS} bins (the plot width) or 1.5 sampling periods per bin when that is coarser.`,
      `"first" is the first request for that range (fresh service, so step 1 is also the first query), "repeat" the median of 3 more.`,
      '',
      '| range | bins | first (ms) | repeat (ms) |',
      '|---:|---:|---:|---:|',
      ...zoom.map(
        (s) =>
          `| ${s.rangeS >= 60 ? `${(s.rangeS / 60).toFixed(s.rangeS % 60 ? 1 : 0)} min` : `${s.rangeS.toFixed(1)} s`} | ${s.bins} | ${s.firstMs.toFixed(1)} | ${s.repeatMs.toFixed(1)} |`,
      ),
      '',
      `Slowest zoom step: ${ms(slowestStep)}. The stacks queries the detail sends after its first draw (\`runs:functions\` + \`runs:flamegraph\`,`,
      `whole run, all threads, on CPU) took ${ms(stacksMs)} together; they share the query worker with the timeline, so reopening a run`,
      `while they still run waits for them (see the slowest warm open above).`,
    ].join('\n');
    return { title: 'Opening a stored 1-hour run in the UI', markdown, targets };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `node bench/open-run.ts` prints the section.
if (import.meta.main) {
  const section = await run();
  console.log(`## ${section.title}\n\n${section.markdown}`);
}
