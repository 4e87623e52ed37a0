// How a run is described in report headers and tables: its title, interpreter, GIL mode, status.
import path from 'node:path';
import type { RunSummary } from '../../shared/run-summary-types.ts';
import { verdictTone } from '../../shared/gil-verdict.ts';
import { html, type SafeHtml } from './escape-html.ts';
import { formatCommand, formatSeconds } from './report-format.ts';
import { machineLoadSentence } from '../../shared/machine-load-note.ts';

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
  const observed =
    summary.gilEnabled === null ? 'GIL state not read' : summary.gilEnabled ? 'GIL enabled' : 'GIL disabled';
  const changes =
    summary.gilEnabledChanges.length > 0 ? `, switched ${summary.gilEnabledChanges.length}× during the run` : '';
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

/** The verdict (is the GIL what holds the threads back?) as the report's opening box. */
export function verdictBlock(summary: RunSummary): SafeHtml {
  const { verdict } = summary;
  const parallelism =
    summary.parallelism !== null && summary.wallSeconds !== null
      ? [
          `On average ${summary.parallelism.toFixed(2)} CPU cores were busy over ${formatSeconds(summary.wallSeconds)} of wall time.`,
        ]
      : [];
  const machine = summary.machineLoad ? [machineLoadSentence(summary.machineLoad)] : [];
  return html`<div class="verdict verdict-${verdictTone(verdict.kind)}" data-kind="${verdict.kind}"><strong>${verdict.headline}</strong><ul>${[...verdict.details, ...parallelism, ...machine].map((line) => html`<li>${line}</li>`)}</ul></div>`;
}
