// Electron main entry: lifecycle wiring only. Everything it calls lives in main/electron/.
import { app, BrowserWindow } from 'electron';
import { registerAppScheme, serveAppProtocol } from './electron/app-protocol.ts';
import { RENDERER_DIR } from './electron/build-paths.ts';
import { createMainWindow } from './electron/create-main-window.ts';
import { registerIpcHandlers } from './electron/ipc/register-ipc-handlers.ts';
import { applySecurityPolicies, enforceSandbox } from './electron/security.ts';

// Both must happen before the ready event.
enforceSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;

  const openMainWindow = (): void => {
    mainWindow = createMainWindow();
    mainWindow.on('closed', () => {
      mainWindow = undefined;
    });
  };

  app.on('second-instance', () => {
    if (!app.isReady()) return;
    if (!mainWindow) return openMainWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // macOS: clicking the dock icon with no window open reopens one.
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });

  void app.whenReady().then(() => {
    applySecurityPolicies();
    serveAppProtocol(RENDERER_DIR);
    registerIpcHandlers();
    openMainWindow();
  });
}
