// One experiment: its spec, progress bar with the current configuration and Cancel while it runs, then
// the results table (speedup vs a chosen baseline), the speedup chart, and export buttons.
import { useEffect, useRef, useState } from 'react';
import type { ApiEvents } from '../../../../main/shared/api-contract.ts';
import { getApi } from '../../api/get-api.ts';
import { errorMessage, useEvent, useRequest } from '../../api/use-request.ts';
import { DetailTitle } from '../../components/detail-title.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { Notice } from '../../components/notice.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { progressFraction } from '../../logic/experiment-results.ts';
import { ceilingGapNote } from '../../../../main/shared/machine-load-note.ts';
import { experimentConclusion, experimentEtaSeconds } from '../../logic/experiment-conclusion.ts';
import { baseName, formatDate, formatSeconds, plural } from '../../logic/format.ts';
import { joinArgs } from '../../logic/split-args.ts';
import { ExperimentResultsTable } from './experiment-results-table.tsx';
import { SpeedupChart } from './speedup-chart.tsx';

type Progress = ApiEvents['experiment:progress'];

// Loads `experiments:get`; progress events update the bar and reload the results after each run.
export function ExperimentDetailView(props: {
  experimentId: number;
  onOpenRun: (runId: number) => void;
  onBack: () => void;
  onCompare: (runIds: number[]) => void;
}) {
  const [baselineKey, setBaselineKey] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [live, setLive] = useState<Progress | null>(null);
  const [cancel, setCancel] = useState<{ kind: 'idle' | 'busy' | 'sent' } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });
  const experiment = useRequest(
    'experiments:get',
    { experimentId: props.experimentId, baselineKey },
    `${props.experimentId}|${baselineKey ?? ''}|${generation}`,
  );
  const e = experiment.data;

  const lastDone = useRef(-1);
  useEvent('experiment:progress', (event) => {
    if (event.experimentId !== props.experimentId) return;
    setLive(event);
    // A run finished: its figures are in the results now.
    if (event.done !== lastDone.current) {
      lastDone.current = event.done;
      setGeneration((g) => g + 1);
    }
  });
  useEvent('experiment:ended', (event) => {
    if (event.experimentId !== props.experimentId) return;
    setLive(null);
    setGeneration((g) => g + 1);
  });
  // The server may have chosen the baseline; show its choice in the select.
  useEffect(() => {
    if (e && baselineKey === null && e.baselineKey !== null) setBaselineKey(e.baselineKey);
  }, [e, baselineKey]);

  const running = e?.status === 'running';
  // Events drive the view; a slow poll covers a dropped connection or a view opened in another window.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setGeneration((g) => g + 1), 5000);
    return () => clearInterval(timer);
  }, [running]);
  const progress =
    live ?? (e ? { experimentId: e.id, done: e.progress.done, total: e.progress.total, current: null } : null);
  const doCancel = async () => {
    setCancel({ kind: 'busy' });
    try {
      const { cancelling } = await getApi().request('experiments:cancel', { experimentId: props.experimentId });
      setCancel(cancelling ? { kind: 'sent' } : { kind: 'error', message: 'The experiment is not running any more.' });
      setGeneration((g) => g + 1);
    } catch (error) {
      setCancel({ kind: 'error', message: errorMessage(error) });
    }
  };
  const conclusion = e && e.status !== 'running' ? experimentConclusion(e) : null;
  const gapNote = e && conclusion ? ceilingGapNote(e) : null;
  const baselineConfig = e?.configs.find((c) => c.key === e.baselineKey);
  const firstRuns = e
    ? e.configs
        .map((c) => c.runIds[0])
        .filter((id): id is number => id !== undefined)
        .slice(0, 4)
    : [];

  return (
    <section
      className="view"
      aria-labelledby="experiment-title"
      data-testid="experiment-detail"
      data-status={e?.status}
    >
      <header className="view-header row spread wrap">
        <div>
          <DetailTitle
            id="experiment-title"
            heading={`Experiment #${props.experimentId}`}
            name={e ? baseName(e.spec.script) : null}
            badge={
              e && (
                <span className={`badge experiment-${e.status}`} data-testid="experiment-status">
                  {e.status}
                </span>
              )
            }
          />
          {e && (
            <p className="muted">
              <span className="mono">{e.spec.script}</span>
              {e.spec.args.length > 0 && <span className="mono"> {joinArgs(e.spec.args)}</span>} ·{' '}
              {e.spec.interpreters.length} interpreter{e.spec.interpreters.length === 1 ? '' : 's'} · GIL{' '}
              {e.spec.gilModes.join('/')} · ×{e.spec.repeat}
              {e.spec.vary &&
                ` · ${e.spec.vary.kind === 'env' ? 'env ' : ''}${e.spec.vary.name} = ${e.spec.vary.values.join(', ')}`}{' '}
              · {formatDate(e.createdAt)}
            </p>
          )}
        </div>
        <div className="row wrap">
          {e && <ExportButtons target={{ kind: 'experiment', experimentId: e.id }} disabled={running} />}
          <button type="button" onClick={props.onBack}>
            All experiments
          </button>
        </div>
      </header>
      <RequestError state={experiment} title="Could not load the experiment:" />
      {experiment.kind === 'ok' && e === null && (
        <EmptyState title="Experiment not found" testId="experiment-missing">
          <p>It may have been deleted.</p>
        </EmptyState>
      )}
      {e?.error && e.status === 'failed' && (
        <Notice tone="error" title="The experiment failed:" testId="experiment-failed">
          {e.error}
        </Notice>
      )}
      {e?.status === 'cancelled' && (
        <Notice tone="info" testId="experiment-cancelled">
          Cancelled after {e.progress.done} of {plural(e.progress.total, 'run')}; the results below cover the runs that
          finished (a run stopped by Cancel counts as a failure).
        </Notice>
      )}
      {running && progress && (
        <div className="panel" data-testid="experiment-progress" data-done={progress.done} data-total={progress.total}>
          <div className="row spread">
            <strong>
              Run {Math.min(progress.done + 1, progress.total)} of {progress.total}
            </strong>
            <button
              type="button"
              className="danger-quiet"
              data-testid="experiment-cancel"
              disabled={cancel.kind === 'busy' || cancel.kind === 'sent'}
              onClick={() => void doCancel()}
            >
              {cancel.kind === 'sent' ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
            aria-label="Experiment progress"
          >
            <span style={{ width: `${progressFraction(progress) * 100}%` }} />
          </div>
          <p className="muted" data-testid="experiment-current">
            {progress.done} done{progress.current ? ` · now: ${progress.current}` : ''}
            {e && <EtaText startedAt={e.createdAt} done={progress.done} total={progress.total} />}
          </p>
          {cancel.kind === 'error' && <p className="field-error">{cancel.message}</p>}
        </div>
      )}
      {e && conclusion && (
        <div
          className="verdict verdict-other"
          data-testid="experiment-conclusion"
          data-ceiling={baselineConfig?.speedupCeiling ?? ''}
          role="status"
        >
          <div className="verdict-text">
            <strong>{conclusion}</strong>
            {gapNote && (
              <p className="muted" data-testid="experiment-ceiling-gap">
                {gapNote}
              </p>
            )}
          </div>
        </div>
      )}
      {e && e.configs.length > 0 && (
        <div className="panel">
          <div className="panel-title row spread">
            <h3>Results</h3>
            <div className="row wrap">
              <label className="row">
                <span className="muted">Speedup vs</span>
                <select
                  data-testid="experiment-baseline"
                  value={baselineKey ?? e.baselineKey ?? ''}
                  onChange={(ev) => setBaselineKey(ev.target.value)}
                >
                  {e.configs.map((c) => (
                    <option key={c.key} value={c.key}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </label>
              {firstRuns.length >= 2 && (
                <button
                  type="button"
                  data-testid="experiment-compare"
                  onClick={() => props.onCompare(firstRuns)}
                  title="Compare the first run of each configuration (up to 4)"
                >
                  Compare runs
                </button>
              )}
            </div>
          </div>
          <ExperimentResultsTable experiment={e} onOpenRun={props.onOpenRun} />
        </div>
      )}
      {e && e.configs.some((c) => c.speedup !== null) && (
        <div className="panel">
          <div className="panel-title">
            <h3>Speedup {e.spec.vary ? `per ${e.spec.vary.name}` : 'per configuration'}</h3>
          </div>
          <SpeedupChart experiment={e} />
        </div>
      )}
    </section>
  );
}

// "· about 1:20 left", from the time per finished run; re-rendered by the view's 5 s refresh and each progress event.
function EtaText(props: { startedAt: string; done: number; total: number }) {
  const seconds = experimentEtaSeconds(Date.parse(props.startedAt), Date.now(), props.done, props.total);
  if (seconds === null) return <span data-testid="experiment-eta"> · estimating time left…</span>;
  return <span data-testid="experiment-eta"> · about {formatSeconds(seconds)} left</span>;
}
