// The browser host on a real ephemeral port: the one-time bootstrap token exchanged for the session
// cookie, Host and Origin checks, static files with the cookie, and the contract over a real WebSocket
// (cookie only; round trip, invalid payload, a live profile's events, no export to a client's path).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../main/host/browser-host.ts';
import type { GilscopeService } from '../../main/app-service/gilscope-service.ts';
import type { ServerMessage } from '../../main/host/websocket-bridge.ts';
import { newService, scriptRequest } from './service-helpers.ts';

let host: BrowserHost;
let service: GilscopeService;
let dir: string;
/** The answer to the first request with the printed URL (the bootstrap exchange). */
let exchange: Awaited<ReturnType<typeof get>>;
/** `gilscope_session=…`, as the browser sends it back. */
let session: string;

/** An HTTP GET with explicit headers (fetch forbids setting Host). */
function get(
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: '127.0.0.1',
        port: host.port,
        path: pathAndQuery,
        headers: { host: `127.0.0.1:${host.port}`, ...headers },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
  });
}

/** Opens the API socket with the session cookie unless told otherwise; resolves when open, rejects with the HTTP status when refused. */
function connect(
  options: { cookie?: string | null; origin?: string; host?: string; query?: string } = {},
): Promise<WebSocket> {
  const cookie = options.cookie === undefined ? session : options.cookie;
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api${options.query ?? ''}`, {
    origin: options.origin ?? `http://127.0.0.1:${host.port}`,
    headers: { ...(options.host ? { host: options.host } : {}), ...(cookie === null ? {} : { cookie }) },
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

/** A minimal client: request → response by id, events collected. */
function client(socket: WebSocket): {
  request(channel: string, payload?: unknown): Promise<ServerMessage>;
  events: ServerMessage[];
} {
  let nextId = 1;
  const waiting = new Map<number, (message: ServerMessage) => void>();
  const events: ServerMessage[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    if (message.type === 'event') events.push(message);
    else waiting.get(message.id)?.(message);
  });
  return {
    events,
    request: (channel, payload) =>
      new Promise((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ type: 'request', id, channel, payload }));
      }),
  };
}

beforeAll(async () => {
  ({ service, dir } = newService());
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/app.js"></script>',
  );
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  host = await startBrowserHost({ service, rendererDir });
  // Refused attempts first: none of them may use up the bootstrap token.
  expect((await get(`/?token=${host.bootstrapToken}`, { host: `evil.example:${host.port}` })).status).toBe(403);
  await expect(connect({ cookie: null, query: `?token=${host.bootstrapToken}` })).rejects.toThrow(/403/);
  const printed = new URL(host.url);
  exchange = await get(`${printed.pathname}${printed.search}`);
  session = String(exchange.headers['set-cookie']).split(';')[0]!;
});
afterAll(async () => {
  await host.close();
  await service.close();
});

