// A reader that keeps the last finished run's whole decoded timeline: opening a run asks for its summary,
// timeline, functions and flame graph, and each would otherwise decode every sample again (~1 s for a
// 1-hour, 16-thread, 100 Hz run). One run only (that run is ~150 MB decoded); runs still recording are
// never cached, since their timeline grows.
import type { RunReader } from '../engine/store/run-reader.ts';
import type { Timeline, TimelineRange } from '../engine/store/run-types.ts';

// Wraps `reader`; whole-run reads (no range) of finished runs come from the cache.
export function cachingReader(reader: RunReader): RunReader {
  let cached: { runId: number; createdAt: string; timeline: Timeline } | null = null;
  const readTimeline = (runId: number, range?: TimelineRange): Timeline => {
    if (range && (range.fromNs !== undefined || range.toNs !== undefined)) return reader.readTimeline(runId, range);
    const run = reader.getRun(runId);
    if (!run || run.status === 'running') return reader.readTimeline(runId);
    if (cached && cached.runId === runId && cached.createdAt === run.createdAt) return cached.timeline;
    cached = null; // let the previous one go before decoding the next
    const timeline = reader.readTimeline(runId);
    cached = { runId, createdAt: run.createdAt, timeline };
    return timeline;
  };
  return { ...reader, readTimeline };
}
