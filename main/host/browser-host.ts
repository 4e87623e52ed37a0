// `gilscope ui`: serves the built renderer and the contract over WebSocket on 127.0.0.1 only. Every
// request needs the Host to be ours and the session cookie, which the printed URL's one-time bootstrap
// token is exchanged for (then redirected to the URL without it); WebSocket upgrades also need an Origin
// of ours. Anything else gets 403, unknown paths 404. See README.md.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { GilscopeService } from '../app-service/gilscope-service.ts';
import { mimeTypeOf } from '../shared-node/mime-types.ts';
import { browserContentSecurityPolicy } from './browser-csp.ts';
import { BOOTSTRAP_PARAM, HostGate, isAllowedHost, isAllowedOrigin, newToken } from './host-guard.ts';
import { resolveStaticFile } from './static-files.ts';
import { bridgeSocket } from './websocket-bridge.ts';

/** Where the WebSocket API lives. */
export const API_PATH = '/api';
/** Largest WebSocket message accepted (requests are small). */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** What to serve: the service, the built renderer folder, and a port (0 = any free one). */
export interface BrowserHostOptions {
  service: GilscopeService;
  rendererDir: string;
  port?: number;
  /** Fixed bootstrap token (tests); default a fresh random one. */
  bootstrapToken?: string;
}

/** A running host. */
export interface BrowserHost {
  port: number;
  /** The one-time token in `url`: the first request with it gets the session cookie, later ones 403. */
  bootstrapToken: string;
  /** The URL to open once: http://127.0.0.1:PORT/?token=… */
  url: string;
  close(): Promise<void>;
}

// Starts listening on 127.0.0.1; resolves once the port is bound.
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const bootstrapToken = options.bootstrapToken ?? newToken();
  const gate = new HostGate(bootstrapToken);
  let port = 0;
  const headers = (contentType: string): Record<string, string> => ({
    'content-type': contentType,
    'content-security-policy': browserContentSecurityPolicy(port),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // The bootstrap token is in the first URL: never send it anywhere as a Referer.
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });
  const refuse = (response: http.ServerResponse, status: number, text: string): void => {
    response.writeHead(status, headers('text/plain; charset=utf-8')).end(`${text}\n`);
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!isAllowedHost(request.headers, port)) return refuse(response, 403, 'Forbidden: unexpected Host');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed');
    const decision = gate.check(url, request.headers);
    if (decision.kind === 'refused') {
      return refuse(
        response,
        403,
        'Forbidden: open the URL gilscope ui printed, once (its token is exchanged for a cookie on first use; restart gilscope ui for a new one)',
      );
    }
    if (decision.kind === 'redirect') {
      // Leave the token out of the address bar and history; the cookie carries the session from here on.
      const extra: Record<string, string> = decision.cookie === null ? {} : { 'set-cookie': decision.cookie };
      response.writeHead(303, { ...headers('text/plain; charset=utf-8'), location: decision.location, ...extra }).end();
      return;
    }
    const resolution = resolveStaticFile(url.pathname, options.rendererDir);
    if (resolution.kind === 'refused') return refuse(response, 404, 'Not found');
    readFile(resolution.path).then(
      (body) => {
        response.writeHead(200, headers(mimeTypeOf(resolution.path)));
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => refuse(response, 404, 'Not found'),
    );
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const allowed =
      url.pathname === API_PATH &&
      isAllowedHost(request.headers, port) &&
      isAllowedOrigin(request.headers, port) &&
      gate.hasSession(request.headers);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => bridgeSocket(ws, options.service));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    bootstrapToken,
    url: `http://127.0.0.1:${port}/?${BOOTSTRAP_PARAM}=${bootstrapToken}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
