// The Live run screen: elapsed time, Stop (Ctrl+.), live per-thread lanes, the GIL chart and the
// script's output. Re-renders only when the run's status changes; figures redraw on frames.
import { useRef, useSyncExternalStore } from 'react';
import { useFrameLoop } from '../../canvas/use-frame-loop.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { Kbd } from '../../components/kbd.tsx';
import { Notice } from '../../components/notice.tsx';
import { StateLegend } from '../../components/state-legend.tsx';
import { baseName, formatClock, formatPercent, formatSeconds, plural } from '../../logic/format.ts';
import type { LiveRunStore } from '../../logic/live-run-store.ts';
import { SERIES_COLORS } from '../../../../main/shared/thread-state-style.ts';
import { LiveGilChart } from './live-gil-chart.tsx';
import { LiveLanes } from './live-lanes.tsx';
import { LiveOutputPane } from './output-pane.tsx';

// The live views show at most the last minute (the ring buffer holds 600 events ≈ 60 s).
const windowSeconds = 60;

// The live view of the store's run; `onOpenRun` leads to the run detail once it ended.
export function LiveRunView(props: {
  store: LiveRunStore;
  stopping: boolean;
  onStop: () => void;
  onOpenRun: (runId: number) => void;
  onNewRun: () => void;
}) {
  const { store } = props;
  const status = useSyncExternalStore(store.subscribe, store.status);
  const elapsedRef = useRef<HTMLSpanElement>(null);
  const gilRef = useRef<HTMLSpanElement>(null);
  const version = useRef(-1);

  useFrameLoop(() => {
    if (version.current === store.version()) return;
    version.current = store.version();
    const last = store.progress.last();
    if (elapsedRef.current) elapsedRef.current.textContent = formatClock(last?.elapsedNs ?? 0);
    // Whole-run figures (the last batch alone may be a quiet moment, or interpreter shutdown with no GIL to read).
    const totals = store.totals();
    if (gilRef.current)
      gilRef.current.textContent =
        totals.gilHeld !== null && totals.contention !== null
          ? `whole run: GIL held ${formatPercent(totals.gilHeld, 0)} · contention ${formatPercent(totals.contention, 0)} · CPU ${formatSeconds(totals.cpuSeconds)} · ${plural(totals.ticks, 'tick')}${totals.gilEnabled === false ? ' · GIL disabled' : ''}`
          : last
            ? `GIL state not readable · CPU ${formatSeconds(totals.cpuSeconds)} · ${plural(totals.ticks, 'tick')}`
            : '';
  });

  if (status.phase === 'idle')
    return (
      <section className="view">
        <EmptyState title="Nothing is recording" testId="live-empty">
          <p>Start a run from New run; its threads appear here live.</p>
          <button type="button" onClick={props.onNewRun}>
            New run
          </button>
        </EmptyState>
      </section>
    );

  const ended = status.phase === 'ended';
  return (
    <section className="view live-run" aria-labelledby="live-title">
      <header className="view-header row spread">
        <div>
          <h2 id="live-title">
            {ended ? 'Run ended' : status.phase === 'starting' ? 'Starting…' : 'Recording'} ·{' '}
            <span className="mono">{baseName(status.script)}</span>
          </h2>
          <p className="muted">
            Run {status.runId !== null ? `#${status.runId}` : '…'} ·{' '}
            {status.attachedPid !== null && (
              <span data-testid="live-attached">attached to pid {status.attachedPid} · </span>
            )}
            elapsed{' '}
            <span ref={elapsedRef} className="mono" data-testid="live-elapsed">
              0:00.0
            </span>{' '}
            · <span ref={gilRef} data-testid="live-gil-text" />
          </p>
        </div>
        {!ended && (
          <button
            type="button"
            className="danger"
            data-testid="stop-button"
            onClick={props.onStop}
            disabled={props.stopping || status.runId === null}
          >
            {stopLabel(props.stopping, status.attachedPid !== null)} <Kbd keys="Ctrl+." />
          </button>
        )}
      </header>
      {ended && (
        <Notice tone={status.endStatus === 'failed' ? 'error' : 'info'} testId="live-ended">
          <StatusBadge status={status.endStatus ?? 'stopped'} />{' '}
          {status.endMessage ?? endText(status.endStatus, status.attachedPid)}{' '}
          {status.runId !== null && (
            <button
              type="button"
              className="primary"
              data-testid="open-run-detail"
              onClick={() => props.onOpenRun(status.runId!)}
            >
              Open run detail
            </button>
          )}
        </Notice>
      )}
      <div className="panel">
        <div className="panel-title row spread">
          <h3>Threads</h3>
          <StateLegend extra={[{ label: 'CPU %', color: SERIES_COLORS.cpu }]} />
        </div>
        <LiveLanes store={store} windowSeconds={windowSeconds} />
      </div>
      <div className="split">
        <div className="panel">
          <div className="panel-title row spread">
            <h3>GIL</h3>
            <StateLegendGil />
          </div>
          <LiveGilChart store={store} windowSeconds={windowSeconds} />
        </div>
        <div className="panel">
          <div className="panel-title">
            <h3>Output</h3>
          </div>
          <LiveOutputPane store={store} />
        </div>
      </div>
    </section>
  );
}

function StateLegendGil() {
  return (
    <ul className="legend">
      <li>
        <span className="swatch swatch-line" style={{ background: SERIES_COLORS.gilHeld }} />
        GIL held
      </li>
      <li>
        <span className="swatch swatch-line" style={{ background: SERIES_COLORS.contention }} />
        Contention (someone waits)
      </li>
    </ul>
  );
}

// An attached process is never stopped, only left: the button says so.
function stopLabel(stopping: boolean, attached: boolean): string {
  if (attached) return stopping ? 'Detaching…' : 'Detach';
  return stopping ? 'Stopping…' : 'Stop';
}

function endText(status: string | null, attachedPid: number | null): string {
  if (attachedPid !== null && status === 'stopped') return `Detached; process ${attachedPid} keeps running.`;
  if (status === 'completed') return 'The script finished.';
  if (status === 'stopped') return 'Stopped.';
  if (status === 'killed') return 'The script was killed.';
  if (status === 'failed') return 'The script failed.';
  return '';
}
