// The experiment's configurations: median wall time with its spread, speedup vs the chosen baseline,
// parallelism, contention, failures, and links to every run. Columns sort on click.
import { useMemo, useState } from 'react';
import type { ExperimentView, Spread } from '../../../../main/shared/compare-types.ts';
import {
  defaultConfigSort,
  relativeSpread,
  sortConfigs,
  toggleConfigSort,
  type ConfigSort,
  type ConfigSortKey,
} from '../../logic/experiment-results.ts';
import { formatPercent, formatRatio, formatSeconds } from '../../logic/format.ts';
import { SortHeader } from '../../components/sort-header.tsx';

const columns: Array<{ key: ConfigSortKey; label: string; numeric?: boolean; title?: string }> = [
  { key: 'label', label: 'Configuration' },
  { key: 'wall', label: 'Wall (median)', numeric: true },
  { key: 'speedup', label: 'Speedup', numeric: true, title: 'Baseline median wall ÷ this median wall' },
  { key: 'parallelism', label: 'Parallelism', numeric: true },
  { key: 'processes', label: 'Processes', numeric: true, title: 'Processes that did the work (with a busy thread)' },
  {
    key: 'gilWait',
    label: 'GIL wait',
    numeric: true,
    title: "Busy threads' share of time waiting for their own process's GIL",
  },
  { key: 'contention', label: 'GIL contention', numeric: true, title: "Main process's ticks with a GIL waiter" },
  { key: 'failures', label: 'Failures', numeric: true },
];

// "1.20 s – 1.34 s (±6%)".
function spreadText(spread: Spread | null, format: (v: number) => string): string {
  if (!spread) return '';
  const rel = relativeSpread(spread);
  return `${format(spread.min)} – ${format(spread.max)}${rel === null ? '' : ` (${formatPercent(rel)} spread)`}`;
}

// A median count: whole, or halfway between two.
const formatCount = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));

// The table; `onOpenRun` opens a run's detail.
export function ExperimentResultsTable(props: { experiment: ExperimentView; onOpenRun: (runId: number) => void }) {
  const [sort, setSort] = useState<ConfigSort>(defaultConfigSort);
  const rows = useMemo(() => sortConfigs(props.experiment.configs, sort), [props.experiment.configs, sort]);
  const baseline = props.experiment.baselineKey;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="experiment-results">
        <thead>
          <tr>
            {columns.map((c) => (
              <SortHeader
                key={c.key}
                column={c}
                sort={sort}
                onSort={() => setSort(toggleConfigSort(sort, c.key))}
                testId={`experiment-sort-${c.key}`}
              />
            ))}
            <th>Runs</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr
              key={c.key}
              data-testid="experiment-config-row"
              data-key={c.key}
              data-speedup={c.speedup ?? ''}
              className={c.key === baseline ? 'baseline-row' : undefined}
            >
              <td>
                {c.label}
                {c.key === baseline && <span className="badge">baseline</span>}
              </td>
              <td className="num" title={spreadText(c.wallSeconds, (v) => formatSeconds(v))}>
                {formatSeconds(c.wallSeconds?.median)}
                {c.wallSeconds && <div className="sub">{spreadText(c.wallSeconds, (v) => formatSeconds(v))}</div>}
              </td>
              <td
                className={`num speedup ${c.speedup === null ? '' : c.speedup >= 1.02 ? 'delta-good' : c.speedup <= 0.98 ? 'delta-bad' : ''}`}
              >
                {formatRatio(c.speedup)}
              </td>
              <td className="num" title={spreadText(c.parallelism, (v) => formatRatio(v))}>
                {formatRatio(c.parallelism?.median)}
              </td>
              <td className="num" data-testid="experiment-processes" title={spreadText(c.processes ?? null, String)}>
                {c.processes ? formatCount(c.processes.median) : '—'}
              </td>
              <td className="num" title={spreadText(c.gilWait ?? null, (v) => formatPercent(v))}>
                {formatPercent(c.gilWait?.median)}
              </td>
              <td className="num" title={spreadText(c.contention, (v) => formatPercent(v))}>
                {formatPercent(c.contention?.median)}
              </td>
              <td className={`num${c.failures > 0 ? ' delta-bad' : ''}`} data-testid="experiment-failures">
                {c.failures}
              </td>
              <td>
                <div className="run-links">
                  {c.runIds.length === 0 && <span className="muted">not run yet</span>}
                  {c.runIds.map((id) => (
                    <button
                      key={id}
                      type="button"
                      className="link"
                      data-testid="experiment-run-link"
                      data-run-id={id}
                      onClick={() => props.onOpenRun(id)}
                    >
                      #{id}
                    </button>
                  ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
