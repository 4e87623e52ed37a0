// The backend of the UI: answers every contract request over the engine and publishes the contract's
// events. Plain Node (no electron): the Electron IPC layer and the browser host both delegate here, and
// tests drive it directly. Payloads are validated in `request` (both transports share the schemas).
import fs from 'node:fs';
import path from 'node:path';
import { comparisonIdsRefusal } from '../engine/compare/load-comparison.ts';
import { createExperimentReader, deleteExperiment } from '../engine/experiment/experiment-store.ts';
import { experimentView, listExperimentItems } from '../engine/experiment/experiment-view.ts';
import { openRunStore, type RunStore } from '../engine/store/open-database.ts';
import { createRunReader, type RunReader } from '../engine/store/run-reader.ts';
import { storedSummary } from '../engine/analysis/run-summary.ts';
import { deleteRun, relabelRun, saveRunSummary } from '../engine/store/run-admin.ts';
import { saveRunSources } from '../engine/store/run-sources.ts';
import { StoreError } from '../engine/store/store-error.ts';
import { listPythonProcesses } from '../engine/launch/list-python-processes.ts';
import type { RunRecord } from '../engine/store/run-types.ts';
import {
  isRequestChannel,
  type ApiEvents,
  type EventChannel,
  type HostInfo,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
  type RunListItem,
  type Unsubscribe,
} from '../shared/api-contract.ts';
import type { ExportTarget } from '../shared/compare-types.ts';
import { exportBaseName, type ExportFormat } from '../shared/export-formats.ts';
import type { RunSummary } from '../shared/run-summary-types.ts';
import { InterpreterCatalog } from './interpreter-catalog.ts';
import { LiveExperiments } from './live-experiments.ts';
import { LiveRuns } from './live-runs.ts';
import type { RecordingContext } from './recording-context.ts';
import { QueryClient } from './query-client.ts';
import { InvalidRequestError, parseRequest } from './request-schemas.ts';

/** Where the service keeps its data and how it describes itself. */
export interface ServiceOptions {
  /** The run database (created by the first profile). */
  dbFile: string;
  /** Folder for the service's own small files (user interpreters); default: the database's folder. */
  dataDir?: string;
  host: HostInfo['host'];
  version: string;
  /**
   * Whether `exports:save` may write to the `path` in the request. Electron: true (its IPC layer only
   * passes the path the user chose in the native Save dialog). Browser host: false, since any WebSocket
   * client could name any file; a non-null path is answered "failed" and the page downloads instead.
   */
  allowExportPaths: boolean;
  /** The query worker script; Electron passes its bundled path. */
  queryWorkerUrl?: URL | string;
  /** The sampler worker script; Electron passes its bundled path. */
  samplerWorkerUrl?: URL | string;
  /** Environment for interpreter discovery; default process.env. */
  env?: NodeJS.ProcessEnv;
}

