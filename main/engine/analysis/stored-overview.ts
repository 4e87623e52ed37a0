// A run's stored overview (a BinnedTimeline kept as JSON when the run ended, see run-digest.ts), parsed
// rather than cast: one written by another version (say, before a thread state was added) fails the
// parse and the timeline is binned from the samples instead.
import { z } from 'zod';
import type { BinnedTimeline } from '../../shared/run-views.ts';
import { THREAD_STATES } from '../../shared/vocabulary.ts';
import type { RunReader } from '../store/run-reader.ts';

const shares = z.array(z.number());

const binnedTimelineSchema = z.object({
  fromNs: z.number(),
  toNs: z.number(),
  binNs: z.number().positive(),
  threads: z.array(
    z.object({
      tid: z.number().int(),
      name: z.string(),
      cpu: shares,
      sampled: shares,
      states: z.record(z.enum(THREAD_STATES), shares),
    }),
  ),
  gil: z.object({ held: shares, contention: shares, known: shares }).nullable(),
}) satisfies z.ZodType<BinnedTimeline>;

/** Run `runId`'s stored overview, or null when there is none or it does not have today's shape. */
export function readStoredOverview(reader: RunReader, runId: number): BinnedTimeline | null {
  const parsed = binnedTimelineSchema.safeParse(reader.readStoredOverview(runId));
  return parsed.success ? parsed.data : null;
}
