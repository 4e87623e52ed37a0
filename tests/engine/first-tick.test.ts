// Sampling starts with the script: the launch is held until the sampler has the PID, so a script that fails
// within a tenth of a second is still sampled (it once got 0 ticks: the sampler began ~100 ms after launch).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileSession } from '../../main/engine/profile/profile-session.ts';
import { describeLoad, watchMachineLoad } from '../support/machine-load.ts';
import { makeTempDir } from '../support/profile-fixture.ts';
import { pyenvPython } from '../support/spawn-python.ts';
import { writeScript } from '../cli/run-cli.ts';

/** Issue 11's bound: the first tick within 20 ms of the launch (which includes the exec). */
const FIRST_TICK_BOUND_NS = 20e6;
/** Above this many cores of other work, the sampler thread may wait for a CPU longer than the bound. */
const QUIET_OTHER_CORES = 0.25;

describe('the first tick', () => {
  it('samples a script that fails 60 ms into its run, from its first milliseconds', async () => {
    const dir = makeTempDir('first-tick');
    const script = writeScript(
      dir,
      'fail_fast.py',
      'import time\nend = time.perf_counter() + 0.06\nwhile time.perf_counter() < end:\n    pass\nraise SystemExit(3)\n',
    );
    const tickTimes: number[] = [];
    const load = watchMachineLoad();
    const session = new ProfileSession(
      {
        python: pyenvPython('3.12.1'),
        script,
        args: [],
        cwd: dir,
        gilMode: 'default',
        rateHz: 1000,
        stacks: true,
        dbFile: path.join(dir, 'runs.sqlite'),
      },
      { onBatch: (batch) => tickTimes.push(...batch.ticks.map((tick) => tick.timeNs)) },
    );
    const outcome = await session.done;
    const machine = load.end(0.1);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ kind: 'recorded', status: 'failed' });
    // Load cannot take this away: the script lived ≥ 60 ms after a held launch, so it was sampled.
    expect(tickTimes.length).toBeGreaterThan(0);
    const evidence = `first tick at ${(tickTimes[0]! / 1e6).toFixed(1)} ms, ${tickTimes.length} ticks; ${describeLoad(machine)}`;
    if (machine.otherCores < QUIET_OTHER_CORES) expect(tickTimes[0]!, evidence).toBeLessThan(FIRST_TICK_BOUND_NS);
    else console.warn(`first-tick bound not applied on a busy machine: ${evidence}`);
  });
});
