// Per-thread table: CPU seconds, lifetime, state fractions (stacked bar + numbers), holds-GIL %. A run of
// several processes groups the threads under a row per process (role, pid, command line, its own GIL figures).
import type { ProcessSummary, RunSummary, ThreadSummary } from '../../../../main/shared/run-summary-types.ts';
import {
  commandLineText,
  groupThreadsByProcess,
  hasSeveralProcesses,
  processName,
} from '../../../../main/shared/process-groups.ts';
import { StateBar } from '../../components/state-bar.tsx';
import { formatPercent, formatSeconds, plural } from '../../logic/format.ts';
import { STATE_ORDER, stateLabel } from '../../../../main/shared/thread-state-style.ts';

const COLUMNS = 5 + STATE_ORDER.length;

// Threads in the summary's order (the engine lists the main thread first), grouped by process when there are several.
export function ThreadTable(props: { summary: RunSummary }) {
  const grouped = hasSeveralProcesses(props.summary);
  const groups = groupThreadsByProcess(props.summary);
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="thread-table">
        <thead>
          <tr>
            <th>Thread</th>
            <th className="num">CPU</th>
            <th className="num">Lifetime</th>
            <th>States</th>
            {STATE_ORDER.map((s) => (
              <th key={s} className="num">
                {stateLabel(s)}
              </th>
            ))}
            <th className="num">Holds GIL</th>
          </tr>
        </thead>
        {groups.length === 0 ? (
          <tbody>
            {props.summary.threads.map((t) => (
              <ThreadRow key={t.tid} thread={t} />
            ))}
          </tbody>
        ) : (
          groups.map(({ process, threads }) => (
            <tbody key={process.pid}>
              {grouped && <ProcessRow process={process} />}
              {threads.map((t) => (
                <ThreadRow key={t.tid} thread={t} />
              ))}
              {process.exitedBeforeSampledCpuSeconds > 0 && (
                <tr data-testid="exited-row" className="muted">
                  <td>exited before sampled</td>
                  <td className="num">{formatSeconds(process.exitedBeforeSampledCpuSeconds)}</td>
                  <td colSpan={COLUMNS - 2}>CPU of threads that ended before any tick saw them</td>
                </tr>
              )}
            </tbody>
          ))
        )}
      </table>
    </div>
  );
}

function ThreadRow(props: { thread: ThreadSummary }) {
  const t = props.thread;
  return (
    <tr data-testid="thread-row" data-pid={t.pid}>
      <td>
        {t.name} <span className="muted mono">{t.tid}</span>
      </td>
      <td className="num">{formatSeconds(t.cpuSeconds)}</td>
      <td className="num">{formatSeconds(t.lifetimeSeconds)}</td>
      <td className="bar-cell">
        <StateBar states={t.states} />
      </td>
      {STATE_ORDER.map((s) => (
        <td key={s} className="num">
          {formatPercent(t.states[s])}
        </td>
      ))}
      <td className="num">{formatPercent(t.gilHeldFraction)}</td>
    </tr>
  );
}

// The process heading its threads: who it is, what it runs, and its own GIL (each process has one).
function ProcessRow(props: { process: ProcessSummary }) {
  const p = props.process;
  return (
    <tr className="process-row" data-testid="process-row" data-pid={p.pid}>
      <td colSpan={COLUMNS}>
        <strong>{processName(p)}</strong>{' '}
        <span className="mono" title={p.commandLine.join(' ')}>
          {commandLineText(p.commandLine, 90)}
        </span>
        <span className="muted">
          {' · '}
          {p.pythonVersion ? `Python ${p.pythonVersion}` : 'not Python (CPU and states only)'} ·{' '}
          {plural(p.threadCount, 'thread')} · CPU {formatSeconds(p.cpuSeconds)}
          {p.gil
            ? ` · its GIL held ${formatPercent(p.gil.heldFraction)}, contention ${formatPercent(p.gil.contention)}`
            : ''}
        </span>
      </td>
    </tr>
  );
}
