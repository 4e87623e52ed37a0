// The whole-run timeline a report draws: the compare module's whole-run timeline (re-binned from a
// long run's stored overview, else binned from the samples), with bins never finer than 1.5 periods.
import type { BinnedTimeline } from '../../shared/api-contract.ts';
import { runSpanNs } from '../analysis/run-digest.ts';
import { loadWholeTimeline } from '../compare/whole-run-timeline.ts';
import type { RunReader } from '../store/run-reader.ts';

/** Bins across the page width of a report (about 2 px each on the 1000-unit-wide charts). */
export const REPORT_TIMELINE_BINS = 400;

/** A bin holds at least this many sampling periods, else bins alternate between 0 and 2 samples (stripes). */
const MIN_PERIODS_PER_BIN = 1.5;

/** Run `runId`'s whole timeline in at most `maxBins` bins (fewer for short runs); null when the run does not exist. */
export function loadReportTimeline(reader: RunReader, runId: number, maxBins = REPORT_TIMELINE_BINS): BinnedTimeline | null {
  const run = reader.getRun(runId);
  if (!run) return null;
  const bins = Math.max(1, Math.min(maxBins, Math.floor(runSpanNs(run) / ((MIN_PERIODS_PER_BIN * 1e9) / run.rateHz))));
  return loadWholeTimeline(reader, runId, bins);
}
