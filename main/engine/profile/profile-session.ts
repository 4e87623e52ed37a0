import { checkScriptPath } from '../launch/check-script-path.ts';
import { gilModeRefusal } from '../launch/gil-mode.ts';
import { launchScript, type LaunchedScript, type ScriptExit } from '../launch/launch-script.ts';
import { startGroupGuard } from '../launch/group-guard.ts';
import { startWarmUpTarget } from '../launch/warm-up-target.ts';
import { stopScript } from '../launch/stop-script.ts';
import { attachToProcess, type AttachedProcess } from '../launch/attach-target.ts';
import { interpreterFromMemory } from '../launch/attached-interpreter.ts';
import { probeInterpreter } from '../interpreters/probe-interpreter.ts';
import type { Interpreter } from '../interpreters/interpreter.ts';
import type { SamplerBatch } from '../sampler/sampler-messages.ts';
import { SamplingSession } from '../sampler/sampling-session.ts';
import { openRunStore, type RunStore } from '../store/open-database.ts';
import { StoreError } from '../store/store-error.ts';
import { storeRunDigest } from '../analysis/run-digest.ts';
import { createRunWriter, type RunWriter } from '../store/run-writer.ts';
import type { SamplerStats } from '../sampler/sampler-messages.ts';
import { rateRefusal, type ProfileRequest } from './profile-request.ts';
import { BatchQueue } from './batch-queue.ts';
import { callSafely } from './call-safely.ts';
import type { RunStatus } from '../../shared/vocabulary.ts';

/** How a profile ended: refused before anything ran, or a stored run (whatever happened to the script). */
export type ProfileOutcome =
  | { kind: 'refused'; message: string }
  | { kind: 'recorded'; runId: number; status: FinishedStatus; message: string | null };

type FinishedStatus = Exclude<RunStatus, 'running'>;

export interface ProfileHooks {
  /** The run exists in the database and the script is running. */
  onStarted?(runId: number, pid: number, interpreter: Interpreter): void;
  onOutput?(stream: 'stdout' | 'stderr', text: string): void;
  onBatch?(batch: SamplerBatch): void;
}

const nowNs = (): bigint => process.hrtime.bigint();

/** What a run in progress is made of, handed from launch to the wait for its end. */
interface Recording {
  launched: LaunchedScript;
  sampling: SamplingSession;
  batches: BatchQueue<SamplerBatch>;
  writer: RunWriter;
  runId: number;
  elapsedNs: () => number;
  flushOutput: () => void;
  samplerStats: () => SamplerStats | null;
}

/**
 * One profiling run: checks the request, launches the script, samples it from a worker, stores
 * every batch as it arrives (so a crash of the script or of the UI loses nothing already sampled),
 * and finishes the run record with how the script ended.
 */
export class ProfileSession {
  readonly done: Promise<ProfileOutcome>;
  private stopRequested = false;
  private requestStop: () => void = () => {};

  private readonly samplerWorkerUrl: URL | string | undefined;
  private readonly digestInline: boolean;

  /**
   * `samplerWorkerUrl`: where the sampler worker script is, when bundled (see SamplingSession).
   * `digestInline` (default true): build and store the finished run's summary and overview here; a host
   * whose thread must stay responsive (the app) passes false and has its query worker do it.
   */
  constructor(
    request: ProfileRequest,
    hooks: ProfileHooks = {},
    options: { samplerWorkerUrl?: URL | string; digestInline?: boolean } = {},
  ) {
    this.samplerWorkerUrl = options.samplerWorkerUrl;
    this.digestInline = options.digestInline ?? true;
    this.done = this.run(request, hooks);
  }

  /** Stops the script (SIGINT, then SIGTERM, then SIGKILL); the run is kept with status "stopped". */
  stop(): void {
    this.stopRequested = true;
    this.requestStop();
  }

  private async run(request: ProfileRequest, hooks: ProfileHooks): Promise<ProfileOutcome> {
    const cleanups: Array<() => void> = [];
    try {
      return await this.checkAndRecord(request, hooks, cleanups);
    } finally {
      for (const cleanup of cleanups) cleanup();
    }
  }