type Handlers = { [C in RequestChannel]: (payload: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };
type AnyListener = (event: EventChannel, payload: ApiEvents[EventChannel]) => void;

/** How many scripts `scripts:recent` returns. */
const RECENT_SCRIPTS = 20;
/** How long `runs:list` waits for missing summaries (runs recorded by older versions) before answering without their figures. */
const FIGURES_WAIT_MS = 300;

// One instance per open database; close() stops live runs and the query worker.
export class GilscopeService {
  private readonly options: ServiceOptions;
  private readonly listeners = new Set<AnyListener>();
  private readonly live: LiveRuns;
  private readonly experiments: LiveExperiments;
  private readonly queries: QueryClient;
  private readonly catalog: InterpreterCatalog;
  private store: { store: RunStore; reader: RunReader } | null = null;
  private backfillJob: Promise<void> | null = null;
  private readonly handlers: Handlers;

  constructor(options: ServiceOptions) {
    const dbFile = path.resolve(options.dbFile);
    const dataDir = options.dataDir ?? path.dirname(dbFile);
    this.options = { ...options, dbFile, dataDir };
    const recording: RecordingContext = {
      dbFile,
      emit: (event, payload) => this.emit(event, payload),
      samplerWorkerUrl: options.samplerWorkerUrl,
      storeDigest: (runId) => this.storeDigestOf(runId),
    };
    this.live = new LiveRuns(recording);
    this.experiments = new LiveExperiments(recording);
    this.queries = new QueryClient(dbFile, options.queryWorkerUrl);
    this.catalog = new InterpreterCatalog({ userFile: path.join(dataDir, 'user-interpreters.json'), env: options.env });
    this.handlers = this.createHandlers();
  }

  /** Validates a raw payload and answers it; throws InvalidRequestError for unknown channels and bad payloads. */
  async request(channel: string, payload: unknown): Promise<unknown> {
    if (!isRequestChannel(channel)) throw new InvalidRequestError(`unknown request channel ${JSON.stringify(channel)}`);
    return this.call(channel, parseRequest(channel, payload));
  }

  /** Answers an already validated payload (the Electron layer validates with the same schemas). */
  async call<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
    const handler = this.handlers[channel] as (payload: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
    return handler(payload);
  }

  /** Subscribes to one event. */
  on<E extends EventChannel>(event: E, listener: (payload: ApiEvents[E]) => void): Unsubscribe {
    return this.onAny((name, payload) => {
      if (name === event) listener(payload as ApiEvents[E]);
    });
  }

  /** Subscribes to every event (what a transport forwards). */
  onAny(listener: AnyListener): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Stops live runs (they are kept as "stopped"), the query worker and the read connection. */
  async close(): Promise<void> {
    await this.experiments.stopAll();
    await this.live.stopAll();
    await this.queries.close();
    this.store?.store.close();
    this.store = null;
  }

  private emit<E extends EventChannel>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // one broken subscriber must not starve the others
      }
    }
  }

  /** The main-thread reader for cheap queries (run rows, output); null while there is no database yet. */
  private reader(): RunReader | null {
    if (this.store) return this.store.reader;
    try {
      const store = openRunStore(this.options.dbFile, { readonly: true });
      this.store = { store, reader: createRunReader(store) };
      return this.store.reader;
    } catch (error) {
      if (error instanceof StoreError && error.kind === 'missing') return null;
      throw error;
    }
  }

  /** A short-lived writable connection for library edits (the recorder holds its own). */
  private withWritableStore<T>(work: (store: RunStore) => T): T {
    const store = openRunStore(this.options.dbFile);
    try {
      return work(store);
    } finally {
      store.close();
    }
  }

  private async listRuns(): Promise<ResponseOf<'runs:list'>> {
    let runs = this.reader()?.listRuns() ?? [];
    // Every run records its summary when it ends; runs from older versions (or whose summary could not
    // be stored) get one here, in the query worker: answer after at most FIGURES_WAIT_MS, with nulls for
    // the runs not done yet; the next list has them.
    const missing = runs.filter((run) => run.status !== 'running' && run.cpuSeconds === null);
    if (missing.length > 0) {
      this.backfillJob ??= this.backfillSummaries(missing).finally(() => (this.backfillJob = null));
      const done = await Promise.race([
        this.backfillJob.then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), FIGURES_WAIT_MS).unref()),
      ]);
      if (done) runs = this.reader()?.listRuns() ?? runs;
    }
    return { runs: runs.reverse().map((run) => this.toListItem(run)) };
  }

  private async backfillSummaries(runs: RunRecord[]): Promise<void> {
    // One run per job, so a long batch never holds up a timeline query queued behind it for long.
    for (const run of runs) await this.storeDigestOf(run.id);
  }

  /** Builds a finished run's summary, overview and sources in the query worker and stores them (best effort). */
  private async storeDigestOf(runId: number): Promise<void> {
    const digest = await this.queries.run({ kind: 'digest', runId }).catch(() => null);
    if (!digest) return;
    try {
      this.withWritableStore((store) => {
        saveRunSummary(store, runId, storedSummary(digest.summary), digest.overview);
        if (digest.sources) saveRunSources(store, runId, digest.sources);
      });
    } catch {
      // computed again next time
    }
  }

  /** Stores a finished run's summary (best effort: a read-only or busy database only costs time later). */
  private storeSummary(summary: RunSummary): void {
    if (summary.status === 'running') return;
    try {
      this.withWritableStore((store) => saveRunSummary(store, summary.runId, storedSummary(summary)));
    } catch {
      // computed again next time
    }
  }

  private toListItem(run: RunRecord): RunListItem {
    return {
      id: run.id,
      createdAt: run.createdAt,
      label: run.label,
      script: run.script,
      args: run.args,
      interpreter: run.interpreter
        ? { path: run.interpreter.path, version: run.interpreter.version, freeThreaded: run.interpreter.freeThreaded }
        : null,
      gilMode: run.gilMode,
      status: run.status,
      wallSeconds: run.wallNs === null ? null : run.wallNs / 1e9,
      cpuSeconds: run.cpuSeconds,
      contention: run.contention,
      attachedPid: run.attachedPid,
    };
  }

  private createHandlers(): Handlers {
    return {
      'app:version': () => ({
        version: this.options.version,
        host: this.options.host,
        nativeDialogs: this.options.host === 'electron',
      }),
      'interpreters:list': ({ refresh }) => this.catalog.list(refresh),
      'interpreters:add': ({ path: interpreterPath }) => this.catalog.add(interpreterPath),
      // Only Electron has native dialogs; its IPC layer overrides this answer.
      'dialog:open-script': () => ({ path: null }),
      'scripts:recent': () => {
        const scripts = new Set<string>();
        for (const run of (this.reader()?.listRuns() ?? []).reverse()) {
          // A script that only ever failed (a typo, a .txt picked by mistake) is not one to offer again.
          if (run.status === 'failed') continue;
          scripts.add(run.script);
          if (scripts.size >= RECENT_SCRIPTS) break;
        }
        return { scripts: [...scripts] };
      },
      'profile:start': (request) => this.live.start(request),
      'profile:stop': ({ runId }) => ({ stopping: this.live.stop(runId) }),
      'processes:list': () => ({ processes: listPythonProcesses() }),
      'profile:attach': (request) => this.live.attach(request),
      'runs:list': () => this.listRuns(),
      'runs:summary': async (request) => {
        const summary = await this.queries.run({ kind: 'summary', request });
        // A finished run recorded without a stored summary (older version) gets it now, for free.
        if (summary && this.reader()?.getRun(summary.runId)?.cpuSeconds === null) this.storeSummary(summary);
        return summary;
      },
      'runs:timeline': (request) => this.queries.run({ kind: 'timeline', request }),
      'runs:output': ({ runId }) => {
        const reader = this.reader();
        if (!reader?.getRun(runId)) return null;
        const output = reader.readOutput(runId);
        return { chunks: output.chunks, truncated: output.truncated };
      },
      'runs:functions': (request) => this.queries.run({ kind: 'functions', request }),
      'runs:flamegraph': (request) => this.queries.run({ kind: 'flamegraph', request }),
      'runs:range-summary': (request) => this.queries.run({ kind: 'range-summary', request }),
      'runs:source': (request) => this.queries.run({ kind: 'source', request }),
      'runs:rename': ({ runId, label }) => {
        if (!this.reader()) return { ok: false };
        const trimmed = label?.trim() ?? '';
        return { ok: this.withWritableStore((store) => relabelRun(store, runId, trimmed === '' ? null : trimmed)) };
      },
      'runs:delete': ({ runId }) => {
        if (!this.reader() || this.live.isLive(runId) || this.experiments.isLiveRun(runId)) return { ok: false };
        return { ok: this.withWritableStore((store) => deleteRun(store, runId)) };
      },
      'compare:runs': async ({ runIds }) => {
        const refusal = comparisonIdsRefusal(runIds);
        if (refusal) throw new InvalidRequestError(`compare:runs: ${refusal}`);
        const reader = this.reader();
        if (!reader || runIds.some((runId) => !reader.getRun(runId))) return null;
        return this.queries.run({ kind: 'compare', request: { runIds } });
      },
      'compare:timelines': ({ runIds, bins }) =>
        Promise.all(
          runIds.map((runId) =>
            this.queries.run({ kind: 'timeline', request: { runId, fromNs: null, toNs: null, bins } }),
          ),
        ),
      'compare:flamegraph': (request) => this.queries.run({ kind: 'diff-flamegraph', request }),
      'experiments:start': (spec) => this.experiments.start(spec),
      'experiments:cancel': ({ experimentId }) => ({ cancelling: this.experiments.cancel(experimentId) }),
      'experiments:list': () => {
        const store = this.reader() ? this.store?.store : undefined;
        return { experiments: store ? listExperimentItems(createExperimentReader(store)) : [] };
      },
      'experiments:get': ({ experimentId, baselineKey }) => {
        const reader = this.reader();
        const store = this.store?.store;
        if (!reader || !store) return null;
        return experimentView(reader, createExperimentReader(store), experimentId, baselineKey);
      },
      'experiments:delete': ({ experimentId }) => {
        if (!this.reader() || this.experiments.isRunning(experimentId)) return { ok: false };
        return { ok: this.withWritableStore((store) => deleteExperiment(store, experimentId)) };
      },
      'exports:save': (request) => this.saveExport(request),
    };
  }

  /** Renders `target` as `format` in the query worker; a failure is one line fit for the UI. */
  private async renderExport(
    target: ExportTarget,
    format: ExportFormat,
  ): Promise<
    { kind: 'ok'; fileName: string; mimeType: string; content: Buffer } | { kind: 'failed'; message: string }
  > {
    if (!this.reader()) return { kind: 'failed', message: 'no runs recorded yet' };
    let exported;
    try {
      exported = await this.queries.run({ kind: 'export', request: { target, format } });
    } catch (error) {
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    if (!exported) return { kind: 'failed', message: `nothing to export for ${exportBaseName(target)}` };
    const content =
      typeof exported.content === 'string' ? Buffer.from(exported.content, 'utf8') : Buffer.from(exported.content);
    return { kind: 'ok', fileName: exported.fileName, mimeType: exported.mimeType, content };
  }

  /** The HTML report of `target` as text: Electron prints it to PDF itself (main/electron/print-to-pdf.ts). */
  async reportHtml(target: ExportTarget): Promise<{ kind: 'ok'; html: string } | { kind: 'failed'; message: string }> {
    const rendered = await this.renderExport(target, 'html');
    return rendered.kind === 'ok' ? { kind: 'ok', html: rendered.content.toString('utf8') } : rendered;
  }

  /** Renders an export in the query worker, then writes it to `path` (only where allowExportPaths) or hands it back for download. */
  private async saveExport({
    target,
    format,
    path: file,
  }: RequestOf<'exports:save'>): Promise<ResponseOf<'exports:save'>> {
    if (file !== null && !this.options.allowExportPaths)
      return { kind: 'failed', message: 'this host does not write files; export without a path to download it' };
    const rendered = await this.renderExport(target, format);
    if (rendered.kind === 'failed') return rendered;
    const { content } = rendered;
    if (file === null)
      return {
        kind: 'download',
        fileName: rendered.fileName,
        mimeType: rendered.mimeType,
        base64: content.toString('base64'),
      };
    try {
      await fs.promises.writeFile(file, content);
    } catch (error) {
      return {
        kind: 'failed',
        message: `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      };
    }
    return { kind: 'saved', path: file };
  }
}
