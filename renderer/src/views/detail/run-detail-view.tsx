// The run detail: summary cards, the GIL verdict, warnings, timeline, per-thread table, stacks, GIL waits, output.
import { useEffect, useRef, useState } from 'react';
import type { RunSummary } from '../../../../main/shared/run-summary-types.ts';
import { useRequest } from '../../api/use-request.ts';
import { InterpreterLabel, StatusBadge } from '../../components/badges.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { Notice } from '../../components/notice.tsx';
import { baseName, formatDate } from '../../logic/format.ts';
import { ComparePicker } from '../compare/compare-picker.tsx';
import { joinArgs } from '../../logic/split-args.ts';
import { FailurePanel } from './failure-panel.tsx';
import { GilWaitPanel } from './gil-wait-panel.tsx';
import { RunOutputPanel } from './run-output-panel.tsx';
import { StacksPanel } from './stacks-panel.tsx';
import { SummaryCards } from './summary-cards.tsx';
import { ThreadTable } from './thread-table.tsx';
import { TimelinePanel } from './timeline-panel.tsx';
import { VerdictPanel } from './verdict-panel.tsx';

// Opens run `runId`; the timeline starts loading at once, in parallel with the summary.
// `onCompare` opens a comparison with this run first (the baseline); `onMeasure` an experiment form for its script.
export function RunDetailView(props: {
  runId: number;
  onBack: () => void;
  onCompare: (runIds: number[]) => void;
  onMeasure?: (summary: RunSummary) => void;
}) {
  const [picking, setPicking] = useState(false);
  const summary = useRequest('runs:summary', { runId: props.runId }, String(props.runId));
  const openedAt = useRef(performance.now());
  const s = summary.data;
  const failed = s?.status === 'failed';
  // Stacks and output queries wait for the timeline's first draw (or 2 s), so they do not compete with it.
  const [secondary, setSecondary] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSecondary(true), 2000);
    return () => clearTimeout(timer);
  }, []);

  const onFirstDraw = () => {
    const ms = performance.now() - openedAt.current;
    performance.mark('gilscope:timeline-drawn', { detail: { runId: props.runId, ms } });
    document.documentElement.dataset.timelineDrawnMs = ms.toFixed(0);
    setSecondary(true);
  };

  return (
    <section className="view run-detail" aria-labelledby="detail-title" data-testid="run-detail">
      <header className="view-header row spread">
        <div>
          <h2 id="detail-title">
            Run #{props.runId}
            {s && (
              <>
                {' '}
                · <span className="mono">{s.label ?? baseName(s.script)}</span> <StatusBadge status={s.status} />
              </>
            )}
          </h2>
          {s && (
            <p className="muted">
              <span className="mono" title={s.script}>
                {s.script}
              </span>
              {s.args.length > 0 && <span className="mono"> {joinArgs(s.args)}</span>} ·{' '}
              <InterpreterLabel interpreter={s.interpreter} /> · GIL mode {s.gilMode} · {formatDate(s.createdAt)}
            </p>
          )}
        </div>
        <div className="row wrap end">
          <button
            type="button"
            data-testid="compare-with"
            disabled={!s || s.status === 'running'}
            onClick={() => setPicking(true)}
          >
            Compare with…
          </button>
          <button type="button" onClick={props.onBack}>
            All runs
          </button>
        </div>
      </header>
      {s && s.status !== 'running' && (
        <ExportButtons
          target={{ kind: 'run', runId: props.runId }}
          formats={['html', 'pdf', 'json', 'csv', 'speedscope', 'collapsed', 'trace']}
        />
      )}
      {s && picking && (
        <ComparePicker
          open={picking}
          runId={props.runId}
          script={s.script}
          onClose={() => setPicking(false)}
          onCompare={props.onCompare}
        />
      )}
      {summary.kind === 'error' && (
        <Notice tone="error" title="Could not load this run:">
          {summary.message}
        </Notice>
      )}
      {summary.kind === 'ok' && summary.data === null && (
        <EmptyState title="Run not found" testId="run-missing">
          <p>It may have been deleted.</p>
        </EmptyState>
      )}
      {s && failed && <FailurePanel summary={s} />}
      {s && failed && <h3 className="sampled-heading">What was sampled before it failed</h3>}
      {s && <SummaryCards summary={s} />}
      {/* A verdict that cannot judge (the script died before anything ran) only distracts from the failure. */}
      {s && s.status !== 'running' && !(failed && s.verdict.kind === 'unknown') && (
        <VerdictPanel summary={s} onMeasure={props.onMeasure && (() => props.onMeasure?.(s))} />
      )}
      {s?.error && !failed && (
        <Notice tone="error" title="The run failed:" testId="run-error">
          {s.error}
        </Notice>
      )}
      {s && s.warnings.length > 0 && (
        <Notice tone="warning" title="Warnings:" testId="run-warnings">
          <ul>
            {s.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </Notice>
      )}
      {summary.kind !== 'error' && !(summary.kind === 'ok' && summary.data === null) && (
        <TimelinePanel runId={props.runId} rateHz={s?.rateHz ?? null} onFirstDraw={onFirstDraw} />
      )}
      {s && (
        <>
          <div className="panel">
            <div className="panel-title">
              <h3>Threads</h3>
            </div>
            {s.threads.length === 0 ? <EmptyState title="No thread was sampled" /> : <ThreadTable summary={s} />}
          </div>
          {secondary ? <StacksPanel summary={s} /> : <div className="panel muted">Loading stacks…</div>}
          <GilWaitPanel summary={s} />
          {secondary && <RunOutputPanel runId={props.runId} />}
        </>
      )}
    </section>
  );
}
