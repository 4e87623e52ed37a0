// The comparison's metrics table: each metric's value per run, and for every run after the baseline
// its delta and ratio against the baseline (A), coloured when the change is better or worse.
import type { ComparisonView } from '../../../../main/shared/compare-types.ts';
import { deltaTone, formatMetricDelta, formatMetricRatio, formatMetricValue } from '../../logic/compare-format.ts';
import { runLetter } from './run-heading.tsx';

// One row per metric; columns: A, then per further run its value, Δ and ratio vs A.
export function CompareMetrics(props: { comparison: ComparisonView }) {
  const { runs, metrics } = props.comparison;
  return (
    <div className="panel">
      <div className="panel-title row spread">
        <h3>Metrics</h3>
        <span className="muted">Δ and ratio against A (the baseline)</span>
      </div>
      <div className="table-scroll">
        <table className="data-table compare-table" data-testid="compare-metrics">
          <thead>
            <tr>
              <th>Metric</th>
              <th className="num">{runLetter(0)}</th>
              {runs.slice(1).map((run, j) => (
                <th key={run.runId} className="num run-group" colSpan={3}>
                  {runLetter(j + 1)} · Δ · ratio
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {metrics.map((m) => (
              <tr key={m.key} data-testid="compare-metric-row" data-key={m.key}>
                <td>{m.label}</td>
                <td className="num">{formatMetricValue(m.values[0] ?? null, m.unit)}</td>
                {runs.slice(1).map((run, j) => {
                  const i = j + 1;
                  const tone = deltaTone(m.key, m.deltas[i] ?? null, m.values[0] ?? null);
                  return [
                    <td key={`${run.runId}-v`} className="num run-group">
                      {formatMetricValue(m.values[i] ?? null, m.unit)}
                    </td>,
                    <td key={`${run.runId}-d`} className={`num delta delta-${tone}`}>
                      {formatMetricDelta(m.deltas[i] ?? null, m.unit)}
                    </td>,
                    <td key={`${run.runId}-r`} className={`num delta delta-${tone}`}>
                      {formatMetricRatio(m.ratios[i] ?? null, m.values[0] ?? null, m.unit)}
                    </td>,
                  ];
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
