// A run of several processes (multiprocessing, a pool, a subprocess of another Python) is read process by
// process: its threads grouped under their process, each process named by role, pid and command line. Shared by
// the app's thread table and timeline and by the HTML/PDF report. Pure; type imports from main/shared only.
import type { ProcessSummary, RunSummary, ThreadSummary } from './run-summary-types.ts';

/** One process and its threads, in the summary's order (main first, then descendants as first seen). */
export interface ProcessGroup {
  process: ProcessSummary;
  threads: ThreadSummary[];
}

/** True when the run sampled more than one process: only then are threads grouped by process. */
export function hasSeveralProcesses(summary: Pick<RunSummary, 'processes'>): boolean {
  return (summary.processes?.length ?? 0) > 1;
}

/**
 * The summary's threads grouped by process, processes in the summary's order. A thread whose process is not
 * listed (a run recorded before processes were followed) belongs to the main process.
 */
export function groupThreadsByProcess(summary: Pick<RunSummary, 'processes' | 'threads'>): ProcessGroup[] {
  const processes = summary.processes ?? [];
  const groups = new Map(processes.map((process) => [process.pid, { process, threads: [] as ThreadSummary[] }]));
  const main = processes[0] === undefined ? undefined : groups.get(processes[0].pid);
  for (const thread of summary.threads) {
    const group = (thread.pid === undefined ? undefined : groups.get(thread.pid)) ?? main;
    group?.threads.push(thread);
  }
  return [...groups.values()];
}

/** "worker 1 · pid 4242": how a process is named next to its threads. */
export function processName(process: Pick<ProcessSummary, 'role' | 'pid'>): string {
  return `${process.role} · pid ${process.pid}`;
}

/** The command line as one line, shortened in the middle to `max` characters (the script name stays visible). */
export function commandLineText(commandLine: readonly string[], max = 120): string {
  const text = commandLine.join(' ');
  if (text.length <= max) return text;
  const keep = Math.floor((max - 1) / 2);
  return `${text.slice(0, keep)}…${text.slice(text.length - (max - 1 - keep))}`;
}

/** Lanes ordered by process, then by thread id, so a process's threads sit together (the main process has the lowest pid). */
export function compareLanesByProcess(a: { pid?: number; tid: number }, b: { pid?: number; tid: number }): number {
  return (a.pid ?? 0) - (b.pid ?? 0) || a.tid - b.tid;
}
