// `dialog:open-script`: the native Open dialog, parented to the window that asked. Electron-only, so the
// service's own answer ({ path: null }) is replaced here.
import { BrowserWindow, dialog } from 'electron';
import { requestSchemas } from '../../app-service/request-schemas.ts';
import { handle } from './handle.ts';

// Registers the dialog requests. Call once after app ready.
export function registerDialogHandlers(): void {
  handle('dialog:open-script', requestSchemas['dialog:open-script'], async (_payload, event) => {
    const window = BrowserWindow.fromWebContents(event.sender);
    const options: Electron.OpenDialogOptions = {
      title: 'Open Python script',
      properties: ['openFile'],
      filters: [
        { name: 'Python scripts', extensions: ['py', 'pyw'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
  });
}
