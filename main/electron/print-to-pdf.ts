// PDF reports in the desktop app come from Electron's own printToPDF: the self-contained HTML report
// is loaded into a hidden, sandboxed window with JavaScript off (the report needs none) and printed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow } from 'electron';

// Prints `html` to PDF bytes (A4, backgrounds on, as the report's print styles expect).
export async function printHtmlToPdf(html: string): Promise<Buffer> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'gilscope-pdf-'));
  const file = path.join(dir, 'report.html');
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    await fs.promises.writeFile(file, html);
    await window.loadFile(file);
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    window.destroy();
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
