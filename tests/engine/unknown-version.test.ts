// A CPython whose `_Py_DebugOffsets` claims a version GILscope does not know, run for real: a copy of
// Debian's python3.15 (sid chroot, scripts/build-sid-chroot.sh) whose table says 3.16. With the 3.15 table
// otherwise intact it is read unchanged (forward compatible). With a table that no longer fits the newest
// known shape, no futex wait may be called a lock wait: they are unclassified, and the verdict cannot tell.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldPositions, TABLE_SHAPES } from '../../main/engine/python/debug-offsets-tables.ts';
import { profileWorkload, threadOf } from '../support/profile-fixture.ts';
import { sidPython } from '../support/spawn-python.ts';

const VERSION_3_16 = 0x031000a0;

/**
 * Copies the chroot's python3.15 to /opt/gilscope-tests/NAME inside the chroot with its table's version set
 * to 3.16 (and `patch` applied to the table), and returns a launcher for it in a temp dir.
 */
function fabricatedPython(name: string, patch: (table: Buffer) => void): string {
  const bin = path.dirname(sidPython('3.15'));
  const root = path.join(path.dirname(bin), 'sid');
  const binary = fs.readFileSync(path.join(root, 'usr/bin/python3.15'));
  // The table is initialised data: the cookie followed by PY_VERSION_HEX of 3.15.2.
  const cookie = Buffer.concat([Buffer.from('xdebugpy', 'latin1'), Buffer.from([0xf0, 0x02, 0x0f, 0x03])]);
  const at = binary.indexOf(cookie);
  expect(at, 'the debug-offsets table in python3.15').toBeGreaterThan(0);
  const table = binary.subarray(at);
  table.writeUInt32LE(VERSION_3_16, 8);
  patch(table);
  const inside = `/opt/gilscope-tests/${name}`;
  fs.mkdirSync(path.join(root, path.dirname(inside)), { recursive: true });
  fs.writeFileSync(path.join(root, inside), binary, { mode: 0o755 });
  const launcher = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gilscope-fabricated-')), name);
  fs.writeFileSync(launcher, `#!/bin/sh\nexec '${bin}/sid-exec' '${inside}' "$@"\n`, { mode: 0o755 });
  return launcher;
}

describe('a CPython whose debug offsets say 3.16 (fabricated from Debian python3.15)', () => {
  it('with the 3.15 table shape: read unchanged, GIL located, the busy threads wait for the GIL, not on locks', async () => {
    const python = fabricatedPython('python3.16-same-table', () => undefined);
    const run = await profileWorkload(python, 'cpu_threads.py', ['4', '1.5']);
    expect(run.summary.status).toBe('completed');
    expect(run.summary.gil).not.toBeNull();
    expect(run.summary.warnings.join('\n')).not.toMatch(/debug offsets/);
    // The run names both the launcher and the interpreter it ran (under the chroot, as seen from here).
    expect(run.summary.interpreter?.path).toBe(python);
    expect(run.summary.interpreter?.executable).toMatch(/\/sid\/opt\/gilscope-tests\/python3\.16-same-table$/);
    expect(run.truth.size).toBe(4);
    for (const [tid, truth] of run.truth) {
      const thread = threadOf(run.summary, tid);
      expect(thread.name).toBe(truth.name);
      expect(thread.states.gilWait, truth.name).toBeGreaterThan(0.1);
      expect(thread.states.lockWait, truth.name).toBeLessThan(0.01);
      expect(thread.states.unclassifiedWait, truth.name).toBeLessThan(0.01);
    }
  });

  it('with a table that moved its fields: no lock wait, unclassified waits, a verdict that cannot tell and names 3.16', async () => {
    const python = fabricatedPython('python3.16-moved-table', (table) => {
      // As if a field were inserted before thread_state: its `size` now reads as an offset (0 here).
      table.writeBigUInt64LE(0n, fieldPositions(TABLE_SHAPES.get(15)!).get('thread_state.size')!);
    });
    const run = await profileWorkload(python, 'cpu_threads.py', ['4', '1.5']);
    expect(run.summary.status).toBe('completed');
    expect(run.summary.gil).toBeNull();
    for (const thread of run.summary.threads) expect(thread.states.lockWait, thread.name).toBe(0);
    const waited = run.summary.threads.reduce((sum, thread) => sum + thread.states.unclassifiedWait, 0);
    expect(waited).toBeGreaterThan(0.3);
    const { verdict } = run.summary;
    expect(verdict.kind).toBe('unknown');
    expect(verdict.headline).toMatch(/cannot tell whether the GIL holds this run back/);
    expect(verdict.details).toHaveLength(1);
    expect(verdict.details[0]).toMatch(/CPython 3\.16 \(0x31000a0\) do not fit the newest known layout \(3\.15\)/);
  });
});
