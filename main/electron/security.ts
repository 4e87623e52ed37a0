// App-wide hardening applied once, before any window exists: every web contents is denied navigation,
// new windows, <webview> and permissions, and every response carries the app CSP.
// See https://www.electronjs.org/docs/latest/tutorial/security for the checklist this follows.
import { app, session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin.ts';
import { CONTENT_SECURITY_POLICY } from '../shared-node/content-security-policy.ts';

// Forces the Chromium sandbox on every renderer, whatever a window's options say. Must run before ready.
export function enforceSandbox(): void {
  app.enableSandbox();
}

// Installs the session and web-contents policies. Call once, after app ready, before creating windows.
export function applySecurityPolicies(): void {
  const defaultSession = session.defaultSession;

  // Responses our protocol does not produce (none today) get the CSP too; ours already carry it.
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = { ...details.responseHeaders };
    for (const name of Object.keys(responseHeaders)) {
      if (name.toLowerCase() === 'content-security-policy') delete responseHeaders[name];
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });

  // The profiler needs no camera, notifications, clipboard-read, geolocation… nothing.
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
}

function lockDownContents(contents: WebContents): void {
  // A single-page app never navigates; a link or a dropped file must not replace it.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
