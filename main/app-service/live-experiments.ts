// The experiment being run by the service (one at a time: parallel runs would steal each other's
// cores and spoil the measurements). Turns the runner's hooks into contract events: experiment
// progress and end, plus the ordinary profile:* events of each of its runs, so the live view works too.
import { startExperiment, type RunningExperiment } from '../engine/experiment/experiment-runner.ts';
import type { ExperimentSpec } from '../shared/compare-types.ts';
import type { ResponseOf } from '../shared/api-contract.ts';
import { newProgressState, progressFromBatch, type ProgressState } from './live-progress.ts';
import type { RecordingContext } from './recording-context.ts';

// Registry of the running experiment of one database.
export class LiveExperiments {
  private readonly context: RecordingContext;
  private current: { experiment: RunningExperiment; runIds: Set<number>; ended: Promise<void> } | null = null;
  private starting: Promise<unknown> | null = null;
  private closed = false;

  constructor(context: RecordingContext) {
    this.context = context;
  }

  /** True while experiment `id` runs. */
  isRunning(id: number): boolean {
    return this.current?.experiment.id === id;
  }

  /** True while `runId` is a run of the running experiment that is being recorded. */
  isLiveRun(runId: number): boolean {
    return this.current?.runIds.has(runId) ?? false;
  }

  /** Checks and starts an experiment; refused while another one runs. */
  async start(spec: ExperimentSpec): Promise<ResponseOf<'experiments:start'>> {
    if (this.closed) return { kind: 'refused', message: 'GILscope is shutting down' };
    if (this.current || this.starting)
      return { kind: 'refused', message: 'an experiment is already running; cancel it or wait for its end' };
    const starting = this.begin(spec);
    this.starting = starting;
    try {
      return await starting;
    } finally {
      this.starting = null;
    }
  }

  /** Checks and stores the experiment, then runs it in the background (cancelled at once when the service closed meanwhile). */
  private async begin(spec: ExperimentSpec): Promise<ResponseOf<'experiments:start'>> {
    const runIds = new Set<number>();
    let progress: ProgressState = newProgressState();
    const started = await startExperiment(spec, this.context, {
      onProgress: (payload) => this.context.emit('experiment:progress', payload),
      onRunStarted: (runId) => {
        runIds.add(runId);
        progress = newProgressState();
      },
      onRunOutput: (runId, stream, text) => this.context.emit('profile:output', { runId, stream, text }),
      onRunBatch: (runId, batch) => {
        const payload = progressFromBatch(runId, batch, progress);
        if (payload) this.context.emit('profile:progress', payload);
      },
      onRunEnded: (runId, outcome) => {
        runIds.delete(runId);
        this.context.emit('profile:ended', { runId, status: outcome.status, message: outcome.message });
      },
    });
    if (started.kind === 'refused') return started;
    const { experiment } = started;
    const ended = experiment.done.then((end) => {
      this.current = null;
      this.context.emit('experiment:ended', { experimentId: experiment.id, status: end.status, message: end.message });
    });
    this.current = { experiment, runIds, ended };
    // The service closed while the experiment was being checked and stored: it ends at once, as cancelled.
    if (this.closed) experiment.cancel();
    return { kind: 'started', experimentId: experiment.id };
  }

  /** Cancels experiment `id` (its current run is stopped and kept); false when it is not running. */
  cancel(id: number): boolean {
    if (!this.isRunning(id)) return false;
    this.current?.experiment.cancel();
    return true;
  }

  /** Cancels the running experiment, if any, and waits until it is stored as cancelled. */
  async stopAll(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => {});
    const current = this.current;
    if (!current) return;
    current.experiment.cancel();
    await current.ended;
  }
}
