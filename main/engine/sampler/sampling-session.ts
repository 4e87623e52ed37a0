import type { Worker } from 'node:worker_threads';
import { startWorker } from '../start-worker.ts';
import type { SamplerBatch, SamplerMessage, SamplerWorkerInput } from './sampler-messages.ts';
import { createSamplerControl, handOverTarget, requestStop } from './sampler-control.ts';

/** The worker script as it sits next to this file (tests, CLI); a bundle passes its own (Electron: `?modulePath`). */
const DEFAULT_WORKER_URL = new URL('./sampler-worker.ts', import.meta.url);

export interface SamplingOptions {
  rateHz: number;
  stacks: boolean;
  /** Follow the target's descendants too (default true). */
  children?: boolean;
  /** The target is already running (attach): CPU it used before sampling began is not counted. */
  attached?: boolean;
  /** The interpreter's executable, when known before launch (its symbols are read ahead). */
  interpreterPath?: string | null;
  /** A throw-away Python the worker ticks before it says ready (launch/warm-up-target.ts). */
  warmUp?: { pid: number; threads: number } | null;
  workerUrl?: URL | string;
}

/** Callbacks of a sampling session; `onBatch` runs on the main thread about ten times a second. */
export interface SamplingCallbacks {
  onBatch(batch: SamplerBatch): void;
}

/** How sampling ended. `failed`: the worker itself broke (its samples so far were delivered). */
export type SamplingEnd = { reason: 'stopped' | 'process-exited' } | { reason: 'failed'; message: string };

/**
 * Samples a process from a worker thread. Create it before launching the target, await `ready`,
 * then `begin(pid)`; it samples until `stop()` or until the process exits. `done` resolves after
 * the last batch has been delivered; it rejects only if the worker itself fails.
 */
export class SamplingSession {
  readonly ready: Promise<void>;
  /** Settles once the worker is gone; never rejects, so a failing worker cannot go unhandled mid-run. */
  readonly done: Promise<SamplingEnd>;
  private readonly control = createSamplerControl();
  private readonly worker: Worker;

  constructor(options: SamplingOptions, callbacks: SamplingCallbacks) {
    const input: SamplerWorkerInput = {
      rateHz: options.rateHz,
      stacks: options.stacks,
      children: options.children ?? true,
      attached: options.attached ?? false,
      interpreterPath: options.interpreterPath ?? null,
      warmUp: options.warmUp ?? null,
      control: this.control,
    };
    this.worker = startWorker(options.workerUrl ?? DEFAULT_WORKER_URL, { workerData: input });
    let markReady: () => void = () => {};
    let failEarly: (error: Error) => void = () => {};
    this.ready = new Promise((resolve, reject) => {
      markReady = resolve;
      failEarly = reject;
    });
    this.ready.catch(() => {}); // awaited by the caller; a late rejection (exit after ready) is moot
    this.done = new Promise((resolve) => {
      let end: SamplingEnd | null = null;
      this.worker.on('message', (message: SamplerMessage) => {
        if (message.type === 'ready') {
          markReady();
          return;
        }
        if (message.type === 'failure') {
          end = { reason: 'failed', message: `sampler failed: ${message.message}` };
          return;
        }
        callbacks.onBatch(message);
        if (message.end) end = message.end;
      });
      this.worker.on('error', (error) => {
        failEarly(new Error(`sampler failed to start: ${error.message}`));
        end = { reason: 'failed', message: `sampler failed: ${error.message}` };
      });
      this.worker.on('exit', () => {
        failEarly(new Error('sampler exited before it was ready'));
        resolve(end ?? { reason: 'stopped' });
      });
    });
  }

  /** Starts sampling `pid`, launched at `runStartNs` (hrtime); the worker must be ready. */
  begin(pid: number, runStartNs: bigint): void {
    handOverTarget(this.control, { pid, runStartNs });
  }

  /** Ends a session that never began (the target could not be launched). */
  async cancel(): Promise<void> {
    requestStop(this.control);
    await this.worker.terminate();
  }

  /** Asks the worker to take no more ticks; it posts a final batch and exits. */
  stop(): void {
    requestStop(this.control);
  }
}
