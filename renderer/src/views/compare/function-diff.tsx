// Per-function diff over all N runs: each function's self share of on-CPU samples per run with its change
// against the baseline A (one column per run), then the total shares; sorted by the largest change of any
// run (or the baseline's share).
import { useMemo, useState } from 'react';
import type { ComparisonView } from '../../../../main/shared/compare-types.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import {
  changesAgainstBaseline,
  maxShare,
  sortFunctionDiff,
  type FunctionDiffSort,
} from '../../logic/compare-format.ts';
import { baseName, formatPercent } from '../../logic/format.ts';
import { runLetter } from './run-heading.tsx';

const shown = 60;

// A share with a proportional bar behind it.
function ShareCell(props: { value: number | undefined; max: number }) {
  const v = props.value ?? 0;
  return (
    <td className="num share">
      <span className="share-bar" style={{ width: `${Math.min(100, (v / props.max) * 100)}%` }} />
      {formatPercent(v)}
    </td>
  );
}

// A signed change in percentage points with a bar growing left (less) or right (more).
function ChangeCell(props: { value: number; max: number }) {
  const width = Math.min(50, (Math.abs(props.value) / props.max) * 50);
  const sign = props.value > 0 ? '+' : props.value < 0 ? '−' : '±';
  return (
    <td className="num change-cell">
      <span className={`change-bar ${props.value >= 0 ? 'up' : 'down'}`} style={{ width: `${width}%` }} />
      {`${sign}${(Math.abs(props.value) * 100).toFixed(1)} pp`}
    </td>
  );
}

// A run's self share, then (after the baseline) its change against A.
function SelfCells(props: { value: number | undefined; change: number | null; max: number }) {
  return (
    <>
      <ShareCell value={props.value} max={props.max} />
      {props.change !== null && <ChangeCell value={props.change} max={props.max} />}
    </>
  );
}

// The table; the first 60 rows of the chosen order.
export function FunctionDiff(props: { comparison: ComparisonView }) {
  const { runs, functions } = props.comparison;
  const [sort, setSort] = useState<FunctionDiffSort>('self-change');
  const rows = useMemo(() => sortFunctionDiff(functions, sort).slice(0, shown), [functions, sort]);
  const max = useMemo(() => maxShare(rows), [rows]);
  return (
    <div className="panel" data-testid="function-diff">
      <div className="panel-title row spread">
        <h3>Functions: {runs.map((_, i) => runLetter(i)).join(', ')} (changes against A)</h3>
        <label className="row">
          <span className="muted">Sort by</span>
          <select
            value={sort}
            data-testid="function-diff-sort"
            onChange={(e) => setSort(e.target.value as FunctionDiffSort)}
          >
            <option value="self-change">Largest change of self share</option>
            <option value="total-change">Largest change of total share</option>
            <option value="self-baseline">Self share in A</option>
          </select>
        </label>
      </div>
      {functions.length === 0 ? (
        <EmptyState title="No stacks to compare">
          <p>Function shares need stacks in every run (runs recorded with --no-stacks have none).</p>
        </EmptyState>
      ) : (
        <div className="table-scroll tall">
          <table className="data-table compare-table">
            <thead>
              <tr>
                <th>Function</th>
                {runs.map((r, i) => (
                  <th key={`s${r.runId}`} className="num" colSpan={i === 0 ? 1 : 2}>
                    Self {runLetter(i)}
                    {i > 0 ? ' · Δ vs A' : ''}
                  </th>
                ))}
                {runs.map((r, i) => (
                  <th key={`t${r.runId}`} className="num">
                    Total {runLetter(i)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.function}|${row.file}`} data-testid="function-diff-row">
                  <td className="fn-cell" title={`${row.function} — ${row.file}`}>
                    <span className="mono">{row.function}</span> <span className="muted">{baseName(row.file)}</span>
                  </td>
                  {runs.map((r, i) => (
                    <SelfCells
                      key={`s${r.runId}`}
                      value={row.self[i]}
                      change={i === 0 ? null : (changesAgainstBaseline(row.self)[i] ?? 0)}
                      max={max}
                    />
                  ))}
                  {runs.map((r, i) => (
                    <ShareCell key={`t${r.runId}`} value={row.total[i]} max={max} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {functions.length > shown && (
            <p className="muted">{functions.length - shown} more functions with smaller changes are not shown.</p>
          )}
        </div>
      )}
    </div>
  );
}
