// The main window: sandboxed, context-isolated, no Node in the page, only our own origin loaded.
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-origin.ts';
import { APP_ICON_PATH, PRELOAD_PATH } from './build-paths.ts';

// Opens the window on the app's entry page; it is shown once the first frame is ready (no white flash).
export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    title: 'GILscope',
    icon: APP_ICON_PATH,
    show: false,
    backgroundColor: '#1e1f24',
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
