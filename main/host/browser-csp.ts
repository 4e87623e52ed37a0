// The browser host's Content-Security-Policy: the Electron one (main/electron/content-security-policy.ts
// is plain data), with connect-src opened to our own WebSocket endpoint only.
import { CONTENT_SECURITY_POLICY } from '../electron/content-security-policy.ts';

// The policy for pages served on 127.0.0.1:PORT.
export function browserContentSecurityPolicy(port: number): string {
  return CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`);
}
