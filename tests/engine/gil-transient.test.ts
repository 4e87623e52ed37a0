// On a free-threaded build, CPython switches the GIL on for the time it takes to load any extension module,
// and off again once the module says it runs without the GIL. The ticks must show the GIL in force for that
// time (threads do queue for it), but the run must not count it as the GIL being enabled.
import { describe, expect, it } from 'vitest';
import { openRunStore } from '../../main/engine/store/open-database.ts';
import { createRunReader } from '../../main/engine/store/run-reader.ts';
import type { TickColumns } from '../../main/engine/store/run-types.ts';
import { buildExtension } from '../support/build-extension.ts';
import { profileFixture } from '../support/profile-fixture.ts';
import { freeThreadedPython } from '../support/spawn-python.ts';

const LOAD_SECONDS = 0.6;

/** A multi-phase module that declares it needs no GIL, and whose init function takes LOAD_SECONDS. */
const SLOW_FREE_THREADED_MODULE = `
#include <Python.h>
#include <unistd.h>
static PyModuleDef_Slot slots[] = { {Py_mod_gil, Py_MOD_GIL_NOT_USED}, {0, NULL} };
static struct PyModuleDef slow_module = { PyModuleDef_HEAD_INIT, "slow_ext", NULL, 0, NULL, slots };
PyMODINIT_FUNC PyInit_slow_ext(void) { usleep(${LOAD_SECONDS * 1e6}); return PyModuleDef_Init(&slow_module); }
`;

/** The longest stretch of consecutive GIL-readable ticks with the GIL enabled, in seconds. */
function longestEnabledStretch(ticks: TickColumns): number {
  let longest = 0;
  let since: number | null = null;
  for (let i = 0; i < ticks.timeNs.length; i++) {
    if (ticks.gilKnown[i] !== 1) continue;
    const seconds = ticks.timeNs[i]! / 1e9;
    if (ticks.gilEnabled[i] === 1) {
      since ??= seconds;
      longest = Math.max(longest, seconds - since);
    } else since = null;
  }
  return longest;
}

describe('free-threaded CPython: the GIL switched on for the length of an extension load', () => {
  it('shows in the ticks but not as the GIL being enabled', async () => {
    const python = freeThreadedPython();
    const extensionDir = buildExtension(python, 'slow_ext', SLOW_FREE_THREADED_MODULE);
    const { summary, stdout, stderr, dbFile } = await profileFixture(
      python,
      `
import sys
sys.path.insert(0, ${JSON.stringify(extensionDir)})
time.sleep(0.2)
import slow_ext
print("after", sys._is_gil_enabled(), flush=True)
time.sleep(0.2)
`,
      { rateHz: 200 },
    );
    expect(summary.status, stderr).toBe('completed');
    expect(summary.interpreter?.freeThreaded).toBe(true);
    expect(stdout).toContain('after False');
    const store = openRunStore(dbFile, { readonly: true });
    const { ticks } = createRunReader(store).readTimeline(summary.runId);
    store.close();
    // The GIL was in force while the module loaded: every tick inside the load read it enabled. Ticks run
    // late on a busy machine, so the stretch between the first and last of them is what is bounded below.
    expect(longestEnabledStretch(ticks)).toBeGreaterThan(LOAD_SECONDS / 2);
    // …and it was never enabled for good.
    expect(summary.gilEnabled).toBe(false);
    expect(summary.gilEnabledChanges).toEqual([]);
  });
});
