// The one contract between the UI and the backend: every request and event, typed once. Imported by
// main (IPC handlers), the browser host (HTTP/WebSocket), preload (the bridge) and renderer, so it
// has only type imports from main/shared and no Node, Electron or DOM API. Payloads are validated
// again on the backend with zod (main/app-service/request-schemas.ts).
import type {
  ComparisonView,
  ExperimentListItem,
  ExperimentSpec,
  ExperimentStatus,
  ExperimentView,
  ExportTarget,
} from './compare-types.ts';
import type { FrameShare, FunctionShare, RunSummary } from './run-summary-types.ts';
import type { RunStatus, ThreadState } from './vocabulary.ts';
import type { ExportFormat } from './export-formats.ts';
import type { GilMode } from './vocabulary.ts';
import type { RunningPythonView } from './running-python.ts';
import type { BinnedTimeline, DiffFlameNode, FlameNode, RunOutputView, SampleScope, SourceView } from './run-views.ts';

/** Where the UI runs: inside Electron, or in a browser talking to `gilscope ui`. */
export interface HostInfo {
  version: string;
  host: 'electron' | 'browser';
  /** Native open dialogs exist only in Electron; the browser host asks for a typed path instead. */
  nativeDialogs: boolean;
}

/** A usable CPython interpreter, as the picker lists it. */
export interface InterpreterView {
  path: string;
  version: string;
  freeThreaded: boolean;
  gilEnabledByDefault: boolean;
  /** Where it was found: path, pyenv, uv, conda, system, gilscope-cache, user. */
  source: string;
}

/** What the user chose on the New run screen. */
export interface ProfileStartRequest {
  script: string;
  args: string[];
  /** Working directory; null = the script's folder. */
  cwd: string | null;
  python: string;
  gilMode: GilMode;
  rateHz: number;
  /** Stop after this many seconds; null = run until the script ends or Stop. */
  durationSeconds: number | null;
  /** Read Python stacks at every tick (default true). */
  stacks?: boolean;
}

/** What the user chose in "Attach to process…": the process and how to sample it. Stop detaches. */
export interface AttachStartRequest {
  pid: number;
  rateHz: number;
  /** Detach after this many seconds; null = until the process ends or Stop. */
  durationSeconds: number | null;
  /** Follow the process's descendants too. */
  children: boolean;
  stacks?: boolean;
}

export type ProfileStartResponse =
  { kind: 'started'; runId: number; pid: number } | { kind: 'refused'; message: string };

/** One row of the runs library. Figures are null while a run is recording or when unknown. */
export interface RunListItem {
  id: number;
  createdAt: string;
  label: string | null;
  script: string;
  args: string[];
  interpreter: { path: string; version: string; freeThreaded: boolean } | null;
  gilMode: GilMode;
  status: RunStatus;
  wallSeconds: number | null;
  cpuSeconds: number | null;
  contention: number | null;
  /** Set when the run attached to this running process instead of launching the script. */
  attachedPid?: number | null;
}

/** A time range of a run chosen on the timeline, in ns from the run's start; fromNs < toNs. */
export interface RunRange {
  fromNs: number;
  toNs: number;
}

