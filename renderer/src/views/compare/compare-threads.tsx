// Threads matched by name across the compared runs: CPU seconds and state fractions per run, with a
// state bar each, so "the same worker" can be read across GIL modes or interpreters.
import type { ComparisonView } from '../../../../main/shared/compare-types.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { StateBar } from '../../components/state-bar.tsx';
import { formatMetricDelta } from '../../logic/compare-format.ts';
import { formatPercent, formatSeconds } from '../../logic/format.ts';
import { runLetter } from './run-heading.tsx';
import { num, TableHead } from '../../components/table-head.tsx';

// One row per matched thread and run; missing threads show as "absent".
export function CompareThreads(props: { comparison: ComparisonView }) {
  const { runs, threads } = props.comparison;
  // Unclassified waits (GIL not located) get a column only when some compared run has them.
  const unclassified = threads.some((row) => row.perRun.some((cell) => (cell?.states.unclassifiedWait ?? 0) > 0));
  return (
    <div className="panel">
      <div className="panel-title row spread">
        <h3>Threads (matched by name)</h3>
        <span className="muted">CPU and share of each thread’s lifetime per state</span>
      </div>
      {threads.length === 0 && <EmptyState title="No thread to compare" />}
      <div className="table-scroll tall" hidden={threads.length === 0}>
        <table className="data-table compare-table" data-testid="compare-threads">
          <TableHead
            columns={[
              'Thread',
              'Run',
              num('CPU'),
              num('Δ CPU'),
              'States',
              num('Running'),
              num('Runnable'),
              num('GIL wait'),
              num('Lock wait'),
              unclassified && num('Unclassified wait'),
              num('Idle'),
            ]}
          />
          <tbody>
            {threads.map((row, r) =>
              runs.map((run, i) => {
                const cell = row.perRun[i] ?? null;
                const base = row.perRun[0] ?? null;
                return (
                  <tr
                    key={`${r}-${run.runId}`}
                    className={i === 0 ? 'group-start' : undefined}
                    data-testid="compare-thread-row"
                  >
                    {i === 0 && (
                      <td rowSpan={runs.length} className="thread-name">
                        {row.name}
                      </td>
                    )}
                    <td>
                      <span className={`run-letter run-letter-${i}`}>{runLetter(i)}</span>
                      {cell && <span className="muted mono"> {cell.tid}</span>}
                    </td>
                    {cell ? (
                      <>
                        <td className="num">{formatSeconds(cell.cpuSeconds)}</td>
                        <td className="num muted">
                          {i > 0 && base ? formatMetricDelta(cell.cpuSeconds - base.cpuSeconds, 'seconds') : ''}
                        </td>
                        <td className="bar-cell">
                          <StateBar states={cell.states} />
                        </td>
                        <td className="num">{formatPercent(cell.states.running)}</td>
                        <td className="num">{formatPercent(cell.states.runnable)}</td>
                        <td className="num">{formatPercent(cell.states.gilWait)}</td>
                        <td className="num">{formatPercent(cell.states.lockWait)}</td>
                        {unclassified && <td className="num">{formatPercent(cell.states.unclassifiedWait)}</td>}
                        <td className="num">{formatPercent(cell.states.idle)}</td>
                      </>
                    ) : (
                      <td colSpan={unclassified ? 9 : 8} className="muted">
                        absent in this run
                      </td>
                    )}
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
