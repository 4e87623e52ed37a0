import type { RunReader } from '../store/run-reader.ts';
import { toCollapsedStacks } from './collapsed-stacks.ts';
import { toSpeedscope } from './speedscope-profile.ts';

/** Stack formats a single run can be exported to. */
export type RunExportFormat = 'collapsed' | 'speedscope';

/** A stored run rendered in one format, as text; null when the run does not exist. */
export function exportRun(reader: RunReader, runId: number, format: RunExportFormat): string | null {
  const run = reader.getRun(runId);
  if (!run) return null;
  const threads = reader.getThreads(runId);
  const table = reader.readStackTable(runId);
  const timeline = reader.readTimeline(runId);
  if (format === 'collapsed') return toCollapsedStacks(threads, table, timeline);
  const name = `GILscope run ${runId}: ${run.script}`;
  return `${JSON.stringify(toSpeedscope(name, threads, table, timeline, 1e9 / run.rateHz))}\n`;
}
