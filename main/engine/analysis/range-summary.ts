// A run's summary over a time range chosen on the timeline: the same figures as the whole run's
// summary (per-thread CPU and states, GIL held and contention, top functions, where threads wait for
// the GIL) computed from the samples in [fromNs, toNs] only. Wall time and parallelism are the range's.
import type { RunReader } from '../store/run-reader.ts';
import type { RunSummary } from '../../shared/run-summary-types.ts';
import { buildRunSummary } from './run-summary.ts';
import { roundTo } from './round-to.ts';

/** A range of a run, in nanoseconds from its start, fromNs < toNs. */
export interface RunRangeNs {
  fromNs: number;
  toNs: number;
}

/** The summary of run `runId` over `range`; null when there is no such run. */
export function buildRangeSummary(reader: RunReader, runId: number, range: RunRangeNs): RunSummary | null {
  if (!reader.getRun(runId)) return null;
  const summary = buildRunSummary(reader, runId, reader.readTimeline(runId, range));
  if (!summary) return null;
  const wallSeconds = roundTo((range.toNs - range.fromNs) / 1e9);
  // CPU of threads that ended before they were sampled is known for the whole run only (a process's
  // /proc total less its sampled threads): over a range it would count everything outside the range.
  const processes = summary.processes?.map((process) => ({
    ...process,
    cpuSeconds: roundTo(process.cpuSeconds - process.exitedBeforeSampledCpuSeconds),
    exitedBeforeSampledCpuSeconds: 0,
  }));
  const exited = (summary.processes ?? []).reduce((sum, process) => sum + process.exitedBeforeSampledCpuSeconds, 0);
  const cpuSeconds = roundTo(Math.max(0, summary.cpuSeconds - exited));
  return {
    ...summary,
    ...(processes ? { processes } : {}),
    cpuSeconds,
    wallSeconds,
    parallelism: wallSeconds > 0 ? roundTo(cpuSeconds / wallSeconds, 3) : null,
    // Other programs' CPU is known for the whole run only.
    machineLoad: null,
  };
}

/** The samples a functions or flame graph query reads: the whole run, or a range of it. */
export function readRangeTimeline(reader: RunReader, runId: number, range: RunRangeNs | null | undefined) {
  return range ? reader.readTimeline(runId, range) : reader.readTimeline(runId);
}
