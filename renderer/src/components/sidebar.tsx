// The left navigation: New run, Runs, Compare (while runs are selected or compared), Experiments, the live
// run while one records (or just ended), shortcut hints.
import type { LiveRunStatus } from '../logic/live-run-store.ts';
import { baseName, plural } from '../logic/format.ts';
import type { View } from '../logic/view-route.ts';
import { Kbd } from './kbd.tsx';

// Which screen is showing (defined with its URL form in logic/view-route.ts).
export type { View } from '../logic/view-route.ts';

// The sidebar entry a view belongs to (the experiment screens share one; attaching is a kind of new run).
export function navGroup(view: View): string {
  if (view.kind === 'attach') return 'new';
  return view.kind === 'experiment-new' || view.kind === 'experiment' ? 'experiments' : view.kind;
}

// Navigation buttons; `live` decides whether the live entry shows.
// `selected` = runs ticked in the library; the Compare entry shows while there are some (or a comparison is open).
export function Sidebar(props: {
  view: View;
  live: LiveRunStatus;
  version: string | null;
  selected: number[];
  onNavigate: (view: View) => void;
}) {
  const item = (view: View, label: string, testId: string, extra?: React.ReactNode) => (
    <button
      type="button"
      className={`nav-item${navGroup(props.view) === navGroup(view) ? ' active' : ''}`}
      aria-current={navGroup(props.view) === navGroup(view) ? 'page' : undefined}
      data-testid={testId}
      onClick={() => props.onNavigate(view)}
    >
      {label}
      {extra}
    </button>
  );
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        GIL<span>scope</span>
      </div>
      {item({ kind: 'new' }, 'New run', 'nav-new-run')}
      {item({ kind: 'runs' }, 'Runs', 'nav-runs')}
      {(props.selected.length > 0 || props.view.kind === 'compare') &&
        item(
          {
            kind: 'compare',
            runIds: props.view.kind === 'compare' && props.selected.length === 0 ? props.view.runIds : props.selected,
          },
          'Compare',
          'nav-compare',
          <span className="nav-sub">
            {props.view.kind === 'compare' && props.selected.length === 0
              ? plural(props.view.runIds.length, 'run')
              : `${props.selected.length} selected`}
          </span>,
        )}
      {item({ kind: 'experiments' }, 'Experiments', 'nav-experiments')}
      {props.live.phase !== 'idle' && (
        <>
          <div className="nav-section">Live</div>
          {item(
            { kind: 'live' },
            props.live.phase === 'ended' ? 'Last run' : 'Recording',
            'nav-live',
            <span className="nav-sub">
              {props.live.phase !== 'ended' && <span className="rec-dot" aria-hidden="true" />}
              {baseName(props.live.script)}
            </span>,
          )}
        </>
      )}
      <div className="grow" />
      <div className="shortcuts" aria-label="Keyboard shortcuts">
        <div>
          <Kbd keys="Ctrl+O" /> Open script
        </div>
        <div>
          <Kbd keys="Ctrl+Enter" /> Profile
        </div>
        <div>
          <Kbd keys="Ctrl+." /> Stop
        </div>
      </div>
      {props.version && (
        <div className="version" data-testid="app-version">
          v{props.version}
        </div>
      )}
    </nav>
  );
}
