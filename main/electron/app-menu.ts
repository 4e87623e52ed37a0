// The native menu. Items that drive the UI (open, profile, stop) send the contract's `menu:command`
// event to the window, so the renderer runs the same code as its own buttons and shortcuts.
import { app, Menu, nativeTheme, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/api-contract.ts';

/** What the menu needs from the app: a way to reach the window, and whether this is a dev build. */
export interface AppMenuOptions {
  sendCommand(command: MenuCommand): void;
  isDev: boolean;
}

// Builds and installs the application menu.
export function installAppMenu(options: AppMenuOptions): void {
  const command = (label: string, accelerator: string, name: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => options.sendCommand(name),
  });
  app.setAboutPanelOptions({
    applicationName: 'GILscope',
    applicationVersion: app.getVersion(),
    copyright: 'Is the GIL what holds your Python threads back?',
  });
  const template: MenuItemConstructorOptions[] = [
    {
      label: '&File',
      submenu: [
        command('&Open Script…', 'CmdOrCtrl+O', 'open-script'),
        command('&Profile', 'CmdOrCtrl+Enter', 'profile'),
        command('&Stop', 'CmdOrCtrl+.', 'stop'),
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(options.isDev
          ? ([
              { role: 'reload' },
              { role: 'toggleDevTools' },
              { type: 'separator' },
            ] satisfies MenuItemConstructorOptions[])
          : []),
        {
          label: 'Toggle &Dark Mode',
          click: () => {
            nativeTheme.themeSource = nativeTheme.shouldUseDarkColors ? 'light' : 'dark';
          },
        },
        { label: 'Follow System Theme', click: () => (nativeTheme.themeSource = 'system') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
    { label: '&Help', submenu: [{ role: 'about', label: 'About GILscope' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
