// What is computed once when a run ends and stored beside it: its summary, for long runs a whole-run
// timeline overview, and the source files its stacks name (read while they are as the run found them).
// Opening a finished run then reads these instead of decoding millions of samples (a 1-hour, 16-thread,
// 100 Hz run holds 5.8 M).
import type { BinnedTimeline } from '../../shared/run-views.ts';
import type { RunStore } from '../store/open-database.ts';
import { saveRunSummary } from '../store/run-admin.ts';
import { saveRunSources, type SourceFile } from '../store/run-sources.ts';
import { readRunSources } from '../source/read-run-sources.ts';
import type { RunReader } from '../store/run-reader.ts';
import { createRunReader } from '../store/run-reader.ts';
import type { RunRecord, Timeline } from '../store/run-types.ts';
import { binTimeline } from './bin-timeline.ts';
import { buildRunSummary, storedSummary } from './run-summary.ts';
import type { RunSummary } from '../../shared/run-summary-types.ts';

/** Bins of the stored overview: more than any screen shows, so views re-bin it (rebin-timeline.ts). */
export const OVERVIEW_BINS = 2048;
/** Runs shorter than this many ticks decode fast enough: no overview is stored for them. */
export const OVERVIEW_MIN_TICKS = 4 * OVERVIEW_BINS;

/** The time span a whole-run timeline covers: from launch to the later of the last tick and the script's end. */
export function runSpanNs(run: Pick<RunRecord, 'lastTimeNs' | 'wallNs'>): number {
  return Math.max(run.lastTimeNs ?? 0, run.wallNs ?? 0, 1);
}

/** The whole run in OVERVIEW_BINS bins (decodes every sample unless given the run's whole timeline). */
export function buildOverview(reader: RunReader, run: RunRecord, wholeTimeline?: Timeline): BinnedTimeline {
  return binTimeline(wholeTimeline ?? reader.readTimeline(run.id), reader.getThreads(run.id), {
    fromNs: 0,
    toNs: runSpanNs(run),
    bins: OVERVIEW_BINS,
    periodNs: 1e9 / run.rateHz,
  });
}

/** What is stored beside a finished run. */
export interface RunDigest {
  summary: RunSummary;
  overview: BinnedTimeline | null;
  /** The files its stacks name, read now; null when the run has them stored already. */
  sources: SourceFile[] | null;
}

/** A finished run's summary and (when long) overview, read-only; null when missing or still recording. */
export function buildRunDigest(reader: RunReader, runId: number): RunDigest | null {
  const run = reader.getRun(runId);
  if (!run || run.status === 'running') return null;
  const timeline = reader.readTimeline(runId); // decoded once for both
  const summary = buildRunSummary(reader, runId, timeline);
  if (!summary) return null;
  return {
    summary,
    overview: run.tickCount >= OVERVIEW_MIN_TICKS ? buildOverview(reader, run, timeline) : null,
    sources: reader.countSources(runId) > 0 ? null : readRunSources(reader.readStackTable(runId), run),
  };
}

/** Builds and stores a finished run's digest; false when the run is missing or still recording. */
export function storeRunDigest(store: RunStore, runId: number): boolean {
  const digest = buildRunDigest(createRunReader(store), runId);
  if (!digest) return false;
  saveRunSummary(store, runId, storedSummary(digest.summary), digest.overview);
  if (digest.sources) saveRunSources(store, runId, digest.sources);
  return true;
}
