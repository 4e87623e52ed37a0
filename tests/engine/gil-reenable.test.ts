// On a free-threaded build, importing an extension that does not declare Py_mod_gil re-enables the
// GIL at run time: the run must start with the GIL disabled and record when it came back on.
import { describe, expect, it } from 'vitest';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import { buildExtension } from '../support/build-extension.ts';
import { profileFixture } from '../support/profile-fixture.ts';
import { freeThreadedPython } from '../support/spawn-python.ts';

/** A single-phase-init module: no Py_mod_gil slot, so CPython assumes it needs the GIL. */
const EXTENSION_SOURCE = `
#include <Python.h>
static struct PyModuleDef legacy_module = { PyModuleDef_HEAD_INIT, "legacy_ext", NULL, -1, NULL };
PyMODINIT_FUNC PyInit_legacy_ext(void) { return PyModule_Create(&legacy_module); }
`;

describe('free-threaded CPython: GIL re-enabled by an extension import', () => {
  it('records gilEnabled false at start and the switch to enabled at the import', async () => {
    const python = freeThreadedPython();
    const extensionDir = buildExtension(python, 'legacy_ext', EXTENSION_SOURCE);
    // The run's clock starts just before the launch; the hook runs right after it (same CLOCK_MONOTONIC
    // as Python's time.monotonic_ns), so the script's start-up, slow on a loaded machine, is not counted.
    let launchedNs: bigint | null = null;
    const profileCalledNs = process.hrtime.bigint();
    const { summary, stdout, stderr, dbFile } = await profileFixture(
      python,
      `
import sys
sys.path.insert(0, ${JSON.stringify(extensionDir)})
print("before", sys._is_gil_enabled(), flush=True)
time.sleep(0.4)
print("importing at", time.monotonic_ns(), flush=True)
import legacy_ext
print("imported at", time.monotonic_ns(), flush=True)
print("after", sys._is_gil_enabled(), flush=True)
time.sleep(0.4)
`,
      { rateHz: 200, onStarted: () => (launchedNs ??= process.hrtime.bigint()) },
    );
    expect(summary.status, stderr).toBe('completed');
    expect(summary.interpreter?.freeThreaded).toBe(true);
    expect(summary.gilEnabled).toBe(false);
    expect(stderr).toMatch(/\(GIL\) has been enabled to load module 'legacy_ext'/);
    const importingNs = /importing at (\d+)/.exec(stdout)?.[1];
    if (importingNs === undefined || launchedNs === null)
      throw new Error(`no import time or no launch; stdout: ${stdout}`);
    // On the run's clock the import happened at least this late (the run started at or before the hook).
    const importSeconds = Number(BigInt(importingNs) - launchedNs) / 1e9;
    // Sampling starts with the interpreter, whose start-up switches the GIL on for a moment while it loads
    // each extension module: those moments are not switches (gil-transient.test.ts), so the one switch is
    // the import's, for good.
    const changes = summary.gilEnabledChanges;
    expect(changes, JSON.stringify(changes)).toHaveLength(1);
    const enabling = changes.filter((change) => change.enabled && change.timeSeconds >= importSeconds - 0.001);
    expect(enabling, JSON.stringify(changes)).toHaveLength(1);
    // It slept 0.4 s first; the hook itself may run late on a busy machine, by at most the time since the call.
    const hookLag = Number(launchedNs - profileCalledNs) / 1e9;
    expect(importSeconds).toBeGreaterThan(0.35 - hookLag);
    const afterImport = (enabling[0]?.timeSeconds ?? 0) - importSeconds;
    const why = `switch recorded at ${enabling[0]?.timeSeconds} s, import at ${importSeconds} s after the launch`;
    expect(afterImport, why).toBeGreaterThanOrEqual(-0.001);
    // …and at the first tick once the import was done: on a busy machine the import and the ticks both
    // run late, so the bound is that tick, read from the run itself, not a fixed delay.
    const importedSeconds = Number(BigInt(/imported at (\d+)/.exec(stdout)![1]!) - launchedNs) / 1e9;
    const store = openRunStore(dbFile, { readonly: true });
    const tickTimes = Array.from(createRunReader(store).readTimeline(summary.runId).ticks.timeNs, (ns) => ns / 1e9);
    store.close();
    // The run's clock starts between the profile call and the hook: a moment is later on it than on the
    // hook's clock, by at most the time from that call to the hook.
    const clockGap = Number(launchedNs - profileCalledNs) / 1e9;
    const firstTickAfter = tickTimes.find((time) => time >= importedSeconds + clockGap) ?? Infinity;
    expect(enabling[0]!.timeSeconds, `${why}, import done at ${importedSeconds} s`).toBeLessThanOrEqual(
      firstTickAfter + 0.001,
    );
  });
});
