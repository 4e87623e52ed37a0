// The app shell: sidebar navigation, the live run store fed by API events, global shortcuts and
// the native menu's commands. Views own their data; the shell owns only what outlives a view.
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type {
  ApiEvents,
  AttachStartRequest,
  InterpreterView,
  ProfileStartRequest,
  ProfileStartResponse,
} from '../../main/shared/api-contract.ts';
import type { RunSummary } from '../../main/shared/run-summary-types.ts';
import { getApi } from './api/get-api.ts';
import { errorMessage, useEvent, useRequest } from './api/use-request.ts';
import { CommandsContext, commandForKey, type CommandName, type CommandRegistry } from './commands.ts';
import { Notice } from './components/notice.tsx';
import { RequestError } from './components/request-error.tsx';
import { Sidebar, type View } from './components/sidebar.tsx';
import { createLiveRunStore } from './logic/live-run-store.ts';
import { pruneSelection, toggleSelection } from './logic/compare-selection.ts';
import { emptyExperimentForm, measureProposal, type ExperimentForm } from './logic/experiment-form.ts';
import { emptyNewRunForm, type NewRunForm } from './logic/new-run-form.ts';
import { hashToView, viewToHash } from './logic/view-route.ts';
import { CompareView } from './views/compare/compare-view.tsx';
import { ExperimentDetailView } from './views/experiments/experiment-detail-view.tsx';
import { ExperimentFormView } from './views/experiments/experiment-form-view.tsx';
import { ExperimentsListView } from './views/experiments/experiments-list-view.tsx';
import { LiveRunView } from './views/live/live-run-view.tsx';
import { NewRunView } from './views/new-run/new-run-view.tsx';
import { AttachView } from './views/attach/attach-view.tsx';
import { RunDetailView } from './views/detail/run-detail-view.tsx';
import { RunsLibraryView } from './views/library/runs-library-view.tsx';

