// Where the app's own pages live. The renderer is served from one privileged custom scheme and host,
// so "is this our page?" is a single comparison everywhere (IPC sender checks, navigation, CSP).

// The custom scheme the renderer is served from (registered as standard and secure).
export const APP_SCHEME = 'gilscope-app';

// The single host under that scheme; any other host is refused.
export const APP_HOST = 'app';

// The URL the main window loads.
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

// True when `url` is a page or file of ours. Compares scheme and host, not `URL.origin`, because
// WHATWG URL gives the origin "null" for schemes it does not know.
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}
