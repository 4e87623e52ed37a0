// Per-thread table: CPU seconds, lifetime, state fractions (stacked bar + numbers), holds-GIL %.
import type { RunSummary } from '../../../../main/shared/run-summary-types.ts';
import { StateBar } from '../../components/state-bar.tsx';
import { formatPercent, formatSeconds } from '../../logic/format.ts';
import { STATE_ORDER, stateLabel } from '../../../../main/shared/thread-state-style.ts';

// Threads in the summary's order (the engine lists the main thread first).
export function ThreadTable(props: { summary: RunSummary }) {
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
        <tbody>
          {props.summary.threads.map((t) => (
            <tr key={t.tid} data-testid="thread-row">
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
          ))}
        </tbody>
      </table>
    </div>
  );
}
