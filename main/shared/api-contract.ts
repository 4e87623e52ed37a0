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
  ExportFormat,
  ExportTarget,
} from './compare-types.ts';
import type { FrameShare, FunctionShare, RunStatusName, RunSummary, ThreadStateName } from './run-summary-types.ts';

export type GilModeName = 'default' | 'on' | 'off';

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
  gilMode: GilModeName;
  rateHz: number;
  /** Stop after this many seconds; null = run until the script ends or Stop. */
  durationSeconds: number | null;
  /** Read Python stacks at every tick (default true). */
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
  gilMode: GilModeName;
  status: RunStatusName;
  wallSeconds: number | null;
  cpuSeconds: number | null;
  contention: number | null;
}

/**
 * A run's timeline in equal bins over [fromNs, toNs]: per thread the CPU used (cores, 0..1 per
 * thread) and the share of its samples in each state; for the run, GIL held and contention shares.
 * NaN-free: a bin with no samples has zeros and `sampled` 0.
 */
export interface BinnedTimeline {
  fromNs: number;
  toNs: number;
  binNs: number;
  threads: Array<{
    tid: number;
    name: string;
    cpu: number[];
    sampled: number[];
    states: Record<ThreadStateName, number[]>;
  }>;
  gil: { held: number[]; contention: number[]; known: number[] } | null;
}

/** A flame graph node: `value` = samples in this frame and below. */
export interface FlameNode {
  name: string;
  file: string;
  line: number;
  value: number;
  children: FlameNode[];
  /** The earliest tick (index in the run) any of its samples was taken at: orders a time-ordered view. */
  firstTick?: number;
}

/** The script's output as stored (only the tail if it printed a lot). */
export interface RunOutputView {
  chunks: Array<{ stream: 'stdout' | 'stderr'; timeNs: number; text: string }>;
  truncated: boolean;
}

/** A time range of a run chosen on the timeline, in ns from the run's start; fromNs < toNs. */
export interface RunRange {
  fromNs: number;
  toNs: number;
}

/** Which samples a function view or flame graph counts. */
export type SampleScope = 'all' | 'on-cpu' | 'gil-wait';

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
  'profile:stop': { request: { runId: number }; response: { stopping: boolean } };
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
  /** The run's summary over a range of it (threads, GIL figures, functions, GIL waits); wall time = the range's. */
  'runs:range-summary': { request: { runId: number; range: RunRange }; response: RunSummary | null };
  'runs:rename': { request: { runId: number; label: string | null }; response: { ok: boolean } };
  'runs:delete': { request: { runId: number }; response: { ok: boolean } };
  /** 2–4 runs side by side; the first is the baseline. Null when a run does not exist. */
  'compare:runs': { request: { runIds: number[] }; response: ComparisonView | null };
  /** Per run of a comparison, its timeline in `bins` bins over its own length (lanes are drawn aligned or normalized). */
  'compare:timelines': { request: { runIds: number[]; bins: number }; response: Array<BinnedTimeline | null> };
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
  states: Record<ThreadStateName, number>;
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
  'profile:ended': { runId: number; status: RunStatusName; message: string | null };
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

// The event channels the preload and the browser client will forward; anything else is refused.
export const eventChannels: readonly EventChannel[] = [
  'profile:progress',
  'profile:output',
  'profile:ended',
  'experiment:progress',
  'experiment:ended',
  'menu:command',
];

// Every request channel, for the browser host's router (which refuses anything else).
export const requestChannels: readonly RequestChannel[] = [
  'app:version',
  'interpreters:list',
  'interpreters:add',
  'dialog:open-script',
  'scripts:recent',
  'profile:start',
  'profile:stop',
  'runs:list',
  'runs:summary',
  'runs:timeline',
  'runs:output',
  'runs:functions',
  'runs:flamegraph',
  'runs:range-summary',
  'runs:rename',
  'runs:delete',
  'compare:runs',
  'compare:timelines',
  'experiments:start',
  'experiments:cancel',
  'experiments:list',
  'experiments:get',
  'experiments:delete',
  'exports:save',
];

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
