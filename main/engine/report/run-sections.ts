// The sections of a single run's report that are tables of its summary: threads, top functions,
// where threads waited for the GIL and what the holder ran meanwhile, and the script's output.
import type { RunOutputView } from '../../shared/run-views.ts';
import type { FrameShare, RunSummary } from '../../shared/run-summary-types.ts';
import { html, joinHtml, type SafeHtml } from './escape-html.ts';
import { chartBlock, dataTable, legend, note, section } from './report-layout.ts';
import { formatPercent, formatSeconds } from './report-format.ts';
import { STATE_ORDER, stateColor, stateLabel } from '../../shared/thread-state-style.ts';
import { stateBars } from './svg-state-bars.ts';
import {
  commandLineText,
  groupThreadsByProcess,
  hasSeveralProcesses,
  processName,
} from '../../shared/process-groups.ts';

/** "file.py:12" with the full path kept; it may wrap after each "/" (table cells keep words whole). */
function location(file: string, line: number): SafeHtml {
  const parts = `${file}${line > 0 ? `:${line}` : ''}`.split(/(?<=\/)/);
  return html`<span class="mono">${joinHtml(parts, '<wbr>')}</span>`;
}

/** Legend of thread states. */
export function stateLegend(): SafeHtml {
  return legend(STATE_ORDER.map((state) => ({ label: stateLabel(state), color: stateColor(state) })));
}

/** A run of several processes: one row per process with its own CPU and GIL figures; null for one process. */
export function processesSection(summary: RunSummary): SafeHtml | null {
  if (!hasSeveralProcesses(summary)) return null;
  const columns = [
    { header: 'Process' },
    { header: 'Command line' },
    { header: 'Python' },
    { header: 'Threads', numeric: true },
    { header: 'CPU', numeric: true },
    {
      header: 'Exited early',
      numeric: true,
      title: 'CPU of threads that exited before they were sampled (in the CPU column too)',
    },
    { header: 'Lifetime', numeric: true },
    { header: 'GIL held', numeric: true, title: 'Share of this process’s GIL reads with its GIL held' },
    {
      header: 'Contention',
      numeric: true,
      title: 'Share of this process’s ticks with one of its threads waiting for its GIL',
    },
  ];
  const rows = (summary.processes ?? []).map((process) => [
    processName(process),
    html`<span class="mono">${joinHtml(commandLineText(process.commandLine, 90).split(/(?<=[/ ])/), '<wbr>')}</span>`,
    process.pythonVersion ?? 'not Python',
    process.threadCount,
    formatSeconds(process.cpuSeconds),
    formatSeconds(process.exitedBeforeSampledCpuSeconds),
    formatSeconds(process.lifetimeSeconds),
    formatPercent(process.gil?.heldFraction),
    formatPercent(process.gil?.contention),
  ]);
  return section(
    'processes',
    'Processes',
    note('Each process has its own GIL: its threads wait only for that one. CPU and parallelism are the whole tree’s.'),
    dataTable(columns, rows),
  );
}

/** Stacked state bars and the per-thread table (grouped by process when there are several). */
export function threadsSection(summary: RunSummary): SafeHtml {
  if (summary.threads.length === 0) return section('threads', 'Threads', note('No thread was sampled.'));
  const several = hasSeveralProcesses(summary);
  const groups = groupThreadsByProcess(summary);
  const ordered = several ? groups.flatMap((group) => group.threads) : summary.threads;
  const roleOf = new Map(groups.map((group) => [group.process.pid, group.process.role]));
  const bars = stateBars(
    ordered.map((thread) => ({
      label: several ? `${roleOf.get(thread.pid ?? -1) ?? '?'}: ${thread.name}` : thread.name,
      states: thread.states,
    })),
    'Share of each thread’s lifetime per state',
  );
  const columns = [
    ...(several ? [{ header: 'Process' }] : []),
    { header: 'Thread' },
    { header: 'TID', numeric: true },
    { header: 'CPU', numeric: true },
    { header: 'Lifetime', numeric: true },
    ...STATE_ORDER.map((state) => ({ header: stateLabel(state), numeric: true })),
    { header: 'GIL held', numeric: true, title: 'Share of GIL-readable samples in which this thread held the GIL' },
  ];
  const rows = ordered.map((thread) => [
    ...(several ? [`${roleOf.get(thread.pid ?? -1) ?? '?'} · pid ${thread.pid ?? '?'}`] : []),
    html`${thread.name}${thread.nameSource === 'os' ? html` <span class="muted">(OS name)</span>` : null}`,
    thread.tid,
    formatSeconds(thread.cpuSeconds),
    formatSeconds(thread.lifetimeSeconds),
    ...STATE_ORDER.map((state) => formatPercent(thread.states[state])),
    formatPercent(thread.gilHeldFraction),
  ]);
  return section('threads', 'Threads', chartBlock(bars, null), stateLegend(), dataTable(columns, rows));
}

