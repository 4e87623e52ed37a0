// Children are found from /proc/PID/task/TID/children (a few reads a tick), or, where the kernel lacks
// those files, by scanning /proc: both ways find the same processes of a real Python tree.
import { afterAll, describe, expect, it } from 'vitest';
import { ProcessTreeSampler } from '../../main/engine/sampler/process-tree-sampler.ts';
import { killPythonFixtures, pyenvPython, startPythonFixture } from '../support/spawn-python.ts';

// Every process ends once its parent is gone, so a killed fixture leaves nothing behind.
const FORKING_PARENT = `
import json, os, time
def live_while_parent_does():
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(0.05)
    os._exit(0)
kids = []
for _ in range(2):
    pid = os.fork()
    if pid == 0:
        if os.fork() == 0:  # a grandchild too: found through its parent once that is followed
            live_while_parent_does()
        live_while_parent_does()
    kids.append(pid)
print(json.dumps(kids), flush=True)
time.sleep(30)
`;

afterAll(killPythonFixtures);

/** Samples until `count` processes are followed (or 3 s pass); returns the followed PIDs. */
function followedAfterSampling(sampler: ProcessTreeSampler, count: number): number[] {
  const deadline = Date.now() + 3000;
  let timeNs = 0;
  let pids: number[] = [];
  while (Date.now() < deadline) {
    sampler.sample(timeNs);
    pids = sampler.takeProcessUpdates().map((process) => process.pid);
    if (pids.length >= count) break;
    timeNs += 25e6; // past the discovery interval
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
  }
  return pids;
}

describe('finding the children of followed processes', () => {
  it.each([
    ['children files', false],
    ['a /proc scan', true],
  ])('through %s: both children and both grandchildren', async (_way, scanForChildren) => {
    const fixture = await startPythonFixture<number[]>(pyenvPython('3.12.1'), FORKING_PARENT);
    const sampler = new ProcessTreeSampler(fixture.pid, { stacks: false, scanForChildren });
    try {
      const seen = new Set<number>();
      const deadline = Date.now() + 5000;
      while (seen.size < 5 && Date.now() < deadline) for (const pid of followedAfterSampling(sampler, 5)) seen.add(pid);
      expect(seen.has(fixture.pid)).toBe(true);
      for (const kid of fixture.output) expect(seen.has(kid), `followed: ${[...seen].join(' ')}`).toBe(true);
      expect(seen.size, `followed: ${[...seen].join(' ')}`).toBe(5);
    } finally {
      sampler.close();
      fixture.child.kill('SIGKILL');
    }
  });
});
