// Finding a browser to print PDFs with, and the one-line errors when there is none.
import { afterEach, describe, expect, it } from 'vitest';
import { findChromium } from '../../main/engine/report/find-chromium.ts';
import { PdfReportError, writePdfReport } from '../../main/engine/report/pdf-report.ts';

const saved = process.env.GILSCOPE_CHROMIUM;
afterEach(() => {
  if (saved === undefined) delete process.env.GILSCOPE_CHROMIUM;
  else process.env.GILSCOPE_CHROMIUM = saved;
});

describe('findChromium', () => {
  it('finds Debian’s chromium here', () => {
    expect(findChromium({ PATH: '' })).toBe('/usr/bin/chromium');
  });

  it('honours GILSCOPE_CHROMIUM', () => {
    expect(findChromium({ GILSCOPE_CHROMIUM: '/usr/bin/chromium' })).toBe('/usr/bin/chromium');
    expect(() => findChromium({ GILSCOPE_CHROMIUM: '/nonexistent/chrome' })).toThrow(
      'GILSCOPE_CHROMIUM is set to /nonexistent/chrome, which is not an executable file',
    );
  });

  it('returns null when nothing is installed where it looks', () => {
    expect(findChromium({ PATH: '/nonexistent' }, [])).toBeNull();
  });
});

describe('writePdfReport errors', () => {
  it('says in one line that GILSCOPE_CHROMIUM is unusable', async () => {
    process.env.GILSCOPE_CHROMIUM = '/nonexistent/chrome';
    const error = await writePdfReport('<p>x</p>', '/tmp/never.pdf').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PdfReportError);
    expect((error as Error).message).toMatch(/^Cannot write a PDF: GILSCOPE_CHROMIUM is set to \/nonexistent\/chrome/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('says in one line when the browser fails to print', async () => {
    const error = await writePdfReport('<p>x</p>', '/tmp/never.pdf', { chromium: '/bin/false' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PdfReportError);
    expect((error as Error).message).toMatch(/^Cannot write a PDF: \/bin\/false exited with 1 without printing/);
    expect((error as Error).message).not.toContain('\n');
  });
});