/** The functions with the most on-CPU samples. */
export function functionsSection(summary: RunSummary, limit = 20): SafeHtml {
  if (summary.topFunctions.length === 0)
    return section('functions', 'Top functions', note('No Python stacks were recorded for this run.'));
  const rows = summary.topFunctions
    .slice(0, limit)
    .map((fn) => [
      html`<span class="mono">${fn.function}</span>`,
      location(fn.file, fn.line),
      formatPercent(fn.selfFraction),
      formatPercent(fn.totalFraction),
    ]);
  return section(
    'functions',
    'Top functions',
    note(
      'Share of on-CPU samples (running or runnable), all threads together. Self: the innermost frame; total: anywhere on the stack.',
    ),
    dataTable(
      [
        { header: 'Function' },
        { header: 'Location' },
        { header: 'Self', numeric: true },
        { header: 'Total', numeric: true },
      ],
      rows,
    ),
  );
}

function frameTable(frames: readonly FrameShare[], share: string): SafeHtml {
  const rows = frames.map((frame) => [
    html`<span class="mono">${frame.function}</span>`,
    location(frame.file, frame.line),
    formatPercent(frame.fraction),
  ]);
  return dataTable([{ header: 'Function' }, { header: 'Location' }, { header: share, numeric: true }], rows);
}

/** Where each thread waited for the GIL, and what the holder was running meanwhile. */
export function gilWaitSection(summary: RunSummary): SafeHtml {
  const waiting = summary.threads.filter((thread) => thread.gilWaitFrames.length > 0 && thread.states.gilWait > 0);
  const perThread = waiting.map(
    (thread) =>
      html`<h3>${thread.name} <span class="muted">— waited ${formatPercent(thread.states.gilWait)} of its lifetime</span></h3>${frameTable(thread.gilWaitFrames, 'Of its GIL waits')}`,
  );
  const holder =
    summary.gilHolderFrames.length > 0
      ? html`<h3>What the GIL holder was running while others waited</h3>${frameTable(summary.gilHolderFrames, 'Of contended samples')}`
      : null;
  const empty = waiting.length === 0 && !holder;
  return section(
    'gil-waits',
    'Where threads wait for the GIL',
    empty
      ? note(
          summary.gil
            ? 'No GIL waits with a Python stack were sampled.'
            : 'The GIL state could not be read for this run.',
        )
      : null,
    perThread,
    holder,
  );
}

/** The tail of the script's output, stderr marked. */
export function outputSection(output: RunOutputView | null | undefined, maxChars = 20_000): SafeHtml | null {
  if (!output || output.chunks.length === 0) return null;
  const kept: Array<{ stream: string; text: string }> = [];
  let total = 0;
  for (let i = output.chunks.length - 1; i >= 0 && total < maxChars; i--) {
    const chunk = output.chunks[i]!;
    const text =
      chunk.text.length > maxChars - total ? chunk.text.slice(chunk.text.length - (maxChars - total)) : chunk.text;
    kept.unshift({ stream: chunk.stream, text });
    total += text.length;
  }
  const cut = output.truncated || total >= maxChars;
  const body = kept.map((chunk) =>
    chunk.stream === 'stderr' ? html`<span class="stderr">${chunk.text}</span>` : html`${chunk.text}`,
  );
  return section(
    'output',
    'Output',
    cut ? note('Only the end of the output is shown.') : null,
    html`<pre class="output">${body}</pre>`,
  );
}
