// schedstat is parsed from the bytes read (no string per thread per tick): the same numbers a string parse gives.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { parseSchedstat } from '../../main/engine/proc/parse-proc.ts';

const bytes = (text: string): [Buffer, number] => [Buffer.from(text, 'latin1'), text.length];

describe('parseSchedstat', () => {
  it('reads cpu ns, run-queue ns and timeslices', () => {
    expect(parseSchedstat(...bytes('812000000 35000000 1207\n'))).toEqual({
      cpuNs: 812000000,
      runQueueNs: 35000000,
      timeslices: 1207,
    });
    expect(parseSchedstat(...bytes('9007199254740000 0 1\n'))?.cpuNs).toBe(9007199254740000);
  });

  it('agrees with this thread’s own file', () => {
    const text = fs.readFileSync('/proc/thread-self/schedstat', 'latin1');
    const [cpu, wait, slices] = text.trim().split(' ').map(Number);
    expect(parseSchedstat(...bytes(text))).toEqual({ cpuNs: cpu, runQueueNs: wait, timeslices: slices });
  });

  it('refuses what is not three numbers', () => {
    for (const text of ['', '12 34', 'a b c', '1 2 x\n', ' 1 2 3'])
      expect(parseSchedstat(...bytes(text)), JSON.stringify(text)).toBeNull();
  });
});
