// The runs being recorded right now: starts ProfileSessions, stops them, and turns their hooks into the
// contract's events (progress from each sampler batch, output as it arrives, the end with its status).
import path from 'node:path';
import { ProfileSession } from '../engine/profile/profile-session.ts';
import type { ProfileRequest } from '../engine/profile/profile-request.ts';
import type {
  ApiEvents,
  AttachStartRequest,
  ProfileStartRequest,
  ProfileStartResponse,
} from '../shared/api-contract.ts';
import { newProgressState, progressFromBatch } from './live-progress.ts';
import type { RecordingContext } from './recording-context.ts';

// Registry of live sessions of one database.
export class LiveRuns {
  private readonly context: RecordingContext;
  /** Started sessions by run id (what Stop and isLive look up). */
  private readonly sessions = new Map<number, ProfileSession>();
  /** Every session from construction to its end, probing and launching ones included (what stopAll stops). */
  private readonly all = new Set<ProfileSession>();
  private readonly ending = new Set<Promise<unknown>>();
  private closed = false;

  constructor(context: RecordingContext) {
    this.context = context;
  }

  /** True while `runId` is being recorded. */
  isLive(runId: number): boolean {
    return this.sessions.has(runId);
  }

  /** Starts a run; answers once the script runs (with its run id) or was refused. */
  start(request: ProfileStartRequest): Promise<ProfileStartResponse> {
    return this.record({
      python: request.python,
      script: request.script,
      args: request.args,
      cwd: request.cwd ?? path.dirname(request.script),
      gilMode: request.gilMode,
      rateHz: request.rateHz,
      durationSeconds: request.durationSeconds ?? undefined,
      stacks: request.stacks,
      dbFile: this.context.dbFile,
    });
  }

  /** Attaches to a running process; answers once sampling began (with the run id) or was refused (one line). Stop detaches. */
  attach(request: AttachStartRequest): Promise<ProfileStartResponse> {
    return this.record({
      // Read from the process once attached; the session replaces these placeholders.
      python: '',
      script: '',
      args: [],
      cwd: '/',
      gilMode: 'default',
      attachPid: request.pid,
      children: request.children,
      rateHz: request.rateHz,
      durationSeconds: request.durationSeconds ?? undefined,
      stacks: request.stacks,
      dbFile: this.context.dbFile,
    });
  }

  private record(profileRequest: ProfileRequest): Promise<ProfileStartResponse> {
    if (this.closed) return Promise.resolve({ kind: 'refused', message: 'GILscope is shutting down' });
    let runId: number | null = null;
    const early: Array<ApiEvents['profile:output']> = [];
    const progress = newProgressState();
    let announce: (response: ProfileStartResponse) => void = () => {};
    const answered = new Promise<ProfileStartResponse>((resolve) => (announce = resolve));

    const session = new ProfileSession(
      profileRequest,
      {
        onStarted: (id, pid) => {
          runId = id;
          this.sessions.set(id, session);
          announce({ kind: 'started', runId: id, pid });
          for (const output of early) this.context.emit('profile:output', { ...output, runId: id });
          early.length = 0;
        },
        onOutput: (stream, text) => {
          if (runId === null) early.push({ runId: -1, stream, text });
          else this.context.emit('profile:output', { runId, stream, text });
        },
        onBatch: (batch) => {
          if (runId === null) return;
          const payload = progressFromBatch(runId, batch, progress);
          if (payload) this.context.emit('profile:progress', payload);
        },
      },
      { samplerWorkerUrl: this.context.samplerWorkerUrl, digestInline: false },
    );
    this.all.add(session);
    const ended = session.done.then(
      async (outcome) => {
        if (outcome.kind === 'recorded') await this.context.storeDigest(outcome.runId);
        if (runId === null) {
          // Never started: refused, or the launch failed (that run is stored with status "failed").
          announce({
            kind: 'refused',
            message:
              outcome.kind === 'refused'
                ? outcome.message
                : (outcome.message ?? `the script could not be started (${outcome.status})`),
          });
          return;
        }
        this.sessions.delete(runId);
        if (outcome.kind === 'recorded')
          this.context.emit('profile:ended', { runId, status: outcome.status, message: outcome.message });
        else this.context.emit('profile:ended', { runId, status: 'failed', message: outcome.message });
      },
      (error: unknown) => {
        const message = `profiling failed: ${error instanceof Error ? error.message : String(error)}`;
        if (runId === null) return announce({ kind: 'refused', message });
        this.sessions.delete(runId);
        this.context.emit('profile:ended', { runId, status: 'failed', message });
      },
    );
    this.ending.add(ended);
    void ended.finally(() => {
      this.ending.delete(ended);
      this.all.delete(session);
    });
    return answered;
  }

  /** Asks a live run to stop (SIGINT, then SIGTERM, then SIGKILL; an attached run detaches); false when it is not live. */
  stop(runId: number): boolean {
    const session = this.sessions.get(runId);
    if (!session) return false;
    session.stop();
    return true;
  }

  /** Stops every session, still probing or launching ones too (a stop before launch is honoured), refuses new ones, and waits until each has ended. */
  async stopAll(): Promise<void> {
    this.closed = true;
    for (const session of this.all) session.stop();
    await Promise.all([...this.ending]);
  }
}
