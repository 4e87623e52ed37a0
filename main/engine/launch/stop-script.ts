import type { LaunchedScript } from './launch-script.ts';

/** Grace periods of the stop sequence, in milliseconds. */
export interface StopGrace {
  afterInterruptMs: number;
  afterTerminateMs: number;
}

export const DEFAULT_STOP_GRACE: StopGrace = { afterInterruptMs: 2000, afterTerminateMs: 2000 };

/**
 * Stops a script the way a terminal user would: SIGINT (KeyboardInterrupt, so `finally` blocks run),
 * then SIGTERM, then SIGKILL, each to the whole process group, waiting a grace period between steps.
 * Returns the signal that finally ended it.
 */
export async function stopScript(
  script: LaunchedScript,
  grace: StopGrace = DEFAULT_STOP_GRACE,
): Promise<NodeJS.Signals> {
  let ended = false;
  void script.exit.then(() => {
    ended = true;
  });
  const steps: Array<[NodeJS.Signals, number]> = [
    ['SIGINT', grace.afterInterruptMs],
    ['SIGTERM', grace.afterTerminateMs],
  ];
  for (const [signal, waitMs] of steps) {
    script.signalGroup(signal);
    await exitOrTimeout(script, waitMs);
    if (ended) return signal;
  }
  script.signalGroup('SIGKILL');
  await script.exit;
  return 'SIGKILL';
}

/** Waits for the script to end or `ms` to pass; clears the timer so it does not keep the process alive. */
async function exitOrTimeout(script: LaunchedScript, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([script.exit, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
