// The browser host's Content-Security-Policy: the app's one (main/shared-node/content-security-policy.ts,
// shared with Electron), with connect-src opened to our own WebSocket endpoint only.
import { CONTENT_SECURITY_POLICY } from '../shared-node/content-security-policy.ts';

// The policy for pages served on 127.0.0.1:PORT.
export function browserContentSecurityPolicy(port: number): string {
  return CONTENT_SECURITY_POLICY.replace(
    "connect-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
  );
}
