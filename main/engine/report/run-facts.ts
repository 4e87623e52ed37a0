// How a run is described in report headers and tables: its title, interpreter, GIL mode, status.
import path from 'node:path';
import type { RunSummary } from '../../shared/run-summary-types.ts';
import { formatCommand, formatPercent, formatSeconds } from './report-format.ts';

/** "Run 12: my label" or "Run 12: workload.py". */
export function runTitle(summary: RunSummary): string {
  return `Run ${summary.runId}: ${summary.label ?? path.basename(summary.script)}`;
}

/** "CPython 3.13.5 free-threaded (/path/python3.13t)" or "unknown interpreter". */
export function interpreterText(summary: RunSummary): string {
  const it = summary.interpreter;
  if (!it) return 'unknown interpreter';
  return `Python ${it.version}${it.freeThreaded ? ' free-threaded' : ''} (${it.path})`;
}

/** Short interpreter text for table cells: "3.13.5t". */
export function interpreterShort(summary: RunSummary): string {
  const it = summary.interpreter;
  return it ? `${it.version}${it.freeThreaded ? 't' : ''}` : '?';
}

/** The requested GIL mode and what was observed: "off (GIL disabled)". */
export function gilText(summary: RunSummary): string {
  const observed = summary.gilEnabled === null ? 'GIL state not read' : summary.gilEnabled ? 'GIL enabled' : 'GIL disabled';
  const changes = summary.gilEnabledChanges.length > 0 ? `, switched ${summary.gilEnabledChanges.length}× during the run` : '';
  return `${summary.gilMode} (${observed}${changes})`;
}

/** "completed, exit code 0" / "failed: message" / "killed by SIGKILL". */
export function statusText(summary: RunSummary): string {
  const parts: string[] = [summary.status];
  if (summary.exitCode !== null) parts.push(`exit code ${summary.exitCode}`);
  if (summary.signal) parts.push(`signal ${summary.signal}`);
  return parts.join(', ');
}

/** The command as it was run: script and arguments. */
export function commandText(summary: RunSummary): string {
  return formatCommand([summary.script, ...summary.args]);
}

/** A few plain-language observations about a run (GIL waits, parallelism), most telling first. */
export function runFindings(summary: RunSummary): string[] {
  const findings: string[] = [];
  if (summary.parallelism !== null && summary.wallSeconds !== null) {
    findings.push(`On average ${summary.parallelism.toFixed(2)} CPU cores were busy over ${formatSeconds(summary.wallSeconds)} of wall time.`);
  }
  const waiting = [...summary.threads].filter((thread) => thread.states.gilWait > 0.01).sort((a, b) => b.states.gilWait - a.states.gilWait);
  const worst = waiting[0];
  if (worst) {
    findings.push(`${waiting.length} thread(s) waited for the GIL; “${worst.name}” spent ${formatPercent(worst.states.gilWait)} of its lifetime waiting.`);
  } else if (summary.gil) {
    findings.push('No thread spent a noticeable share of its time waiting for the GIL.');
  }
  if (summary.gil && summary.gil.contention > 0) findings.push(`Someone was waiting for the GIL in ${formatPercent(summary.gil.contention)} of the samples.`);
  return findings;
}
