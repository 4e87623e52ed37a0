// The run detail: summary cards, the GIL verdict, warnings, timeline, per-thread table, stacks, GIL waits, output.
import { useEffect, useRef, useState } from 'react';
import type { ApiEvents } from '../../../../main/shared/api-contract.ts';
import type { RunSummary } from '../../../../main/shared/run-summary-types.ts';
import { useRequest } from '../../api/use-request.ts';
import { DetailTitle } from '../../components/detail-title.tsx';
import { InterpreterLabel, StatusBadge } from '../../components/badges.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { Notice } from '../../components/notice.tsx';
import { baseName, formatDate, formatSeconds, plural } from '../../logic/format.ts';
import { ComparePicker } from '../compare/compare-picker.tsx';
import { joinArgs } from '../../logic/split-args.ts';
import type { RunPlace } from '../../logic/view-route.ts';
import { FailurePanel } from './failure-panel.tsx';
import { GilWaitPanel } from './gil-wait-panel.tsx';
import { RunOutputPanel } from './run-output-panel.tsx';
import { SourcePanel } from './source-panel.tsx';
import { StacksPanel } from './stacks-panel.tsx';
import { SummaryCards } from './summary-cards.tsx';
import { ThreadTable } from './thread-table.tsx';
import { TimelinePanel } from './timeline-panel.tsx';
import { VerdictPanel } from './verdict-panel.tsx';

// Opens run `runId`; the timeline starts loading at once, in parallel with the summary.
// `place` (range, thread, tab, open source) comes from the URL; every change goes back through `onPlace`.
// `onCompare` opens a comparison with this run first (the baseline); `onMeasure` an experiment form for its script.
export function RunDetailView(props: {
  runId: number;
  place: RunPlace;
  onPlace: (place: RunPlace) => void;
  onBack: () => void;
  onCompare: (runIds: number[]) => void;
  onMeasure?: (summary: RunSummary) => void;
  /** Set when this run just ended while watched live (its detail opened by itself). */
  justEnded?: ApiEvents['profile:ended'] | null;
  onShowLive?: () => void;
}) {
  const [picking, setPicking] = useState(false);
  const summary = useRequest('runs:summary', { runId: props.runId }, String(props.runId));
  const { place, onPlace } = props;
  const range = place.range ?? null;
  const selection = range && { from: range.fromNs, to: range.toNs };
  const openSource = (file: string, line: number) => onPlace({ ...place, source: { file, line } });
  const rangeSummary = useRequest(
    'runs:range-summary',
    { runId: props.runId, range: range ?? { fromNs: 0, toNs: 1 } },
    range ? `${props.runId}:${range.fromNs}-${range.toNs}` : null,
  );
  // The panels below the timeline follow the selected range; the cards and the verdict stay the whole run's.
  // While a range loads, the panels keep what they show (and their own controls' state).
  const panelSummary = (range ? rangeSummary.data : null) ?? summary.data;
  const rangeState = !range ? 'whole' : rangeSummary.kind === 'ok' ? 'selected' : rangeSummary.kind;
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
          <DetailTitle
            id="detail-title"
            heading={`Run #${props.runId}`}
            name={s ? (s.label ?? baseName(s.script)) : null}
            badge={s && <StatusBadge status={s.status} />}
          />
          {s && (
            <p className="muted">
              <span className="mono" title={s.script}>
                {s.script}
              </span>
              {s.args.length > 0 && <span className="mono"> {joinArgs(s.args)}</span>} ·{' '}
              {s.attachedPid !== undefined && (
                <span className="badge" data-testid="run-attached" title="GILscope attached to this running process">
                  attached to pid {s.attachedPid}
                </span>
              )}{' '}
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
      {props.justEnded && (
        <Notice tone="info" testId="run-ended">
          <StatusBadge status={props.justEnded.status} /> The run ended
          {props.justEnded.message ? `: ${props.justEnded.message}` : '.'}{' '}
          {props.onShowLive && (
            <button type="button" className="link" data-testid="show-live" onClick={props.onShowLive}>
              Back to the live view
            </button>
          )}
        </Notice>
      )}
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
      {s && failed && <FailurePanel summary={s} onOpenSource={openSource} />}
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
        <TimelinePanel
          runId={props.runId}
          rateHz={s?.rateHz ?? null}
          onFirstDraw={onFirstDraw}
          selection={selection}
          onSelect={(next) => onPlace({ ...place, range: next ? { fromNs: next.from, toNs: next.to } : undefined })}
        />
      )}
      {range && rangeSummary.kind === 'error' && (
        <Notice tone="error" title="Could not load the selected range:">
          {rangeSummary.message}
        </Notice>
      )}
      {s && panelSummary && (
        <>
          <div
            className="panel"
            data-testid="threads-panel"
            data-range={rangeState}
            aria-busy={rangeState === 'loading'}
          >
            <div className="panel-title row spread">
              <h3>Threads</h3>
              <RangeNote summary={panelSummary} state={rangeState} />
            </div>
            {panelSummary.threads.length === 0 ? (
              <EmptyState title={range ? 'No thread was sampled in this range' : 'No thread was sampled'} />
            ) : (
              <ThreadTable summary={panelSummary} />
            )}
          </div>
          {secondary ? (
            <StacksPanel
              summary={panelSummary}
              range={range}
              tid={place.tid ?? null}
              onTid={(tid) => onPlace({ ...place, tid: tid ?? undefined })}
              tab={place.tab ?? 'functions'}
              onTab={(tab) => onPlace({ ...place, tab: tab === 'flame' ? 'flame' : undefined })}
              onOpenSource={openSource}
            />
          ) : (
            <div className="panel muted">Loading stacks…</div>
          )}
          {place.source && (
            <SourcePanel
              runId={props.runId}
              file={place.source.file}
              line={place.source.line}
              tid={place.tid ?? null}
              threadName={s.threads.find((t) => t.tid === place.tid)?.name ?? null}
              range={range}
              onClose={() => onPlace({ ...place, source: undefined })}
            />
          )}
          <GilWaitPanel summary={panelSummary} ranged={rangeState === 'selected'} onOpenSource={openSource} />
          {secondary && <RunOutputPanel runId={props.runId} />}
        </>
      )}
    </section>
  );
}

// Says which samples the panels below the timeline count.
function RangeNote(props: { summary: RunSummary; state: string }) {
  if (props.state === 'whole') return <span className="muted hint-right">Whole run</span>;
  if (props.state !== 'selected') return <span className="muted hint-right">Loading the selected range…</span>;
  return (
    <span className="muted hint-right" data-testid="range-note">
      Selected range only: {formatSeconds(props.summary.wallSeconds ?? 0)}, {plural(props.summary.samples, 'tick')}
    </span>
  );
}
