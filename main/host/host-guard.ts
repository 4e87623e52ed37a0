// Who may talk to the browser host: requests must name our own host (127.0.0.1:PORT or localhost:PORT,
// against DNS rebinding) and carry the session cookie; the printed URL's one-time bootstrap token is
// only ever exchanged for that cookie. WebSocket upgrades must also come from a page of ours (Origin).
// Pure functions of the request headers plus one small state object, so the rules are unit-testable.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Name of the HttpOnly cookie that carries the session once the bootstrap token was exchanged. */
export const SESSION_COOKIE = 'gilscope_session';

/** Query parameter of the printed URL that carries the one-time bootstrap token. */
export const BOOTSTRAP_PARAM = 'token';

// A fresh random secret (256 bits, URL-safe).
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
export function tokenMatches(candidate: string | null | undefined, token: string | null): boolean {
  if (!candidate || !token) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

// The session cookie's value in a request; null when absent.
export function sessionCookieOf(headers: IncomingHttpHeaders): string | null {
  for (const part of (headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return null;
}

// The Set-Cookie value that makes the browser carry the session (never readable by page scripts).
export function sessionCookie(session: string): string {
  return `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`;
}

/** What the gate decided about one HTTP request. */
export type GateDecision =
  | { kind: 'allowed' }
  /** Redirect to `location` (the URL without its token), setting `cookie` when the bootstrap token was just exchanged. */
  | { kind: 'redirect'; location: string; cookie: string | null }
  | { kind: 'refused' };

// The credentials of one host launch: the bootstrap token (usable once) and the session it became.
export class HostGate {
  private bootstrap: string | null;
  private session: string | null = null;

  constructor(bootstrap: string = newToken()) {
    this.bootstrap = bootstrap;
  }

  /** True when the request carries the session cookie. */
  hasSession(headers: IncomingHttpHeaders): boolean {
    return tokenMatches(sessionCookieOf(headers), this.session);
  }

  /** An HTTP request: the session cookie passes; a URL token is exchanged once for the cookie, then refused. */
  check(url: URL, headers: IncomingHttpHeaders): GateDecision {
    const presented = url.searchParams.get(BOOTSTRAP_PARAM);
    const withSession = this.hasSession(headers);
    if (presented === null) return withSession ? { kind: 'allowed' } : { kind: 'refused' };
    const clean = new URL(url);
    clean.searchParams.delete(BOOTSTRAP_PARAM);
    const location = `${clean.pathname}${clean.search}`;
    // Reopening the printed link in the browser that already has the session just drops the stale token.
    if (withSession) return { kind: 'redirect', location, cookie: null };
    if (!tokenMatches(presented, this.bootstrap)) return { kind: 'refused' };
    this.bootstrap = null;
    this.session = newToken();
    return { kind: 'redirect', location, cookie: sessionCookie(this.session) };
  }
}
