// `gilscope dump` against CPython 3.15's own out-of-process reader (`python3.15 -m profiling.sampling dump
// -a PID`) on the same Debian 3.15 process in the sid chroot: every thread's stack must agree frame for frame
// (function, file, line). The threads block at fixed places, so two snapshots taken one after the other match.
// CPython's reader must see the target's paths, so it runs in the target's mount namespace and root (nsenter).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessDump } from '../../main/engine/stacks/dump-process.ts';
import { killPythonFixtures, sidPython, startPythonFixture } from '../support/spawn-python.ts';

const GILSCOPE = path.resolve(import.meta.dirname, '../../bin/gilscope');

/** Threads parked in a recursion, a method, a generator and a non-ASCII function; the main thread in join(). */
const PARKED = String.raw`
import json, threading
release = threading.Event()
started = threading.Barrier(5)
def recurse(n):
    if n == 0:
        started.wait()
        release.wait()
        return
    recurse(n - 1)
class Worker:
    def method(self):
        started.wait()
        release.wait()
def producer():
    started.wait()
    release.wait()
    yield 1
def consume():
    for _ in producer():
        pass
def función_λ():
    started.wait()
    release.wait()
threads = [
    threading.Thread(target=recurse, args=(40,), name="deep"),
    threading.Thread(target=Worker().method, name="method"),
    threading.Thread(target=consume, name="gen"),
    threading.Thread(target=función_λ, name="ünï"),
]
for t in threads: t.start()
started.wait()
print(json.dumps({"tids": {t.name: t.native_id for t in threads}}), flush=True)
for t in threads: t.join()
`;

interface Frame {
  function: string;
  file: string;
  line: number | null;
}

/** Parses profiling.sampling's dump: per thread id, frames innermost first ("most recent call last" reversed). */
function parseCPythonDump(text: string): Map<number, Frame[]> {
  const threads = new Map<number, Frame[]>();
  let current: Frame[] | null = null;
  for (const line of text.split('\n')) {
    const header = /^Stack dump\b.*\bthread (\d+)/.exec(line);
    if (header) {
      current = [];
      threads.set(Number(header[1]), current);
      continue;
    }
    const frame = /^\s+File "(.*)", line (\d+), in (.*)$/.exec(line);
    if (frame && current) current.unshift({ function: frame[3]!, file: frame[1]!, line: Number(frame[2]) });
  }
  return threads;
}

afterEach(() => killPythonFixtures());

describe('gilscope dump agrees with python3.15 -m profiling.sampling dump', () => {
  it('frame for frame on every thread of a Debian 3.15 process', async () => {
    const fixture = await startPythonFixture<{ tids: Record<string, number> }>(sidPython('3.15'), PARKED);
    const pid = String(fixture.pid);
    const theirs = spawnSync(
      'nsenter',
      ['-t', pid, '-m', '-r', '-w', '/usr/bin/python3.15', '-m', 'profiling.sampling', 'dump', '-a', pid],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(theirs.status, theirs.stderr).toBe(0);
    const ours = spawnSync(GILSCOPE, ['dump', pid, '--json'], { encoding: 'utf8', timeout: 60_000 });
    expect(ours.status, ours.stderr).toBe(0);
    const reference = parseCPythonDump(theirs.stdout);
    const dump = JSON.parse(ours.stdout) as ProcessDump;
    expect([...reference.keys()].sort()).toEqual(dump.threads.map((thread) => thread.tid).sort());
    for (const thread of dump.threads) {
      expect(thread.stack.kind, thread.name).toBe('ok');
      const frames = thread.stack.kind === 'ok' ? thread.stack.frames : [];
      expect(frames, `thread ${thread.name} (${thread.tid})`).toEqual(reference.get(thread.tid));
    }
    // The fixture's own threads are there with the stacks it parked them in.
    const deep = dump.threads.find((thread) => thread.tid === fixture.output.tids.deep)!;
    expect(deep.stack.kind === 'ok' && deep.stack.frames.filter((f) => f.function === 'recurse')).toHaveLength(41);
  });
});
