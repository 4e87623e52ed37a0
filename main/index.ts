// Electron main entry: lifecycle wiring only. Everything it calls lives in main/electron/.
import { app, BrowserWindow } from 'electron';
import type { GilscopeService } from './app-service/gilscope-service.ts';
import { installAppMenu } from './electron/app-menu.ts';
import { registerAppScheme, serveAppProtocol } from './electron/app-protocol.ts';
import { createAppService } from './electron/app-service.ts';
import { RENDERER_DIR } from './electron/build-paths.ts';
import { createMainWindow } from './electron/create-main-window.ts';
import { forwardServiceEvents, sendEvent } from './electron/ipc/forward-service-events.ts';
import { registerIpcHandlers } from './electron/ipc/register-ipc-handlers.ts';
import { applySecurityPolicies, enforceSandbox } from './electron/security.ts';

// Both must happen before the ready event.
enforceSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  let service: GilscopeService | undefined;
  let closing = false;

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

  // Live runs are stopped and stored before the process exits.
  app.on('before-quit', (event) => {
    if (!service || closing) return;
    event.preventDefault();
    closing = true;
    void service.close().finally(() => app.quit());
  });

  void app.whenReady().then(() => {
    applySecurityPolicies();
    serveAppProtocol(RENDERER_DIR);
    service = createAppService();
    registerIpcHandlers(service);
    forwardServiceEvents(service, () => mainWindow?.webContents);
    installAppMenu({
      sendCommand: (command) => sendEvent(mainWindow?.webContents, 'menu:command', { command }),
      isDev: !app.isPackaged,
    });
    openMainWindow();
  });
}
