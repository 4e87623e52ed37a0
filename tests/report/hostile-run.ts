// A real profiled run whose thread names, script path, arguments and output are hostile HTML, for
// the report tests: three CPU-bound threads contend for the GIL, one sleeps.
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir, profileScriptFile, TRUTH_PRELUDE, type ProfiledFixture } from '../support/profile-fixture.ts';
import { pyenvPython } from '../support/spawn-python.ts';

/** Thread names that would run script or break markup if any of them were not escaped. */
export const HOSTILE_NAMES = [
  '<img src=x onerror=alert(1)>',
  `"quoted" & 'apostrophe'`,
  '</script><script>alert(2)</script>',
] as const;

/** Printed by the script, so it lands in the stored output. */
export const HOSTILE_OUTPUT = '<script>alert(3)</script> & <iframe src=javascript:alert(4)>';

/** An argument passed to the script. */
export const HOSTILE_ARG = '--title=<svg onload=alert(5)>';

const SOURCE = `
NAMES = ${JSON.stringify(HOSTILE_NAMES)}
def spin(seconds):
    end = time.thread_time() + seconds
    n = 0
    while time.thread_time() < end:
        n += 1
    return n
def worker():
    spin(0.6)
    report()
def sleeper():
    time.sleep(0.8)
    report()
threads = [threading.Thread(target=worker, name=name) for name in NAMES]
threads.append(threading.Thread(target=sleeper, name="sleeper"))
for t in threads: t.start()
for t in threads: t.join()
print(${JSON.stringify(HOSTILE_OUTPUT)}, flush=True)
print_truth()
`;

/** Profiles the hostile workload from a folder whose path has spaces and "<b>". */
export async function profileHostileRun(): Promise<ProfiledFixture> {
  const dir = path.join(makeTempDir('report'), 'my <b>bold</b> dir'.replace('/', '∕'), 'and spaces');
  fs.mkdirSync(dir, { recursive: true });
  const script = path.join(dir, 'work <b> load.py');
  fs.writeFileSync(script, TRUTH_PRELUDE + SOURCE);
  return profileScriptFile(pyenvPython('3.12.1'), script, path.join(dir, 'runs.sqlite'), {
    rateHz: 200,
    args: [HOSTILE_ARG],
  });
}
