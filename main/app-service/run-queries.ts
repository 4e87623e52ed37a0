// The read queries that may take long on a big run (they decode samples): summary, timeline bins,
// functions and flame graph. Plain functions of a reader, run inside
// the query worker (query-worker.ts) so the caller's event loop stays free.
import { STATE_CODE, type StateCode } from '../engine/model.ts';
import { loadRunSummary } from '../engine/analysis/run-summary.ts';
import { ON_CPU_STATES, gilHolderFrames, topFunctions, topInnermostFrames } from '../engine/analysis/function-profile.ts';
import type { RunReader } from '../engine/store/run-reader.ts';
import type { ApiRequests, BinnedTimeline, RequestOf, ResponseOf, SampleScope } from '../shared/api-contract.ts';
import { binTimeline, TIMELINE_MARGIN_PERIODS } from '../engine/analysis/bin-timeline.ts';
import { OVERVIEW_BINS, runSpanNs } from '../engine/analysis/run-digest.ts';
import { rebinTimeline } from '../engine/analysis/rebin-timeline.ts';
import { buildFlameTree } from './flame-tree.ts';
import { loadComparison } from '../engine/compare/load-comparison.ts';
import type { ExperimentReader } from '../engine/experiment/experiment-store.ts';
import { exportTarget, type ExportedFile } from '../engine/export/export-target.ts';
import type { ComparisonView, ExportFormat, ExportTarget } from '../shared/compare-types.ts';

/** A job for the query worker, tagged by kind; `request` is an already validated contract payload. */
export type QueryJob =
  | { kind: 'summary'; request: RequestOf<'runs:summary'> }
  | { kind: 'timeline'; request: RequestOf<'runs:timeline'> }
  | { kind: 'functions'; request: RequestOf<'runs:functions'> }
  | { kind: 'flamegraph'; request: RequestOf<'runs:flamegraph'> }
  | { kind: 'compare'; request: { runIds: number[] } }
  | { kind: 'export'; request: { target: ExportTarget; format: ExportFormat } };

/** What each job kind answers. */
export type QueryResult<K extends QueryJob['kind']> = K extends 'summary'
  ? ResponseOf<'runs:summary'>
  : K extends 'timeline'
    ? ResponseOf<'runs:timeline'>
    : K extends 'functions'
      ? ResponseOf<'runs:functions'>
      : K extends 'flamegraph'
        ? ResponseOf<'runs:flamegraph'>
        : K extends 'compare'
          ? ComparisonView
          : ExportedFile;

/** The finest timeline bin, in sampling periods. */
const MIN_BIN_PERIODS = 1.5;

const SCOPE_STATES: Record<SampleScope, readonly StateCode[] | undefined> = {
  all: undefined,
  'on-cpu': ON_CPU_STATES,
  'gil-wait': [STATE_CODE.gilWait],
};

// Runs one job against `reader` (`experiments` for experiment exports).
export function runQuery(reader: RunReader, job: QueryJob, experiments?: ExperimentReader): unknown {
  switch (job.kind) {
    case 'summary':
      return loadRunSummary(reader, job.request.runId);
    case 'timeline':
      return queryTimeline(reader, job.request);
    case 'functions':
      return queryFunctions(reader, job.request);
    case 'flamegraph':
      return queryFlameGraph(reader, job.request);
    case 'compare':
      return loadComparison(reader, job.request.runIds);
    case 'export':
      if (!experiments) throw new Error('export jobs need an experiment reader');
      return exportTarget({ runs: reader, experiments }, job.request.target, job.request.format);
  }
}

function queryTimeline(reader: RunReader, request: ApiRequests['runs:timeline']['request']): ResponseOf<'runs:timeline'> {
  const run = reader.getRun(request.runId);
  if (!run) return null;
  const periodNs = 1e9 / run.rateHz;
  const fromNs = request.fromNs ?? 0;
  const endNs = runSpanNs(run);
  const toNs = Math.max(request.toNs ?? endNs, fromNs + 1);
  const margin = TIMELINE_MARGIN_PERIODS * periodNs;
  const whole = fromNs === 0 && toNs >= endNs;
  // Bins finer than the sampling can fill would show gaps, not detail: at least 1.5 periods each.
  const bins = Math.max(1, Math.min(request.bins, Math.floor((toNs - fromNs) / (MIN_BIN_PERIODS * periodNs))));
  // A finished long run keeps a fine overview of itself: the whole-run view is re-binned from it.
  if (whole && run.status !== 'running' && bins <= OVERVIEW_BINS) {
    const overview = reader.readStoredOverview(request.runId) as BinnedTimeline | null;
    if (overview && overview.toNs === endNs) return rebinTimeline(overview, bins);
  }
  // The whole run is read without a range, so it can come from the worker's cache (cached-reader.ts).
  const timeline = whole ? reader.readTimeline(request.runId) : reader.readTimeline(request.runId, { fromNs: Math.max(0, fromNs - margin), toNs: toNs + margin });
  return binTimeline(timeline, reader.getThreads(request.runId), { fromNs, toNs, bins, periodNs });
}

function queryFunctions(reader: RunReader, request: RequestOf<'runs:functions'>): ResponseOf<'runs:functions'> {
  if (!reader.getRun(request.runId)) return null;
  const timeline = reader.readTimeline(request.runId);
  const table = reader.readStackTable(request.runId);
  const tid = request.tid ?? undefined;
  return {
    functions: topFunctions(table, timeline, { tid, states: SCOPE_STATES[request.scope] }, 100),
    gilWaitFrames: topInnermostFrames(table, timeline, { tid, states: [STATE_CODE.gilWait] }, 20),
    gilHolderFrames: gilHolderFrames(table, timeline, 20),
  };
}

function queryFlameGraph(reader: RunReader, request: RequestOf<'runs:flamegraph'>): ResponseOf<'runs:flamegraph'> {
  if (!reader.getRun(request.runId)) return null;
  const timeline = reader.readTimeline(request.runId);
  return buildFlameTree(reader.readStackTable(request.runId), timeline, { tid: request.tid ?? undefined, states: SCOPE_STATES[request.scope] });
}
