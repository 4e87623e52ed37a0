// Checks the frame/code offsets of PythonLayout (the stack unwinder's input) by walking real stacks:
// a worker blocked in `gilscope_marker()` and the main thread at module level must show those names.
import { afterEach, describe, expect, it } from 'vitest';
import type { Address } from '../../main/engine/model.ts';
import { openProcessMemory, readPointer } from '../../main/engine/proc/process-memory.ts';
import type { MemoryReader } from '../../main/engine/proc/process-memory.ts';
import { listThreadStates } from '../../main/engine/python/python-process.ts';
import type { PythonLayout } from '../../main/engine/python/python-process.ts';
import { inspectOk, killPythonFixtures, startPythonFixture } from '../support/spawn-python.ts';
import { LOCAL_TARGETS } from '../support/python-targets.ts';

const FIXTURE = String.raw`
import json, sys, threading, time
stop = threading.Event()
tids = []
def gilscope_marker():
    tids.append(threading.get_native_id())
    stop.wait()
threading.Thread(target=gilscope_marker, daemon=True).start()
while not tids:
    time.sleep(0.01)
print(json.dumps({"worker": tids[0], "main": threading.get_native_id(), "file": __file__}), flush=True)
sys.stdin.read()
`;

/** Reads a compact ASCII str (test-only: offsets from docs/unwinder.md §3). */
function readAscii(mem: MemoryReader, layout: PythonLayout, str: Address): string {
  const dataOffset = layout.freeThreaded ? 56 : layout.minor <= 11 ? 48 : 40;
  const lengthOffset = layout.freeThreaded ? 32 : 16;
  const length = readPointer(mem.read(str + lengthOffset, 8), 0);
  if (length > 4096) return '?';
  return mem.read(str + dataOffset, length).toString('latin1');
}

/** Function names and file names, innermost first, of one thread (at most 64 frames). */
function walkFrames(mem: MemoryReader, layout: PythonLayout, tstate: Address): Array<{ name: string; file: string }> {
  const access = layout.tstate.frame;
  let frame =
    access.kind === 'direct'
      ? readPointer(mem.read(tstate + access.offset, 8), 0)
      : readPointer(mem.read(readPointer(mem.read(tstate + access.cframe, 8), 0) + access.currentFrame, 8), 0);
  const result: Array<{ name: string; file: string }> = [];
  while (frame !== 0 && result.length < 64) {
    const owner = layout.frame.owner === null ? 0 : mem.read(frame + layout.frame.owner, 1).readUInt8(0);
    const code = readPointer(mem.read(frame + layout.frame.code, 8), 0);
    if (owner < 3 && code !== 0) {
      result.push({
        name: readAscii(mem, layout, readPointer(mem.read(code + layout.code.name, 8), 0)),
        file: readAscii(mem, layout, readPointer(mem.read(code + layout.code.filename, 8), 0)),
      });
    }
    frame = readPointer(mem.read(frame + layout.frame.previous, 8), 0);
  }
  return result;
}

// The layout does not change with the GIL mode: one free-threaded run is enough.
const TARGETS = LOCAL_TARGETS.filter((target) => target.env.PYTHON_GIL !== '1');

afterEach(() => killPythonFixtures());

describe.each(TARGETS)('CPython $label layout', (target) => {
  it('walks frames to the marker function and the module', async () => {
    const fixture = await startPythonFixture<{ worker: number; main: number; file: string }>(target.python(), FIXTURE);
    const mem = openProcessMemory(fixture.pid);
    try {
      const info = await inspectOk(fixture.pid, mem);
      const layout = info.layout;
      if (!layout) throw new Error('no layout');
      const states = listThreadStates(mem, info);
      const worker = states.find((s) => s.tid === fixture.output.worker);
      const main = states.find((s) => s.tid === fixture.output.main);
      if (!worker || !main) throw new Error('thread states not found');

      // The worker announced its tid one line before stop.wait(): on a loaded machine it can still be on
      // its way there (or waiting for the GIL), so wait until its innermost frame is Event.wait's.
      const workerNames = (): string[] => walkFrames(mem, layout, worker.address).map((f) => f.name);
      await expect.poll(() => workerNames()[0], { timeout: 10_000 }).toBe('wait');
      expect(workerNames()).toContain('gilscope_marker');
      expect(walkFrames(mem, layout, main.address)).toEqual([{ name: '<module>', file: fixture.output.file }]);

      if (layout.tstate.datastackChunk !== null) {
        expect(readPointer(mem.read(worker.address + layout.tstate.datastackChunk, 8), 0)).toBeGreaterThan(0);
      }
    } finally {
      mem.close();
    }
  });
});