// Requests the UI may make, keyed by channel name `domain:verb`.
export type ApiRequests = {
  'app:version': { request: undefined; response: HostInfo };
  'interpreters:list': {
    request: { refresh: boolean };
    response: { interpreters: InterpreterView[]; rejected: Array<{ path: string; message: string }> };
  };
  'interpreters:add': {
    request: { path: string };
    response: { kind: 'ok'; interpreter: InterpreterView } | { kind: 'rejected'; message: string };
  };
  'dialog:open-script': { request: undefined; response: { path: string | null } };
  'scripts:recent': { request: undefined; response: { scripts: string[] } };
  'profile:start': { request: ProfileStartRequest; response: ProfileStartResponse };
  /** Stops a run; an attached run detaches and leaves its process running. */
  'profile:stop': { request: { runId: number }; response: { stopping: boolean } };
  /** The running CPython processes (GILscope's own helpers left out), attachable ones first. */
  'processes:list': { request: undefined; response: { processes: RunningPythonView[] } };
  /** Attaches to a running process and records it live, like profile:start (same events). */
  'profile:attach': { request: AttachStartRequest; response: ProfileStartResponse };
  'runs:list': { request: undefined; response: { runs: RunListItem[] } };
  'runs:summary': { request: { runId: number }; response: RunSummary | null };
  'runs:timeline': {
    request: { runId: number; fromNs: number | null; toNs: number | null; bins: number };
    response: BinnedTimeline | null;
  };
  'runs:output': { request: { runId: number }; response: RunOutputView | null };
  /** `range` (omitted or null = the whole run) limits the samples counted. */
  'runs:functions': {
    request: { runId: number; tid: number | null; scope: SampleScope; range?: RunRange | null };
    response: { functions: FunctionShare[]; gilWaitFrames: FrameShare[]; gilHolderFrames: FrameShare[] } | null;
  };
  'runs:flamegraph': {
    request: { runId: number; tid: number | null; scope: SampleScope; range?: RunRange | null };
    response: FlameNode | null;
  };
  /**
   * One source file of the run (`file` as its stacks name it) with per-line samples of thread `tid` (null =
   * all) over `range` (null = the whole run). Null when the run does not exist.
   */
  'runs:source': {
    request: { runId: number; file: string; tid: number | null; range?: RunRange | null };
    response: SourceView | null;
  };
  /** The run's summary over a range of it (threads, GIL figures, functions, GIL waits); wall time = the range's. */
  'runs:range-summary': { request: { runId: number; range: RunRange }; response: RunSummary | null };
  'runs:rename': { request: { runId: number; label: string | null }; response: { ok: boolean } };
  'runs:delete': { request: { runId: number }; response: { ok: boolean } };
  /** 2–4 runs side by side; the first is the baseline. Null when a run does not exist. */
  'compare:runs': { request: { runIds: number[] }; response: ComparisonView | null };
  /** Per run of a comparison, its timeline in `bins` bins over its own length (lanes are drawn aligned or normalized). */
  'compare:timelines': { request: { runIds: number[]; bins: number }; response: Array<BinnedTimeline | null> };
  /** Run `runId`'s flame graph against `baseRunId`'s over the same samples (B vs A); null when a run is missing. */
  'compare:flamegraph': {
    request: { baseRunId: number; runId: number; scope: SampleScope };
    response: DiffFlameNode | null;
  };
  'experiments:start': {
    request: ExperimentSpec;
    response: { kind: 'started'; experimentId: number } | { kind: 'refused'; message: string };
  };
  'experiments:cancel': { request: { experimentId: number }; response: { cancelling: boolean } };
  'experiments:list': { request: undefined; response: { experiments: ExperimentListItem[] } };
  /** `baselineKey` null = the first configuration. */
  'experiments:get': { request: { experimentId: number; baselineKey: string | null }; response: ExperimentView | null };
  'experiments:delete': { request: { experimentId: number }; response: { ok: boolean } };
  /**
   * Writes an export. Electron asks where with a save dialog (`path` null) or uses `path`; the browser
   * host cannot write on the user's machine and answers `download` with the content instead.
   */
  'exports:save': {
    request: { target: ExportTarget; format: ExportFormat; path: string | null };
    response:
      | { kind: 'saved'; path: string }
      | { kind: 'download'; fileName: string; mimeType: string; base64: string }
      | { kind: 'cancelled' }
      | { kind: 'failed'; message: string };
  };
};

/** Live figures of one thread over the last batch (about 100 ms). */
export interface LiveThread {
  tid: number;
  name: string;
  /** CPU used in the batch, as a fraction of one core. */
  cpu: number;
  /** Share of the batch's samples in each state. */
  states: Record<ThreadState, number>;
}

