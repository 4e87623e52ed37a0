// A run's timeline in bins, as every reader wants it (the app's timeline query, compare lanes, CSV and
// JSON exports, reports): bins never finer than MIN_BIN_PERIODS sampling periods, and the whole of a
// finished long run re-binned from its stored overview instead of decoding every sample.
import type { BinnedTimeline } from '../../shared/run-views.ts';
import type { RunReader } from '../store/run-reader.ts';
import { THREAD_STATES } from '../../shared/vocabulary.ts';
import { binTimeline, TIMELINE_MARGIN_PERIODS } from './bin-timeline.ts';
import { rebinTimeline } from './rebin-timeline.ts';
import { OVERVIEW_BINS, runSpanNs } from './run-digest.ts';
import { readStoredOverview } from './stored-overview.ts';

/** The finest bin, in sampling periods: finer bins alternate between 0 and 2 samples (gaps, not detail). */
export const MIN_BIN_PERIODS = 1.5;

/** What to load: [fromNs, toNs] of the run (null = its start / end) in at most `bins` bins. */
export interface TimelineRange {
  fromNs: number | null;
  toNs: number | null;
  bins: number;
}

// How many bins [fromNs, toNs] gets: at most `requested`, at least 1, each at least MIN_BIN_PERIODS periods.
export function boundedBins(spanNs: number, requested: number, rateHz: number): number {
  return Math.max(1, Math.min(requested, Math.floor(spanNs / ((MIN_BIN_PERIODS * 1e9) / rateHz))));
}

// Run `runId`'s timeline over `range`; null when there is no such run.
export function loadTimeline(reader: RunReader, runId: number, range: TimelineRange): BinnedTimeline | null {
  const run = reader.getRun(runId);
  if (!run) return null;
  const periodNs = 1e9 / run.rateHz;
  const endNs = runSpanNs(run);
  const fromNs = range.fromNs ?? 0;
  const toNs = Math.max(range.toNs ?? endNs, fromNs + 1);
  const whole = fromNs === 0 && toNs >= endNs;
  const bins = boundedBins(toNs - fromNs, range.bins, run.rateHz);
  // A finished long run keeps a fine overview of itself: the whole-run view is re-binned from it.
  if (whole && run.status !== 'running' && bins <= OVERVIEW_BINS) {
    const overview = readStoredOverview(reader, runId);
    // An overview stored before a state was added (unclassifiedWait) lacks its series: rebuilt from the samples.
    const complete = overview?.threads.every((thread) => THREAD_STATES.every((state) => state in thread.states));
    if (overview && complete && overview.toNs === endNs) return rebinTimeline(overview, bins);
  }
  // The whole run is read without a range, so it can come from a cache (the query worker's cached-reader.ts).
  const margin = TIMELINE_MARGIN_PERIODS * periodNs;
  const timeline = whole
    ? reader.readTimeline(runId)
    : reader.readTimeline(runId, { fromNs: Math.max(0, fromNs - margin), toNs: toNs + margin });
  return binTimeline(timeline, reader.getThreads(runId), { fromNs, toNs, bins, periodNs });
}

// The whole of run `runId` in at most `bins` bins (fewer for a short run); null when there is no such run.
export function loadWholeTimeline(reader: RunReader, runId: number, bins: number): BinnedTimeline | null {
  return loadTimeline(reader, runId, { fromNs: null, toNs: null, bins });
}
