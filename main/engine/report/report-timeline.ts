// The whole-run timeline a report draws: the shared whole-run timeline (re-binned from a long run's
// stored overview, else binned from the samples), with bins never finer than 1.5 periods.
import type { BinnedTimeline } from '../../shared/run-views.ts';
import { loadWholeTimeline } from '../analysis/load-timeline.ts';
import type { RunReader } from '../store/run-reader.ts';

/** Bins across the page width of a report (about 2 px each on the 1000-unit-wide charts). */
export const REPORT_TIMELINE_BINS = 400;

/** Run `runId`'s whole timeline in at most `maxBins` bins (fewer for short runs); null when the run does not exist. */
export function loadReportTimeline(
  reader: RunReader,
  runId: number,
  maxBins = REPORT_TIMELINE_BINS,
): BinnedTimeline | null {
  return loadWholeTimeline(reader, runId, maxBins);
}
