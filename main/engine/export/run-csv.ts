// A run as CSV: one row per thread (CPU, lifetime, state fractions, GIL held), and the binned timeline
// in long form (one row per bin and thread, with the run's GIL figures of that bin repeated).
import type { BinnedTimeline } from '../../shared/run-views.ts';
import type { RunSummary } from '../../shared/run-summary-types.ts';
import { toCsv } from './csv-format.ts';
import { roundTo } from '../analysis/round-to.ts';
import { THREAD_STATES } from '../../shared/vocabulary.ts';

// Per-thread table: runId, tid, name, nameSource, cpuSeconds, lifetimeSeconds, one column per state, gilHeld.
export function runThreadsCsv(summary: RunSummary): string {
  const header = ['runId', 'tid', 'name', 'nameSource', 'cpuSeconds', 'lifetimeSeconds', ...THREAD_STATES, 'gilHeld'];
  const rows = summary.threads.map((thread) => [
    summary.runId,
    thread.tid,
    thread.name,
    thread.nameSource,
    thread.cpuSeconds,
    thread.lifetimeSeconds,
    ...THREAD_STATES.map((state) => thread.states[state]),
    thread.gilHeldFraction,
  ]);
  return toCsv(header, rows);
}

// Binned timeline: bin, startSeconds, endSeconds, tid, name, cpu (cores), samples, one column per state, gilHeld, gilContention.
export function runTimelineCsv(runId: number, timeline: BinnedTimeline): string {
  const header = [
    'runId',
    'bin',
    'startSeconds',
    'endSeconds',
    'tid',
    'name',
    'cpu',
    'samples',
    ...THREAD_STATES,
    'gilHeld',
    'gilContention',
  ];
  const rows = [];
  const bins = timeline.threads[0]?.cpu.length ?? timeline.gil?.held.length ?? 0;
  for (let bin = 0; bin < bins; bin++) {
    const start = (timeline.fromNs + bin * timeline.binNs) / 1e9;
    for (const thread of timeline.threads) {
      rows.push([
        runId,
        bin,
        roundTo(start),
        roundTo(start + timeline.binNs / 1e9),
        thread.tid,
        thread.name,
        roundTo(thread.cpu[bin] ?? 0, 4),
        thread.sampled[bin] ?? 0,
        ...THREAD_STATES.map((state) => roundTo(thread.states[state][bin] ?? 0, 4)),
        timeline.gil ? roundTo(timeline.gil.held[bin] ?? 0, 4) : null,
        timeline.gil ? roundTo(timeline.gil.contention[bin] ?? 0, 4) : null,
      ]);
    }
  }
  return toCsv(header, rows);
}