  /** `cleanups`: what must happen however the run ends (an attached process stops being watched). */
  private async checkAndRecord(
    request: ProfileRequest,
    hooks: ProfileHooks,
    cleanups: Array<() => void>,
  ): Promise<ProfileOutcome> {
    const refusal = rateRefusal(request.rateHz);
    if (refusal) return { kind: 'refused', message: refusal };
    let attached: AttachedProcess | null = null;
    if (request.attachPid !== undefined) {
      const target = attachToProcess(request.attachPid);
      if (target.kind === 'refused') return target;
      attached = target;
      cleanups.push(() => target.finish());
      // What the process runs stands in for what a launch would have been given.
      request = {
        ...request,
        python: target.executable,
        script: target.commandLine[1] ?? target.executable,
        args: target.commandLine.slice(2),
        cwd: target.cwd,
      };
    }
    const scriptCheck: { kind: 'ok'; absolutePath: string } | { kind: 'refused'; message: string } = attached
      ? { kind: 'ok', absolutePath: request.script }
      : checkScriptPath(request.script, request.cwd);
    if (scriptCheck.kind === 'refused') return scriptCheck;
    const probe = await probeInterpreter(request.python);
    // An attached process's binary may not run here (a chroot's Python): its memory says what it is.
    const interpreter =
      probe.kind === 'ok' ? probe.interpreter : attached && interpreterFromMemory(attached.pid, request.python);
    if (!interpreter) return { kind: 'refused', message: probe.message };
    const gilRefusal = gilModeRefusal(request.gilMode, interpreter);
    if (gilRefusal) return { kind: 'refused', message: gilRefusal };

    let store: RunStore;
    try {
      store = openRunStore(request.dbFile);
    } catch (error) {
      if (error instanceof StoreError) return { kind: 'refused', message: error.message };
      throw error;
    }
    try {
      const outcome = await this.record(request, hooks, store, interpreter, scriptCheck.absolutePath, attached);
      if (outcome.kind === 'recorded' && this.digestInline) storeSummary(store, outcome.runId);
      return outcome;
    } finally {
      store.close();
    }
  }

  private async record(
    request: ProfileRequest,
    hooks: ProfileHooks,
    store: RunStore,
    interpreter: Interpreter,
    script: string,
    attached: AttachedProcess | null,
  ): Promise<ProfileOutcome> {
    const writer = createRunWriter(store);
    let runStartNs = nowNs();
    const elapsedNs = (): number => Number(nowNs() - runStartNs);
    const runId = writer.createRun({
      script,
      args: [...request.args],
      cwd: request.cwd,
      interpreter: {
        path: request.python,
        realPath: interpreter.realPath,
        version: interpreter.version,
        implementation: interpreter.implementation,
        freeThreaded: interpreter.freeThreaded,
      },
      gilMode: request.gilMode,
      rateHz: request.rateHz,
      attachedPid: attached?.pid ?? null,
    });
    const output = { stdout: '', stderr: '' };
    const flushOutput = (): void => {
      for (const stream of ['stdout', 'stderr'] as const) {
        if (output[stream] === '') continue;
        writer.appendOutput(stream, output[stream], elapsedNs());
        output[stream] = '';
      }
    };

    let samplerStats: SamplerStats | null = null;
    const batches = new BatchQueue<SamplerBatch>(store.db, (batch) => {
      flushOutput();
      writer.appendStackTable(batch.stackTable);
      writer.appendTicks(batch.ticks);
      writer.upsertThreads(batch.threads);
      writer.upsertProcesses(batch.processes);
      for (const event of batch.events) writer.addEvent(event.kind, event.timeNs, event.detail);
    });
    let sampling: SamplingSession | null = null;
    let launched: LaunchedScript | null = null;
    // A throw-away Python of the same interpreter for the worker to practise on before the clock starts.
    const warmUp = attached ? null : startWarmUpTarget(request.python, request.gilMode);
    try {
      sampling = new SamplingSession(
        {
          rateHz: request.rateHz,
          stacks: request.stacks ?? true,
          children: request.children ?? attached === null,
          attached: attached !== null,
          interpreterPath: attached ? null : interpreter.realPath,
          warmUp: warmUp && { pid: warmUp.pid, threads: warmUp.threads },
          workerUrl: this.samplerWorkerUrl,
        },
        {
          onBatch: (batch) => {
            batches.push(batch);
            samplerStats = batch.stats;
            callSafely(hooks.onBatch, batch);
          },
        },
      );
      // Everything that costs a process launch or a module load happens before the run's clock starts: the
      // guard, the worker, and the script's own process, which waits to exec until it is started.
      const guard = attached ? null : startGroupGuard(request.python);
      try {
        await sampling.ready;
      } finally {
        warmUp?.stop();
      }
      // Launch the path the user named: a venv's python is a symlink whose own site-packages count.
      const started =
        attached ??
        (await launchScript(
          { ...request, script },
          (stream, text) => {
            output[stream] += text;
            callSafely(hooks.onOutput, stream, text);
          },
          guard ?? undefined,
        ));
      runStartNs = nowNs();
      if (!('pid' in started)) {
        await sampling.cancel();
        flushOutput();
        writer.finishRun({
          status: 'failed',
          exitCode: null,
          signal: null,
          wallNs: elapsedNs(),
          error: started.message,
        });
        return { kind: 'recorded', runId, status: 'failed', message: started.message };
      }
      launched = started;
      sampling.begin(launched.pid, runStartNs);
      launched.start();
      callSafely(hooks.onStarted, runId, launched.pid, interpreter);
      return await this.follow(request, {
        launched,
        sampling,
        batches,
        writer,
        runId,
        elapsedNs,
        flushOutput,
        samplerStats: () => samplerStats,
      });
    } catch (error) {
      // A bug of ours must not leave the script running or the run "running": end both, keep the samples.
      warmUp?.stop();
      launched?.finish();
      sampling?.stop();
      const message = `GILscope failed while recording: ${error instanceof Error ? error.message : String(error)}; the samples taken before are kept`;
      try {
        batches.drain();
        writer.finishRun({ status: 'failed', exitCode: null, signal: null, wallNs: elapsedNs(), error: message });
      } catch {
        // the store itself is failing: the run keeps status "running" with what was stored
      }
      return { kind: 'recorded', runId, status: 'failed', message };
    }
  }

