// The read queries that may take long on a big run (they decode samples): summary, timeline bins,
// functions and flame graph. Plain functions of a reader, run inside
// the query worker (query-worker.ts) so the caller's event loop stays free.
import { STATE_CODE, type StateCode } from '../engine/model.ts';
import { loadRunSummary } from '../engine/analysis/run-summary.ts';
import {
  ON_CPU_STATES,
  gilHolderFrames,
  topFunctions,
  topInnermostFrames,
} from '../engine/analysis/function-profile.ts';
import type { RunReader } from '../engine/store/run-reader.ts';
import type { RequestOf, ResponseOf } from '../shared/api-contract.ts';
import type { SampleScope } from '../shared/run-views.ts';
import { loadTimeline } from '../engine/analysis/load-timeline.ts';
import { buildFlameTree } from '../engine/analysis/flame-tree.ts';
import { loadComparison } from '../engine/compare/load-comparison.ts';
import type { ExperimentReader } from '../engine/experiment/experiment-store.ts';
import { exportTarget, type ExportedFile } from '../engine/export/export-target.ts';
import type { ComparisonView, ExportTarget } from '../shared/compare-types.ts';
import type { ExportFormat } from '../shared/export-formats.ts';
import { buildRunDigest, type RunDigest } from '../engine/analysis/run-digest.ts';
import { buildRangeSummary, readRangeTimeline } from '../engine/analysis/range-summary.ts';
import { loadSourceView } from '../engine/analysis/source-view.ts';
import { diffFlameTrees } from '../engine/compare/diff-flame-tree.ts';

/** A job for the query worker, tagged by kind; `request` is an already validated contract payload. */
export type QueryJob =
  | { kind: 'summary'; request: RequestOf<'runs:summary'> }
  | { kind: 'timeline'; request: RequestOf<'runs:timeline'> }
  | { kind: 'functions'; request: RequestOf<'runs:functions'> }
  | { kind: 'flamegraph'; request: RequestOf<'runs:flamegraph'> }
  | { kind: 'range-summary'; request: RequestOf<'runs:range-summary'> }
  | { kind: 'source'; request: RequestOf<'runs:source'> }
  | { kind: 'diff-flamegraph'; request: RequestOf<'compare:flamegraph'> }
  | { kind: 'compare'; request: { runIds: number[] } }
  | { kind: 'export'; request: { target: ExportTarget; format: ExportFormat } }
  | { kind: 'digest'; runId: number };

/** What each job kind answers. */
export type QueryResult<K extends QueryJob['kind']> = K extends 'summary'
  ? ResponseOf<'runs:summary'>
  : K extends 'timeline'
    ? ResponseOf<'runs:timeline'>
    : K extends 'functions'
      ? ResponseOf<'runs:functions'>
      : K extends 'flamegraph'
        ? ResponseOf<'runs:flamegraph'>
        : K extends 'range-summary'
          ? ResponseOf<'runs:range-summary'>
          : K extends 'source'
            ? ResponseOf<'runs:source'>
            : K extends 'diff-flamegraph'
              ? ResponseOf<'compare:flamegraph'>
              : K extends 'compare'
                ? ComparisonView
                : K extends 'digest'
                  ? RunDigest | null
                  : ExportedFile;

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
      return loadTimeline(reader, job.request.runId, job.request);
    case 'functions':
      return queryFunctions(reader, job.request);
    case 'flamegraph':
      return queryFlameGraph(reader, job.request);
    case 'range-summary':
      return buildRangeSummary(reader, job.request.runId, job.request.range);
    case 'source':
      return loadSourceView(reader, job.request);
    case 'diff-flamegraph':
      return queryDiffFlameGraph(reader, job.request);
    case 'compare':
      return loadComparison(reader, job.request.runIds);
    case 'digest':
      return buildRunDigest(reader, job.runId);
    case 'export':
      if (!experiments) throw new Error('export jobs need an experiment reader');
      return exportTarget({ runs: reader, experiments }, job.request.target, job.request.format);
  }
}

function queryFunctions(reader: RunReader, request: RequestOf<'runs:functions'>): ResponseOf<'runs:functions'> {
  if (!reader.getRun(request.runId)) return null;
  const timeline = readRangeTimeline(reader, request.runId, request.range);
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
  const timeline = readRangeTimeline(reader, request.runId, request.range);
  return buildFlameTree(reader.readStackTable(request.runId), timeline, {
    tid: request.tid ?? undefined,
    states: SCOPE_STATES[request.scope],
  });
}

function queryDiffFlameGraph(
  reader: RunReader,
  request: RequestOf<'compare:flamegraph'>,
): ResponseOf<'compare:flamegraph'> {
  const tree = (runId: number) => queryFlameGraph(reader, { runId, tid: null, scope: request.scope, range: null });
  const base = tree(request.baseRunId);
  const other = tree(request.runId);
  return base && other ? diffFlameTrees(base, other) : null;
}