// Events the backend pushes to the UI, keyed by `domain:event` → payload.
export type ApiEvents = {
  /** About ten times a second while a run records. */
  'profile:progress': {
    runId: number;
    elapsedNs: number;
    ticks: number;
    threads: LiveThread[];
    /** Over the batch: share of ticks with the GIL held / with someone waiting; null when unreadable. */
    gil: { held: number; contention: number; enabled: boolean | null } | null;
  };
  'profile:output': { runId: number; stream: 'stdout' | 'stderr'; text: string };
  'profile:ended': { runId: number; status: RunStatus; message: string | null };
  /** After each run of an experiment (and when it starts). */
  'experiment:progress': { experimentId: number; done: number; total: number; current: string | null };
  'experiment:ended': { experimentId: number; status: ExperimentStatus; message: string | null };
  /** Electron only: a native menu item (or its accelerator) was chosen; the UI acts as if its own button was. */
  'menu:command': { command: MenuCommand };
};

/** What the native menu can ask the UI to do. */
export type MenuCommand = 'open-script' | 'profile' | 'stop';

// A request channel name.
export type RequestChannel = keyof ApiRequests;

// What the UI sends on a channel.
export type RequestOf<C extends RequestChannel> = ApiRequests[C]['request'];

// What the backend answers on a channel.
export type ResponseOf<C extends RequestChannel> = ApiRequests[C]['response'];

// An event channel name.
export type EventChannel = keyof ApiEvents;

// Calling it removes the listener it came from.
export type Unsubscribe = () => void;

// Every event and request channel, as the keys of an object typed by the contract: a channel missing
// here, or one the contract lacks, fails the typecheck. The preload, the browser client and the browser
// host's router forward exactly these lists and refuse anything else.
const EVENT_CHANNEL_KEYS: { readonly [E in EventChannel]: true } = {
  'profile:progress': true,
  'profile:output': true,
  'profile:ended': true,
  'experiment:progress': true,
  'experiment:ended': true,
  'menu:command': true,
};
const REQUEST_CHANNEL_KEYS: { readonly [C in RequestChannel]: true } = {
  'app:version': true,
  'interpreters:list': true,
  'interpreters:add': true,
  'dialog:open-script': true,
  'scripts:recent': true,
  'profile:start': true,
  'profile:stop': true,
  'processes:list': true,
  'profile:attach': true,
  'runs:list': true,
  'runs:summary': true,
  'runs:timeline': true,
  'runs:output': true,
  'runs:functions': true,
  'runs:flamegraph': true,
  'runs:source': true,
  'runs:range-summary': true,
  'runs:rename': true,
  'runs:delete': true,
  'compare:runs': true,
  'compare:timelines': true,
  'compare:flamegraph': true,
  'experiments:start': true,
  'experiments:cancel': true,
  'experiments:list': true,
  'experiments:get': true,
  'experiments:delete': true,
  'exports:save': true,
};

/** Every event channel. */
export const eventChannels = Object.keys(EVENT_CHANNEL_KEYS) as readonly EventChannel[];

/** Every request channel. */
export const requestChannels = Object.keys(REQUEST_CHANNEL_KEYS) as readonly RequestChannel[];

/** Is `channel` a contract request channel? */
export function isRequestChannel(channel: unknown): channel is RequestChannel {
  return typeof channel === 'string' && Object.hasOwn(REQUEST_CHANNEL_KEYS, channel);
}

/** Is `channel` a contract event channel? */
export function isEventChannel(channel: unknown): channel is EventChannel {
  return typeof channel === 'string' && Object.hasOwn(EVENT_CHANNEL_KEYS, channel);
}

// What the UI calls: `window.gilscope` in Electron (preload), a WebSocket client in a browser.
// One generic `request` keyed by the contract keeps both transports to a few lines; the preload
// still refuses channels outside `requestChannels`.
export interface GilscopeApi {
  request<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>>;
  on<E extends EventChannel>(event: E, listener: (payload: ApiEvents[E]) => void): Unsubscribe;
  /**
   * Electron only: the full path of a File the user dropped on the page (browsers never reveal it).
   * Typed `unknown` to keep this file free of DOM types; anything but a dropped File gives null.
   */
  pathForFile?(file: unknown): string | null;
}
