import { expect, it } from 'vitest';
import { PROBE_MARKER, parseProbeOutput } from '../../main/engine/interpreters/probe-script.ts';

const line = (fields: object) =>
  `noise\n${PROBE_MARKER}${JSON.stringify({ v: [3, 14, 0], level: 'final', serial: 0, impl: 'cpython', ft: true, gil: false, exeHex: '2f612f62ff', ...fields })}\n`;

it('reads the marker line, naming pre-releases the way CPython does', () => {
  expect(parseProbeOutput(line({ level: 'candidate', serial: 1 }))).toEqual({
    version: '3.14.0rc1',
    versionTuple: [3, 14, 0],
    implementation: 'cpython',
    freeThreaded: true,
    gilEnabledByDefault: false,
    executable: '/a/b\uFFFD',
  });
  expect(parseProbeOutput(line({ level: 'final' }))?.version).toBe('3.14.0');
});

it('rejects output without the marker or with a malformed payload', () => {
  expect(parseProbeOutput('{"v":[3,12,1]}\n')).toBeNull();
  expect(parseProbeOutput(`${PROBE_MARKER}{not json\n`)).toBeNull();
  expect(parseProbeOutput(line({ v: [3, 12] }))).toBeNull();
});
