import type { SamplerStats } from '../sampler/thread-sampler.ts';

/** Share of thread samples read from `stat` alone above which the run's states are flagged as coarse. */
const FALLBACK_SHARE = 0.5;

/**
 * A warning when /proc/PID/task/TID/syscall was unreadable for most samples (no ptrace permission,
 * e.g. a non-dumpable target): states then come from the `stat` letter, which cannot tell a GIL wait
 * from a lock wait or idle sleep. Null when the states were measured normally.
 */
export function stateFallbackWarning(stats: SamplerStats | null): string | null {
  if (stats === null || stats.threadSamples === 0 || stats.statFallbacks <= stats.threadSamples * FALLBACK_SHARE) return null;
  return `sampling degraded: /proc/PID/task/TID/syscall was unreadable for ${stats.statFallbacks} of ${stats.threadSamples} thread samples (no ptrace permission); states come from /proc stat only, so GIL and lock waits show as idle`;
}