// The root component.
export function App() {
  const store = useMemo(() => createLiveRunStore(), []);
  const live = useSyncExternalStore(store.subscribe, store.status);
  const commands = useMemo<CommandRegistry>(() => new Map(), []);
  // The view lives in the URL's hash too (logic/view-route.ts): reload and Back/Forward keep the place.
  const [view, setView] = useState<View>(() => hashToView(window.location.hash) ?? { kind: 'new' });
  useEffect(() => {
    const hash = viewToHash(view);
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
  }, [view]);
  useEffect(() => {
    const follow = () => {
      const next = hashToView(window.location.hash);
      if (next) setView(next);
    };
    window.addEventListener('popstate', follow);
    window.addEventListener('hashchange', follow);
    return () => {
      window.removeEventListener('popstate', follow);
      window.removeEventListener('hashchange', follow);
    };
  }, []);
  const [form, setForm] = useState<NewRunForm>(emptyNewRunForm);
  const [experimentForm, setExperimentForm] = useState<ExperimentForm>(emptyExperimentForm);
  const [selected, setSelected] = useState<number[]>([]);
  const [runsRefresh, setRunsRefresh] = useState(0);
  const [experimentsRefresh, setExperimentsRefresh] = useState(0);
  const [stopping, setStopping] = useState(false);
  const [pendingOpen, setPendingOpen] = useState(false);
  const [shellError, setShellError] = useState<string | null>(null);
  // The run that just ended while its Live view was open: its detail opened by itself and says so.
  const [justEnded, setJustEnded] = useState<ApiEvents['profile:ended'] | null>(null);
  const host = useRequest('app:version', undefined, 'host');

  useEvent('profile:progress', store.onProgress);
  useEvent('profile:output', store.onOutput);
  useEvent('profile:ended', (event) => {
    const watching = store.status().runId === event.runId;
    store.onEnded(event);
    setStopping(false);
    setRunsRefresh((n) => n + 1);
    // Watching it live: the answer is in the detail, so it opens (the Live entry keeps the last minute).
    if (!watching) return;
    setJustEnded(event);
    setView((current) => (current.kind === 'live' ? { kind: 'run', runId: event.runId } : current));
  });

  useEvent('experiment:ended', () => {
    setExperimentsRefresh((n) => n + 1);
    setRunsRefresh((n) => n + 1);
  });

  // Opening the experiment form for the first time starts from the New run form's script.
  const newExperiment = useCallback(() => {
    setExperimentForm((f) =>
      f.script !== '' ? f : { ...f, script: form.script, argsText: form.argsText, cwd: form.cwd },
    );
    setView({ kind: 'experiment-new' });
  }, [form]);
  const navigate = useCallback(
    (next: View) => (next.kind === 'experiment-new' ? newExperiment() : setView(next)),
    [newExperiment],
  );
  const openRun = useCallback((runId: number) => setView({ kind: 'run', runId }), []);
  const compare = useCallback((runIds: number[]) => setView({ kind: 'compare', runIds }), []);
  // "Measure GIL on vs off" from a run's verdict: the experiment form proposed for that run.
  const measure = useCallback((summary: RunSummary) => {
    const open = (interpreters: InterpreterView[]) => {
      setExperimentForm(measureProposal(summary, interpreters));
      setView({ kind: 'experiment-new' });
    };
    getApi()
      .request('interpreters:list', { refresh: false })
      .then(
        (list) => open(list.interpreters),
        () => open([]),
      );
  }, []);

  // Launching a script and attaching to a process both open the Live view once sampling began.
  const startLive = useCallback(
    async (
      label: string,
      attachedPid: number | null,
      request: () => Promise<ProfileStartResponse>,
    ): Promise<ProfileStartResponse> => {
      store.beginStarting(label, Date.now(), attachedPid);
      let response: ProfileStartResponse;
      try {
        response = await request();
      } catch (error) {
        store.failedToStart();
        throw error;
      }
      if (response.kind === 'refused') {
        store.failedToStart();
        return response;
      }
      store.started(response.runId);
      setStopping(false);
      setView({ kind: 'live' });
      setRunsRefresh((n) => n + 1);
      return response;
    },
    [store],
  );
  const startProfile = useCallback(
    (request: ProfileStartRequest) => startLive(request.script, null, () => getApi().request('profile:start', request)),
    [startLive],
  );
  const attachProcess = useCallback(
    (request: AttachStartRequest, commandLine: string[]) =>
      startLive(commandLine[1] ?? commandLine[0] ?? `pid ${request.pid}`, request.pid, () =>
        getApi().request('profile:attach', request),
      ),
    [startLive],
  );

  const stop = useCallback(async () => {
    const { runId, phase } = store.status();
    if (runId === null || phase !== 'recording') return;
    setStopping(true);
    try {
      await getApi().request('profile:stop', { runId });
    } catch (error) {
      setStopping(false);
      setShellError(`Could not stop run #${runId}: ${errorMessage(error)}`);
    }
  }, [store]);

  // Shell defaults; views replace open-script/profile with their own while mounted.
  const dispatch = useCallback(
    (name: CommandName) => {
      const handler = commands.get(name);
      if (handler) return handler();
      if (name === 'stop') return void stop();
      if (name === 'open-script' || name === 'profile') {
        setView({ kind: 'new' });
        if (name === 'open-script') setPendingOpen(true);
      }
    },
    [commands, stop],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const name = commandForKey(event);
      if (!name) return;
      event.preventDefault();
      dispatch(name);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);
  useEvent('menu:command', ({ command }) => dispatch(command));

  const clearPendingOpen = useCallback(() => setPendingOpen(false), []);
  const recording = live.phase === 'starting' || live.phase === 'recording';
  return (
    <CommandsContext.Provider value={commands}>
      <div className="shell">
        <Sidebar
          view={view}
          live={live}
          version={host.data?.version ?? null}
          selected={selected}
          onNavigate={navigate}
        />
        <main className="content">
          <RequestError state={host} title="Not connected to GILscope:" testId="connection-error" />
          {shellError && (
            <Notice tone="error">
              {shellError}{' '}
              <button type="button" className="link" onClick={() => setShellError(null)}>
                Dismiss
              </button>
            </Notice>
          )}
          {view.kind === 'new' && (
            <NewRunView
              form={form}
              setForm={setForm}
              host={host.data}
              recording={recording}
              startProfile={startProfile}
              pendingOpen={pendingOpen}
              clearPendingOpen={clearPendingOpen}
              onAttach={() => setView({ kind: 'attach' })}
            />
          )}
          {view.kind === 'attach' && (
            <AttachView recording={recording} attach={attachProcess} onNewRun={() => setView({ kind: 'new' })} />
          )}
          {view.kind === 'live' && (
            <LiveRunView
              store={store}
              stopping={stopping}
              onStop={() => void stop()}
              onOpenRun={(runId) => setView({ kind: 'run', runId })}
              onNewRun={() => setView({ kind: 'new' })}
            />
          )}
          {view.kind === 'runs' && (
            <RunsLibraryView
              refreshKey={runsRefresh}
              onOpen={openRun}
              onNewRun={() => setView({ kind: 'new' })}
              selected={selected}
              onToggle={(runId) => setSelected((s) => toggleSelection(s, runId))}
              onClearSelection={() => setSelected([])}
              onListed={(ids) => setSelected((s) => (s.every((id) => ids.includes(id)) ? s : pruneSelection(s, ids)))}
              onCompare={() => compare(selected)}
            />
          )}
          {view.kind === 'run' && (
            <RunDetailView
              key={view.runId}
              runId={view.runId}
              place={view}
              onPlace={(place) => setView({ kind: 'run', runId: view.runId, ...place })}
              onBack={() => setView({ kind: 'runs' })}
              onCompare={compare}
              onMeasure={measure}
              justEnded={justEnded?.runId === view.runId ? justEnded : null}
              onShowLive={() => setView({ kind: 'live' })}
            />
          )}
          {view.kind === 'compare' && (
            <CompareView
              key={view.runIds.join(',')}
              runIds={view.runIds}
              onOpenRun={openRun}
              onPickRuns={() => {
                setSelected(view.runIds);
                setView({ kind: 'runs' });
              }}
              onClear={() => {
                setSelected([]);
                setView({ kind: 'runs' });
              }}
            />
          )}
          {view.kind === 'experiments' && (
            <ExperimentsListView
              refreshKey={experimentsRefresh}
              onOpen={(experimentId) => setView({ kind: 'experiment', experimentId })}
              onNew={newExperiment}
            />
          )}
          {view.kind === 'experiment-new' && (
            <ExperimentFormView
              form={experimentForm}
              setForm={setExperimentForm}
              host={host.data}
              onStarted={(experimentId) => {
                setExperimentsRefresh((n) => n + 1);
                setView({ kind: 'experiment', experimentId });
              }}
              onCancel={() => setView({ kind: 'experiments' })}
            />
          )}
          {view.kind === 'experiment' && (
            <ExperimentDetailView
              key={view.experimentId}
              experimentId={view.experimentId}
              onOpenRun={openRun}
              onBack={() => setView({ kind: 'experiments' })}
              onCompare={compare}
            />
          )}
        </main>
      </div>
    </CommandsContext.Provider>
  );
}