describe('browser host HTTP', () => {
  it('refuses requests without the cookie, with a wrong token, or for another Host', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/index.html')).status).toBe(403);
    expect((await get('/?token=wrong')).status).toBe(403);
    expect((await get('/', { cookie: 'gilscope_session=forged' })).status).toBe(403);
    expect((await get('/', { cookie: session, host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get('/', { cookie: session, host: `127.0.0.1:1` })).status).toBe(403);
  });

  it("exchanges the printed URL's token for a strict HttpOnly session cookie and redirects to the URL without it", () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.bootstrapToken}`);
    expect(exchange.status).toBe(303);
    expect(exchange.headers.location).toBe('/');
    const cookie = String(exchange.headers['set-cookie']);
    expect(cookie).toMatch(/^gilscope_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toContain(host.bootstrapToken);
    expect(exchange.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses the bootstrap token a second time; the browser with the cookie is just redirected', async () => {
    expect((await get(`/?token=${host.bootstrapToken}`)).status).toBe(403);
    const again = await get(`/?token=${host.bootstrapToken}`, { cookie: session });
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe('/');
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('serves the page and its assets with the cookie', async () => {
    const page = await get('/', { cookie: session });
    expect(page.status).toBe(200);
    expect(page.body).toContain('app.js');
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['set-cookie']).toBeUndefined();
    const asset = await get('/assets/app.js', { cookie: session });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect((await get('/assets/app.js')).status).toBe(403);
    expect((await get('/../secret.txt', { cookie: session })).status).not.toBe(200);
    expect((await get('/%2e%2e/secret.txt', { cookie: session })).status).toBe(404);
    expect((await get('/nothing.js', { cookie: session })).status).toBe(404);
  });
});

describe('browser host WebSocket', () => {
  it('refuses upgrades without the cookie (a token in the URL does not count), from another Origin, or for another Host', async () => {
    await expect(connect({ cookie: null })).rejects.toThrow(/403/);
    await expect(connect({ cookie: null, query: `?token=${host.bootstrapToken}` })).rejects.toThrow(/403/);
    await expect(connect({ cookie: 'gilscope_session=forged' })).rejects.toThrow(/403/);
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect({ origin: `http://127.0.0.1:${host.port + 1}` })).rejects.toThrow(/403/);
    await expect(connect({ host: `rebound.example:${host.port}` })).rejects.toThrow(/403/);
  });

  it("answers requests, reports invalid payloads, and pushes a live run's events", async () => {
    const socket = await connect();
    const api = client(socket);
    expect(await api.request('runs:list')).toEqual({ type: 'response', id: 1, ok: true, result: { runs: [] } });
    expect(await api.request('app:version')).toMatchObject({
      ok: true,
      result: { host: 'browser', nativeDialogs: false },
    });
    const invalid = await api.request('runs:timeline', { runId: 1, fromNs: null, toNs: null, bins: 0 });
    expect(invalid).toMatchObject({ ok: false, error: expect.stringMatching(/bins/) });
    expect(await api.request('shell:exec', {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/unknown request channel/),
    });

    const request = scriptRequest(
      dir,
      'ws.py',
      'import time\nfor i in range(5):\n    print("tick", i, flush=True)\n    sum(range(200000))\n    time.sleep(0.1)\n',
    );
    const started = await api.request('profile:start', request);
    expect(started).toMatchObject({ ok: true, result: { kind: 'started' } });
    const runId = (started as { result: { runId: number } }).result.runId;
    const deadline = Date.now() + 30_000;
    while (!api.events.some((e) => e.type === 'event' && e.event === 'profile:ended') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const kinds = new Set(api.events.map((e) => (e.type === 'event' ? e.event : '')));
    expect([...kinds].sort()).toEqual(['profile:ended', 'profile:output', 'profile:progress']);
    const ended = api.events.find((e) => e.type === 'event' && e.event === 'profile:ended');
    expect(ended).toMatchObject({ payload: { runId, status: 'completed' } });
    const output = api.events
      .flatMap((e) =>
        e.type === 'event' && e.event === 'profile:output' ? [(e.payload as { text: string }).text] : [],
      )
      .join('');
    expect(output).toContain('tick 4');

    const target = path.join(dir, 'written-by-a-client.json');
    const saved = await api.request('exports:save', { target: { kind: 'run', runId }, format: 'json', path: target });
    expect(saved).toMatchObject({
      ok: true,
      result: { kind: 'failed', message: expect.stringMatching(/does not write files/) },
    });
    expect(fs.existsSync(target)).toBe(false);
    expect(
      await api.request('exports:save', { target: { kind: 'run', runId }, format: 'json', path: null }),
    ).toMatchObject({ ok: true, result: { kind: 'download' } });
    socket.close();
  });

  it('closes the connection on a frame that is not a request', async () => {
    const socket = await connect();
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('not json');
    expect(await closed).toBe(1008);
  });
});
