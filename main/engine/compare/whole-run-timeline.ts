// A run's whole timeline in `bins` bins over its own length: re-binned from the stored overview of a
// finished long run, else binned from its samples. What compare lanes, CSV timelines and reports use.
import { binTimeline } from '../analysis/bin-timeline.ts';
import { OVERVIEW_BINS, runSpanNs } from '../analysis/run-digest.ts';
import { rebinTimeline } from '../analysis/rebin-timeline.ts';
import type { RunReader } from '../store/run-reader.ts';
import type { BinnedTimeline } from '../../shared/api-contract.ts';

// The whole of run `runId` in `bins` bins; null when there is no such run.
export function loadWholeTimeline(reader: RunReader, runId: number, bins: number): BinnedTimeline | null {
  const run = reader.getRun(runId);
  if (!run) return null;
  const toNs = runSpanNs(run);
  if (run.status !== 'running' && bins <= OVERVIEW_BINS) {
    const overview = reader.readStoredOverview(runId) as BinnedTimeline | null;
    if (overview && overview.toNs === toNs) return rebinTimeline(overview, bins);
  }
  return binTimeline(reader.readTimeline(runId), reader.getThreads(runId), { fromNs: 0, toNs, bins, periodNs: 1e9 / run.rateHz });
}