  /** Waits for the script to end (or Stop / --duration), then stores the rest and finishes the run. */
  private async follow(request: ProfileRequest, recording: Recording): Promise<ProfileOutcome> {
    const { launched, sampling, batches, writer, runId, elapsedNs, flushOutput, samplerStats } = recording;
    const stopping = this.armStop(launched, request.durationSeconds);
    const exit = await launched.exit;
    const wallNs = elapsedNs();
    this.requestStop = () => {};
    // Nothing outlives the run: children the script left in its group are killed with it.
    launched.finish();
    sampling.stop();
    const samplingEnd = await sampling.done;
    const samplerError = samplingEnd.reason === 'failed' ? samplingEnd.message : null;
    await stopping.cancel();
    await launched.outputDone;
    const { status, message } = describeExit(exit, this.stopRequested);
    try {
      if (!batches.drain()) throw batches.lastError;
      flushOutput();
      writer.finishRun({
        warnings: samplerError === null ? [] : [samplerError],
        status,
        exitCode: exit.kind === 'exited' ? exit.exitCode : null,
        signal: exit.kind === 'signaled' ? exit.signal : null,
        wallNs,
        error: message,
        samplerStats: samplerStats(),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        kind: 'refused',
        message: `run ${runId} could not be stored completely (${reason}); the samples stored before that are kept`,
      };
    }
    return { kind: 'recorded', runId, status, message };
  }

  /** Wires Stop and --duration to the stop sequence; returns a way to cancel the duration timer. */
  private armStop(launched: LaunchedScript, durationSeconds: number | undefined): { cancel(): Promise<void> } {
    let stopSequence: Promise<unknown> | null = null;
    const beginStop = (): void => {
      this.stopRequested = true;
      // An attached process is never signalled: Stop detaches and leaves it running.
      stopSequence ??=
        'detach' in launched ? Promise.resolve((launched as AttachedProcess).detach()) : stopScript(launched);
    };
    this.requestStop = beginStop;
    if (this.stopRequested) beginStop();
    const timer = durationSeconds === undefined ? null : setTimeout(beginStop, durationSeconds * 1000);
    return {
      cancel: async () => {
        if (timer) clearTimeout(timer);
        await stopSequence;
      },
    };
  }
}

/** Builds and stores a finished run's summary and overview; a failure only means they are built again when opened. */
function storeSummary(store: RunStore, runId: number): void {
  try {
    storeRunDigest(store, runId);
  } catch {
    // the run and its samples are stored; its summary will be computed from them when needed
  }
}

/** Maps how the script ended to a run status and a one-line message for the user. */
export function describeExit(
  exit: ScriptExit,
  stopRequested: boolean,
): { status: FinishedStatus; message: string | null } {
  if (exit.kind === 'spawn-failed') return { status: 'failed', message: exit.message };
  if (exit.kind === 'detached') return { status: 'stopped', message: null };
  if (exit.kind === 'target-ended') return { status: 'completed', message: null };
  if (stopRequested) return { status: 'stopped', message: null };
  if (exit.kind === 'signaled') return { status: 'killed', message: `the script was killed by ${exit.signal}` };
  if (exit.exitCode !== 0) return { status: 'failed', message: `the script exited with code ${exit.exitCode}` };
  return { status: 'completed', message: null };
}
