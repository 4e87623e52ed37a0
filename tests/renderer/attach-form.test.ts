// The "Attach to process…" settings and filter: a valid form becomes an attach request, a bad one one
// problem line; the filter keeps a process by PID or by words of its command line.
import { describe, expect, it } from 'vitest';
import type { RunningPythonView } from '../../main/shared/running-python.ts';
import {
  checkAttachForm,
  describePython,
  emptyAttachForm,
  filterProcesses,
} from '../../renderer/src/logic/attach-form.ts';

const process = (pid: number, commandLine: string[], extra: Partial<RunningPythonView> = {}): RunningPythonView => ({
  pid,
  pythonVersion: '3.12.1',
  freeThreaded: false,
  commandLine,
  threadCount: 1,
  uid: 1000,
  refusal: null,
  ...extra,
});

describe('checkAttachForm', () => {
  it('turns the default settings into a request for the process', () => {
    expect(checkAttachForm(emptyAttachForm, 42)).toEqual({
      kind: 'ok',
      request: { pid: 42, rateHz: 100, durationSeconds: null, children: false },
    });
    expect(checkAttachForm({ rateText: '500', durationText: '2.5', children: true }, 7)).toEqual({
      kind: 'ok',
      request: { pid: 7, rateHz: 500, durationSeconds: 2.5, children: true },
    });
  });

  it('refuses a rate out of range or fractional, and a duration that is not positive', () => {
    for (const rateText of ['0', '1001', '10.5', 'x', ''])
      expect(checkAttachForm({ ...emptyAttachForm, rateText }, 1)).toMatchObject({
        kind: 'invalid',
        problem: expect.stringMatching(/^Sampling rate must be/),
      });
    for (const durationText of ['0', '-1', 'soon'])
      expect(checkAttachForm({ ...emptyAttachForm, durationText }, 1)).toMatchObject({
        kind: 'invalid',
        problem: expect.stringMatching(/^Detach after must be/),
      });
  });
});

describe('filterProcesses', () => {
  const list = [
    process(101, ['/usr/bin/python3', 'server.py', '--port', '8080']),
    process(2202, ['python3.13t', '-m', 'worker']),
  ];

  it('keeps every process for an empty query, and matches PID and command-line words in any case', () => {
    expect(filterProcesses(list, '  ')).toHaveLength(2);
    expect(filterProcesses(list, '2202').map((p) => p.pid)).toEqual([2202]);
    expect(filterProcesses(list, 'SERVER 8080').map((p) => p.pid)).toEqual([101]);
    expect(filterProcesses(list, 'server worker')).toEqual([]);
  });
});

describe('describePython', () => {
  it('names the build, or says the version is unknown', () => {
    expect(describePython(process(1, ['p'], { pythonVersion: '3.13.5', freeThreaded: true }))).toBe(
      '3.13.5 free-threaded',
    );
    expect(describePython(process(1, ['p'], { pythonVersion: '3.12', freeThreaded: null }))).toBe('3.12');
    expect(describePython(process(1, ['p'], { pythonVersion: null, freeThreaded: null }))).toBe('unknown version');
  });
});
