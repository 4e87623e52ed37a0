// State of the run being recorded, kept outside React: progress events go into a ring buffer and
// canvases redraw from it on animation frames, so ten events a second re-render no React tree.
import type { ApiEvents } from '../../../main/shared/api-contract.ts';
import { createLiveTotals, type LiveTotalsValue } from './live-totals.ts';
import { createRingBuffer, type RingBuffer } from './ring-buffer.ts';
import type { RunStatus } from '../../../main/shared/vocabulary.ts';

// One progress event as received.
export type LiveProgress = ApiEvents['profile:progress'];

// One line of the script's output (a partial last line keeps growing until its newline arrives).
export interface OutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

// What the sidebar and the live view need to know between events.
export interface LiveRunStatus {
  runId: number | null;
  script: string;
  phase: 'idle' | 'starting' | 'recording' | 'ended';
  endStatus: RunStatus | null;
  endMessage: string | null;
  startedAtMs: number;
  /** The process attached to (Stop detaches it), or null for a launched script. */
  attachedPid: number | null;
}

// The live store: status for React, buffers for canvases, a version counter bumped on every change.
export interface LiveRunStore {
  readonly progress: RingBuffer<LiveProgress>;
  readonly output: RingBuffer<OutputLine>;
  /** Threads in order of first appearance (lanes never jump around). */
  readonly threads: Array<{ tid: number; name: string }>;
  status(): LiveRunStatus;
  /** The whole run so far (not only the last batch). */
  totals(): LiveTotalsValue;
  /** Increments on every change; a drawing loop redraws when it differs from the last drawn one. */
  version(): number;
  /** `attachedPid`: the run attaches to that running process instead of launching `script`. */
  beginStarting(script: string, nowMs: number, attachedPid?: number | null): void;
  started(runId: number): void;
  failedToStart(): void;
  onProgress(event: LiveProgress): void;
  onOutput(event: ApiEvents['profile:output']): void;
  onEnded(event: ApiEvents['profile:ended']): void;
  dismiss(): void;
  subscribe(listener: () => void): () => void;
}

// Creates a store keeping the last `progressCapacity` progress events and `outputCapacity` output lines.
export function createLiveRunStore(progressCapacity = 600, outputCapacity = 2000): LiveRunStore {
  const progress = createRingBuffer<LiveProgress>(progressCapacity);
  const output = createRingBuffer<OutputLine>(outputCapacity);
  const threads: Array<{ tid: number; name: string }> = [];
  const totals = createLiveTotals();
  const known = new Map<number, { tid: number; name: string }>();
  const listeners = new Set<() => void>();
  let version = 0;
  // Partial lines per stream: the last pushed line stays open until its newline arrives.
  const open: Record<'stdout' | 'stderr', OutputLine | null> = { stdout: null, stderr: null };
  const idleStatus: LiveRunStatus = {
    runId: null,
    script: '',
    phase: 'idle',
    endStatus: null,
    endMessage: null,
    startedAtMs: 0,
    attachedPid: null,
  };
  let status = idleStatus;
  // Events for a run may beat the reply to profile:start; while starting, the first run id seen is ours.
  const accepts = (runId: number): boolean => {
    if (status.runId === runId) return true;
    if (status.phase === 'starting' && status.runId === null) {
      status = { ...status, runId, phase: 'recording' };
      return true;
    }
    return false;
  };
  const changed = (statusChanged: boolean): void => {
    version++;
    if (statusChanged) for (const listener of listeners) listener();
  };
  const reset = (): void => {
    progress.clear();
    totals.reset();
    output.clear();
    threads.length = 0;
    known.clear();
    open.stdout = null;
    open.stderr = null;
  };
  return {
    progress,
    output,
    threads,
    status: () => status,
    totals: () => totals.value(),
    version: () => version,
    beginStarting(script, nowMs, attachedPid = null) {
      reset();
      status = {
        runId: null,
        script,
        phase: 'starting',
        endStatus: null,
        endMessage: null,
        startedAtMs: nowMs,
        attachedPid,
      };
      changed(true);
    },
    started(runId) {
      if (status.runId !== null && status.runId !== runId) reset();
      status = { ...status, runId, phase: status.phase === 'ended' ? 'ended' : 'recording' };
      changed(true);
    },
    failedToStart() {
      reset();
      status = idleStatus;
      changed(true);
    },
    onProgress(event) {
      if (!accepts(event.runId) || status.phase === 'ended') return;
      progress.push(event);
      totals.add(event);
      for (const thread of event.threads) {
        const seen = known.get(thread.tid);
        if (!seen) {
          const entry = { tid: thread.tid, name: thread.name };
          known.set(thread.tid, entry);
          threads.push(entry);
        } else if (seen.name !== thread.name) seen.name = thread.name;
      }
      changed(false);
    },
    onOutput(event) {
      if (!accepts(event.runId)) return;
      const pieces = event.text.split('\n');
      pieces.forEach((piece, i) => {
        const last = i === pieces.length - 1;
        if (last && piece === '') {
          open[event.stream] = null;
          return;
        }
        const current = i === 0 ? open[event.stream] : null;
        if (current) current.text += piece;
        else {
          const line: OutputLine = { stream: event.stream, text: piece };
          output.push(line);
          if (last) open[event.stream] = line;
        }
        if (!last) open[event.stream] = null;
      });
      changed(false);
    },
    onEnded(event) {
      if (!accepts(event.runId)) return;
      status = { ...status, phase: 'ended', endStatus: event.status, endMessage: event.message };
      changed(true);
    },
    dismiss() {
      reset();
      status = idleStatus;
      changed(true);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
