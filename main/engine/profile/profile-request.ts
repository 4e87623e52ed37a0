import type { LaunchRequest } from '../launch/launch-script.ts';

/** Everything a user chooses when they hit Profile: how to launch (`python` is probed first), and how to sample. */
export interface ProfileRequest extends LaunchRequest {
  rateHz: number;
  /** Read Python stacks at every tick (default true); off leaves only CPU, states and the GIL. */
  stacks?: boolean;
  /** Stop the script (as with Stop) after this long; undefined = run until it ends. */
  durationSeconds?: number;
  dbFile: string;
  /** Attach to this running process instead of launching `script` (python, script, args and cwd are then read from it). */
  attachPid?: number;
  /** Follow descendants too (default: yes for a launched script, no when attaching). */
  children?: boolean;
}

/** Sampling rates GILscope accepts; 1 kHz is sustained, more is allowed but may fall behind. */
export const MIN_RATE_HZ = 1;
export const MAX_RATE_HZ = 5000;
export const DEFAULT_RATE_HZ = 100;

/** Why a rate is not acceptable, or null. */
export function rateRefusal(rateHz: number): string | null {
  if (!Number.isFinite(rateHz) || rateHz < MIN_RATE_HZ || rateHz > MAX_RATE_HZ) {
    return `sampling rate must be between ${MIN_RATE_HZ} and ${MAX_RATE_HZ} Hz, got ${rateHz}`;
  }
  return null;
}
