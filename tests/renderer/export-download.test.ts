import { describe, expect, it } from 'vitest';
import { exportBaseName } from '../../main/shared/export-formats.ts';
import { base64ToBytes, downloadFileName } from '../../renderer/src/logic/export-download.ts';

describe('export download naming', () => {
  const run = { kind: 'run', runId: 12 } as const;
  it('names by target when the backend suggests nothing', () => {
    expect(exportBaseName(run)).toBe('gilscope-run-12');
    expect(exportBaseName({ kind: 'compare', runIds: [3, 4] })).toBe('gilscope-compare-3-4');
    expect(downloadFileName(null, { kind: 'experiment', experimentId: 7 }, 'csv')).toBe('gilscope-experiment-7.csv');
    expect(downloadFileName('', run, 'html')).toBe('gilscope-run-12.html');
  });
  it('keeps a good suggestion and fixes the extension', () => {
    expect(downloadFileName('report.html', run, 'html')).toBe('report.html');
    expect(downloadFileName('report', run, 'pdf')).toBe('report.pdf');
    expect(downloadFileName('run-12.json', run, 'speedscope')).toBe('run-12.speedscope.json');
    expect(downloadFileName('REPORT.CSV', run, 'csv')).toBe('REPORT.CSV');
  });
  it('strips folders, dots and reserved characters', () => {
    expect(downloadFileName('../../etc/passwd', run, 'json')).toBe('passwd.json');
    expect(downloadFileName('C:\\x\\a<b>.html', run, 'html')).toBe('a_b_.html');
    expect(downloadFileName('.hidden.csv', run, 'csv')).toBe('hidden.csv');
    expect(downloadFileName('???', run, 'csv')).toBe('gilscope-run-12.csv');
  });
  it('decodes base64', () => {
    expect([...base64ToBytes('aGk=')]).toEqual([104, 105]);
    expect([...base64ToBytes('aG\nk=')]).toEqual([104, 105]);
    expect(() => base64ToBytes('%%%')).toThrow();
  });
});
