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
  // Runs of several Python processes: each thread is shown under its process, "worker 1 (4242)". Short
  // non-Python helpers (a launcher's `mount`, a `subprocess.run(['ls'])`) do not make a run multi-process
  // here: their threads keep their own names.
  const processes = reader.getProcesses(runId);
  const pythonProcesses = processes.filter((p) => p.pythonVersion !== null).length;
  const processLabels = new Map(pythonProcesses > 1 ? processes.map((p) => [p.pid, `${p.role} (${p.pid})`]) : []);
  if (format === 'collapsed') return toCollapsedStacks(threads, table, timeline, processLabels);
  const name = `GILscope run ${runId}: ${run.script}`;
  if (format === 'trace') {
    // Older runs store no processes; their main thread's tid is the pid, and the main thread is seen first.
    const main = [...threads].sort((a, b) => a.firstSeenNs - b.firstSeenNs || a.tid - b.tid)[0];
    const mainPid = processes[0]?.pid ?? main?.tid ?? 0;
    const trace = toTraceEvents(name, mainPid, threads, table, timeline, 1e9 / run.rateHz, processLabels);
    return `${JSON.stringify(trace)}\n`;
  }
  const labelled =
    processLabels.size === 0
      ? threads
      : threads.map((info) => {
          const label = info.pid === undefined ? undefined : processLabels.get(info.pid);
          return label === undefined ? info : { ...info, name: `${label}: ${info.name || 'thread'}` };
        });
  return `${JSON.stringify(toSpeedscope(name, labelled, table, timeline, 1e9 / run.rateHz))}\n`;
}
