// Who may talk to the browser host: requests must name our own host (127.0.0.1:PORT or localhost:PORT,
// against DNS rebinding), carry the per-launch token (query or cookie), and WebSocket upgrades must come
// from a page of ours (Origin). Pure functions of the request headers, so the rules are unit-testable.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Name of the cookie that carries the token after the first tokened request. */
export const TOKEN_COOKIE = 'gilscope_token';

// A fresh random token for one launch (256 bits, URL-safe).
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

// The Host header values we answer to.
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

// True when the Host header names us exactly (a rebinding attacker's page sends its own domain).
export function isAllowedHost(headers: IncomingHttpHeaders, port: number): boolean {
  return allowedHosts(port).includes((headers.host ?? '').toLowerCase());
}

// True when Origin is one of our own pages; a missing Origin is refused (browsers always send it on upgrades).
export function isAllowedOrigin(headers: IncomingHttpHeaders, port: number): boolean {
  const origin = headers.origin;
  return origin !== undefined && allowedHosts(port).some((host) => origin === `http://${host}`);
}

// Constant-time token comparison.
export function tokenMatches(candidate: string | null | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

// The token a request carries: `?token=` in the URL, else the cookie; null when neither.
export function requestToken(url: URL, headers: IncomingHttpHeaders): string | null {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  for (const part of (headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return value.join('=');
  }
  return null;
}

// The Set-Cookie value that lets the page's assets load without the token in their URLs.
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
