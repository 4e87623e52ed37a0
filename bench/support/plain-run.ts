// Runs a script without profiling, through the same launcher ProfileSession uses (same env, own process group).
import path from 'node:path';
import { launchScript } from '../../main/engine/launch/launch-script.ts';
import type { GilMode } from '../../main/shared/vocabulary.ts';

/** Wall ns from just before launch to exit, timed exactly as ProfileSession times a run. */
export async function plainRunWallNs(
  python: string,
  script: string,
  args: string[],
  gilMode: GilMode = 'default',
): Promise<number> {
  const startNs = process.hrtime.bigint();
  const launched = await launchScript({ python, script, args, cwd: path.dirname(script), gilMode }, () => {});
  if ('kind' in launched) throw new Error(launched.message);
  launched.start();
  const exit = await launched.exit;
  const wallNs = Number(process.hrtime.bigint() - startNs);
  if (exit.kind !== 'exited' || exit.exitCode !== 0) throw new Error(`unprofiled run failed: ${JSON.stringify(exit)}`);
  return wallNs;
}
