// The Compare view: 2–4 runs side by side (A is the baseline): who they are, export, lanes on a shared or
// normalized time axis, metrics with deltas and ratios, matched threads, the per-function diff and the
// differential flame graph.
import { useRequest } from '../../api/use-request.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { Notice } from '../../components/notice.tsx';
import { compareReadiness } from '../../logic/compare-selection.ts';
import { formatSeconds } from '../../logic/format.ts';
import { CompareLanes } from './compare-lanes.tsx';
import { CompareMetrics } from './compare-metrics.tsx';
import { CompareThreads } from './compare-threads.tsx';
import { DiffFlameGraphPanel } from './diff-flame-graph.tsx';
import { FunctionDiff } from './function-diff.tsx';
import { RunHeading } from './run-heading.tsx';

// Loads `compare:runs` for `runIds`; `onPickRuns` goes back to the library to choose others.
export function CompareView(props: {
  runIds: number[];
  onOpenRun: (runId: number) => void;
  onPickRuns: () => void;
  onClear: () => void;
}) {
  const ready = compareReadiness(props.runIds);
  const key = ready.ok ? props.runIds.join(',') : null;
  const comparison = useRequest('compare:runs', { runIds: props.runIds }, key);
  const c = comparison.data;
  const target = { kind: 'compare', runIds: props.runIds } as const;

  return (
    <section className="view compare" aria-labelledby="compare-title" data-testid="compare-view">
      <header className="view-header row spread wrap">
        <div>
          <h2 id="compare-title">
            Compare {props.runIds.length > 0 ? props.runIds.map((id) => `#${id}`).join(' · ') : 'runs'}
          </h2>
          <p className="muted">A is the baseline: deltas and ratios are against it.</p>
        </div>
        <div className="row wrap">
          {ready.ok && <ExportButtons target={target} disabled={!c} />}
          <button type="button" onClick={props.onPickRuns} data-testid="compare-pick-runs">
            Change runs
          </button>
          {props.runIds.length > 0 && (
            <button type="button" className="danger-quiet" onClick={props.onClear} data-testid="compare-clear">
              Clear
            </button>
          )}
        </div>
      </header>
      {!ready.ok && (
        <EmptyState title="Nothing to compare yet" testId="compare-empty">
          <p>{ready.reason} Tick runs in the Runs library, or open a finished run and choose “Compare with…”.</p>
          <button type="button" className="primary" onClick={props.onPickRuns}>
            Choose runs
          </button>
        </EmptyState>
      )}
      {comparison.kind === 'error' && (
        <Notice tone="error" title="Could not compare these runs:" testId="compare-error">
          {comparison.message}{' '}
          <button type="button" className="link" onClick={comparison.reload}>
            Retry
          </button>
        </Notice>
      )}
      {ready.ok && comparison.kind === 'loading' && !c && <div className="panel muted">Comparing…</div>}
      {comparison.kind === 'ok' && c === null && (
        <EmptyState title="A run is missing" testId="compare-missing">
          <p>One of these runs no longer exists (it may have been deleted).</p>
          <button type="button" onClick={props.onPickRuns}>
            Choose runs
          </button>
        </EmptyState>
      )}
      {c && (
        <>
          <div className="panel compare-runs" data-testid="compare-runs">
            {c.runs.map((run, i) => (
              <div key={run.runId} className="row spread">
                <RunHeading run={run} index={i} onOpen={props.onOpenRun} />
                <span className="muted">
                  {formatSeconds(run.wallSeconds)} wall · {run.status}
                  {run.error ? ` · ${run.error}` : ''}
                </span>
              </div>
            ))}
          </div>
          {c.verdict.some((entry) => entry.lines.length > 0) && (
            <div className="verdict verdict-other" data-testid="compare-verdict" role="status">
              <div className="verdict-text">
                {c.verdict.map((entry) => (
                  <p key={entry.runId}>{entry.lines.join(' ')}</p>
                ))}
              </div>
            </div>
          )}
          <CompareMetrics comparison={c} />
          <CompareLanes comparison={c} onOpenRun={props.onOpenRun} />
          <CompareThreads comparison={c} />
          <FunctionDiff comparison={c} />
          <DiffFlameGraphPanel runs={c.runs} />
        </>
      )}
    </section>
  );
}
