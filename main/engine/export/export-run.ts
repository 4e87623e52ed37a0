import type { RunReader } from '../store/run-reader.ts';
import { toCollapsedStacks } from './collapsed-stacks.ts';
import { toSpeedscope } from './speedscope-profile.ts';
import { toTraceEvents } from './trace-events.ts';

/** Stack formats a single run can be exported to. */
export type RunExportFormat = 'collapsed' | 'speedscope' | 'trace';

/** A stored run rendered in one format, as text; null when the run does not exist. */
export function exportRun(reader: RunReader, runId: number, format: RunExportFormat): string | null {
  const run = reader.getRun(runId);
  if (!run) return null;
  const threads = reader.getThreads(runId);
  const table = reader.readStackTable(runId);
  const timeline = reader.readTimeline(runId);
  if (format === 'collapsed') return toCollapsedStacks(threads, table, timeline);
  const name = `GILscope run ${runId}: ${run.script}`;
  if (format === 'trace') {
    // The target's pid is not stored; its main thread's tid is the pid, and the main thread is seen first.
    const main = [...threads].sort((a, b) => a.firstSeenNs - b.firstSeenNs || a.tid - b.tid)[0];
    return `${JSON.stringify(toTraceEvents(name, main?.tid ?? 0, threads, table, timeline, 1e9 / run.rateHz))}\n`;
  }
  return `${JSON.stringify(toSpeedscope(name, threads, table, timeline, 1e9 / run.rateHz))}\n`;
}
