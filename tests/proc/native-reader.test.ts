// The native reader (main/engine/proc/native/read-regions.c) against a live process: it must be built on
// the test machine (npm ci runs scripts/build-native.sh), read the same bytes as a pread of /proc/PID/mem,
// fail one unmapped region without spoiling the others, and fail every region of a process that is gone.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeReaderStatus } from '../../main/engine/proc/native-reader.ts';
import { openProcessMemory, RegionBatch } from '../../main/engine/proc/process-memory.ts';
import type { MemoryReader } from '../../main/engine/proc/process-memory.ts';
import { pyenvPython } from '../support/spawn-python.ts';

const EFAULT = 14;
const ESRCH = 3;

/** The start of the first readable mapping of the process's executable (its ELF header). */
function executableStart(pid: number): number {
  const exe = fs.readlinkSync(`/proc/${pid}/exe`);
  for (const line of fs.readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')) {
    const [range, perms, , , , file] = line.trim().split(/\s+/);
    if (file === exe && perms?.startsWith('r')) return parseInt(range!.split('-')[0]!, 16);
  }
  throw new Error(`no mapping of ${exe}`);
}

describe('native memory reader', () => {
  let child: ReturnType<typeof spawn>;
  let mem: MemoryReader;
  let start: number;

  beforeAll(async () => {
    child = spawn(pyenvPython('3.12.1'), ['-c', 'import sys; print("up", flush=True); sys.stdin.read()'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    mem = openProcessMemory(child.pid!);
    start = executableStart(child.pid!);
  });
  afterAll(() => {
    mem?.close();
    child?.kill('SIGKILL');
  });

  it('is built on this machine and offered by openProcessMemory', () => {
    expect(nativeReaderStatus()).toMatchObject({ available: true });
    expect(typeof mem.readRegions).toBe('function');
    const plain = openProcessMemory(child.pid!, { native: false });
    expect(plain.readRegions).toBeUndefined();
    plain.close();
  });

  it('reads several regions in one call, byte for byte what pread reads', () => {
    const batch = new RegionBatch(4096);
    const regions: Array<[number, number]> = [
      [start, 4],
      [start + 4, 60],
      [start + 1000, 24],
      [start + 8, 8],
    ];
    for (const [address, length] of regions) batch.add(address, length);
    expect(mem.readRegions!(batch)).toBe(regions.length);
    regions.forEach(([address, length], i) => {
      expect(batch.ok(i)).toBe(true);
      const at = batch.offsetOf(i);
      expect(at % 8).toBe(0);
      expect(batch.arena.subarray(at, at + length)).toEqual(mem.read(address, length));
    });
    expect(batch.arena.subarray(batch.offsetOf(0), batch.offsetOf(0) + 4).toString('latin1')).toBe('\x7fELF');
  });

  it('fails an unmapped region alone and reads the regions after it', () => {
    const batch = new RegionBatch(4096);
    batch.add(start, 16);
    batch.add(0x1000, 8); // never mapped
    batch.add(start + 16, 16);
    expect(mem.readRegions!(batch)).toBe(2);
    expect([batch.ok(0), batch.ok(1), batch.ok(2)]).toEqual([true, false, true]);
    expect(batch.status[1]).toBe(EFAULT);
    expect(batch.arena.subarray(batch.offsetOf(2), batch.offsetOf(2) + 16)).toEqual(mem.read(start + 16, 16));
  });

  it('refuses regions that do not fit its arena', () => {
    const batch = new RegionBatch(64);
    expect(batch.add(start, 48)).toBe(0);
    expect(batch.add(start, 24)).toBe(-1);
  });

  it('fails every region once the process is gone', async () => {
    const gone = spawn(pyenvPython('3.12.1'), ['-c', 'import sys; sys.stdin.read()'], { stdio: 'pipe' });
    const reader = openProcessMemory(gone.pid!);
    const exited = new Promise((resolve) => gone.once('exit', resolve));
    gone.kill('SIGKILL');
    await exited; // reaped: the PID no longer names a process
    const batch = new RegionBatch(256);
    batch.add(start, 8);
    batch.add(start + 8, 8);
    expect(reader.readRegions!(batch)).toBe(0);
    expect([batch.status[0], batch.status[1]]).toEqual([ESRCH, ESRCH]);
    reader.close();
  });
});
