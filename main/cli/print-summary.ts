import type { RunSummary } from '../engine/analysis/run-summary.ts';
import type { ProcessSummary } from '../shared/run-summary-types.ts';
import { formatTable, percent } from './format-table.ts';
import { machineLoadSentence } from '../shared/machine-load-note.ts';

const seconds = (value: number | null): string => (value === null ? '–' : `${value.toFixed(3)} s`);

/** The human-readable form of a run summary. */
export function printSummary(summary: RunSummary, out: NodeJS.WritableStream): void {
  const launched = summary.interpreter;
  // A launcher (e.g. a chroot wrapper) is shown with the binary it ran.
  const where = launched?.executable && launched.executable !== launched.path ? ` → ${launched.executable}` : '';
  const interpreter = launched
    ? `CPython ${launched.version}${launched.freeThreaded ? ' free-threaded' : ''} (${launched.path}${where})`
    : 'unknown interpreter';
  const ending = summary.signal
    ? `killed by ${summary.signal}`
    : summary.exitCode === null
      ? ''
      : `exit code ${summary.exitCode}`;
  const lines = [
    `Run ${summary.runId}: ${summary.script}${summary.args.length ? ' ' + summary.args.join(' ') : ''}`,
    `  ${interpreter}, GIL mode ${summary.gilMode}, GIL ${summary.gilEnabled === null ? 'state unknown' : summary.gilEnabled ? 'enabled' : 'disabled'}`,
    `  ${summary.attachedPid === undefined ? '' : `attached to pid ${summary.attachedPid}, `}status ${summary.status}${ending ? ` (${ending})` : ''}${summary.error ? `: ${summary.error}` : ''}`,
    `  wall ${seconds(summary.wallSeconds)}, CPU ${seconds(summary.cpuSeconds)}, parallelism ${summary.parallelism?.toFixed(2) ?? '–'}, ${summary.samples} samples at ${summary.rateHz} Hz`,
    summary.gil
      ? `  ${(summary.processes?.length ?? 0) > 1 ? "main process's " : ''}GIL held ${percent(summary.gil.heldFraction)} of the time; contention (someone waiting for it) ${percent(summary.gil.contention)}`
      : '  GIL not readable in this run',
  ];
  for (const change of summary.gilEnabledChanges)
    lines.push(`  GIL ${change.enabled ? 'enabled' : 'disabled'} at ${change.timeSeconds.toFixed(3)} s`);
  for (const warning of summary.warnings) lines.push(`  warning: ${warning}`);
  out.write(lines.join('\n') + '\n\n');
  const processes = summary.processes ?? [];
  const manyProcesses = processes.length > 1;
  if (manyProcesses) out.write(formatProcesses(processes) + '\n');
  // The unclassified column appears only in runs that have such waits (the GIL could not be located).
  const unclassified = summary.threads.some((thread) => thread.states.unclassifiedWait > 0);
  const rows: string[][] = [];
  // Threads grouped by process (main first), each process's CPU of threads that ended unsampled as a row of its own.
  const groups = processes.length > 0 ? processes : [null];
  for (const process of groups) {
    const pidColumn = manyProcesses ? [String(process?.pid ?? '')] : [];
    for (const thread of summary.threads) {
      if (process !== null && (thread.pid ?? processes[0]?.pid) !== process.pid) continue;
      rows.push([
        ...pidColumn,
        String(thread.tid),
        thread.name,
        thread.cpuSeconds.toFixed(3),
        percent(thread.states.running),
        percent(thread.states.runnable),
        percent(thread.states.gilWait),
        percent(thread.states.lockWait),
        ...(unclassified ? [percent(thread.states.unclassifiedWait)] : []),
        percent(thread.states.idle),
        thread.gilHeldFraction === null ? '–' : percent(thread.gilHeldFraction),
      ]);
    }
    if (process && process.exitedBeforeSampledCpuSeconds > 0) {
      rows.push([
        ...pidColumn,
        '–',
        '(exited before sampled)',
        process.exitedBeforeSampledCpuSeconds.toFixed(3),
        ...Array<string>(unclassified ? 7 : 6).fill('–'),
      ]);
    }
  }
  const header = [
    'TID',
    'THREAD',
    'CPU s',
    'RUNNING',
    'RUNNABLE',
    'GIL WAIT',
    'LOCK WAIT',
    ...(unclassified ? ['UNCLASSIFIED WAIT'] : []),
    'IDLE',
    'HOLDS GIL',
  ];
  out.write(formatTable(manyProcesses ? ['PID', ...header] : header, rows));
  if (summary.status !== 'running') {
    const { headline, details } = summary.verdict;
    out.write(`\nVerdict: ${headline}\n${details.map((line) => `  ${line}\n`).join('')}`);
    if (summary.machineLoad) out.write(`  ${machineLoadSentence(summary.machineLoad)}\n`);
  }
}

/** One row per process of the tree: its role, CPython version, CPU and its own GIL figures. */
function formatProcesses(processes: readonly ProcessSummary[]): string {
  const rows = processes.map((process) => [
    String(process.pid),
    process.role,
    process.pythonVersion ?? 'not Python',
    String(process.threadCount),
    process.cpuSeconds.toFixed(3),
    process.gil ? percent(process.gil.heldFraction) : '–',
    process.gil ? percent(process.gil.contention) : '–',
    process.commandLine.join(' '),
  ]);
  return formatTable(['PID', 'ROLE', 'PYTHON', 'THREADS', 'CPU s', 'GIL HELD', 'GIL CONTENTION', 'COMMAND'], rows);
}
