// `exports:save` in Electron: the native Save dialog always asks where (parented to the window that
// asked), and the service renders and writes the file there. A path sent by the page is ignored: the
// renderer must never choose where main writes. Cancelling the dialog answers "cancelled". PDF is
// printed by Electron itself from the HTML report (print-to-pdf.ts), not by an external Chromium.
import { BrowserWindow, dialog } from 'electron';
import type { GilscopeService } from '../../app-service/gilscope-service.ts';
import { requestSchemas } from '../../app-service/request-schemas.ts';
import { exportFileName } from '../../shared/export-formats.ts';
import fs from 'node:fs';
import { printHtmlToPdf } from '../print-to-pdf.ts';
import { handle } from './handle.ts';

// Registers `exports:save`. Call once after app ready.
export function registerExportHandlers(service: GilscopeService): void {
  handle('exports:save', requestSchemas['exports:save'], async (payload, event) => {
    const fileName = exportFileName(payload.target, payload.format);
    const extension = fileName.slice(fileName.lastIndexOf('.') + 1);
    const options: Electron.SaveDialogOptions = {
      title: 'Export',
      defaultPath: payload.path ?? fileName,
      filters: [{ name: payload.format.toUpperCase(), extensions: [extension] }],
    };
    const window = BrowserWindow.fromWebContents(event.sender);
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return { kind: 'cancelled' };
    if (payload.format !== 'pdf') return service.call('exports:save', { ...payload, path: result.filePath });
    const report = await service.reportHtml(payload.target);
    if (report.kind === 'failed') return report;
    try {
      const pdf = await printHtmlToPdf(report.html);
      await fs.promises.writeFile(result.filePath, pdf);
    } catch (error) {
      return {
        kind: 'failed',
        message: `cannot write ${result.filePath}: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    return { kind: 'saved', path: result.filePath };
  });
}
