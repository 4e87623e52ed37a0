// The one Content-Security-Policy of the app: only our own scripts, no eval, no remote anything.
// Sent as a header by Electron's app protocol and session hook and (with the WebSocket origin added, see
// main/host/browser-csp.ts) by the browser host; renderer/index.html repeats it in a meta tag.
// 'unsafe-inline' for styles only: React style props and chart libraries set inline styles.

// The policy, directive by directive, joined for the header.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
