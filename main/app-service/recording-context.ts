// What the live registries of one database (LiveRuns, LiveExperiments) share: where runs are stored, how
// events reach subscribers, the sampler worker, and the digest of a finished run.
import type { ApiEvents, EventChannel } from '../shared/api-contract.ts';

/** Publishes one contract event to every subscriber. */
export type EmitEvent = <E extends EventChannel>(event: E, payload: ApiEvents[E]) => void;

export interface RecordingContext {
  dbFile: string;
  emit: EmitEvent;
  samplerWorkerUrl: URL | string | undefined;
  /**
   * Builds and stores a finished run's summary and overview off this thread. Awaited before `profile:ended`
   * (a listener that reads the runs list then finds the run's figures) and between an experiment's runs.
   */
  storeDigest: (runId: number) => Promise<void>;
}
