// The browser host on a real ephemeral port: token, Host and Origin checks, static files with the
// cookie, and the contract over a real WebSocket (round trip, invalid payload, a live profile's events).
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

/** An HTTP GET with explicit headers (fetch forbids setting Host). */
function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: host.port, path: pathAndQuery, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
  });
}

/** Opens the API socket; resolves when open, rejects with the HTTP status when refused. */
function connect(options: { token?: string; origin?: string; host?: string } = {}): Promise<WebSocket> {
  const token = options.token ?? host.token;
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${token}`, {
    origin: options.origin ?? `http://127.0.0.1:${host.port}`,
    headers: options.host ? { host: options.host } : {},
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

/** A minimal client: request → response by id, events collected. */
function client(socket: WebSocket): { request(channel: string, payload?: unknown): Promise<ServerMessage>; events: ServerMessage[] } {
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
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  host = await startBrowserHost({ service, rendererDir });
});
afterAll(async () => {
  await host.close();
  await service.close();
});

describe('browser host HTTP', () => {
  it('refuses requests without the token, with a wrong token, or for another Host', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/?token=wrong')).status).toBe(403);
    expect((await get(`/?token=${host.token}`, { host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get(`/?token=${host.token}`, { host: `127.0.0.1:1` })).status).toBe(403);
  });

  it('serves the page with the token, sets a strict HttpOnly cookie, and serves assets with the cookie', async () => {
    const page = await get(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('app.js');
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const asset = await get('/assets/app.js', { cookie: cookie.split(';')[0]! });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect((await get('/assets/app.js')).status).toBe(403);
    expect((await get(`/../secret.txt?token=${host.token}`)).status).not.toBe(200);
    expect((await get(`/%2e%2e/secret.txt?token=${host.token}`)).status).toBe(404);
    expect((await get(`/nothing.js?token=${host.token}`)).status).toBe(404);
  });
});

describe('browser host WebSocket', () => {
  it('refuses upgrades without the token, from another Origin, or for another Host', async () => {
    await expect(connect({ token: 'wrong' })).rejects.toThrow(/403/);
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect({ origin: `http://127.0.0.1:${host.port + 1}` })).rejects.toThrow(/403/);
    await expect(connect({ host: `rebound.example:${host.port}` })).rejects.toThrow(/403/);
  });

  it('answers requests, reports invalid payloads, and pushes a live run\'s events', async () => {
    const socket = await connect();
    const api = client(socket);
    expect(await api.request('runs:list')).toEqual({ type: 'response', id: 1, ok: true, result: { runs: [] } });
    expect(await api.request('app:version')).toMatchObject({ ok: true, result: { host: 'browser', nativeDialogs: false } });
    const invalid = await api.request('runs:timeline', { runId: 1, fromNs: null, toNs: null, bins: 0 });
    expect(invalid).toMatchObject({ ok: false, error: expect.stringMatching(/bins/) });
    expect(await api.request('shell:exec', {})).toMatchObject({ ok: false, error: expect.stringMatching(/unknown request channel/) });

    const request = scriptRequest(dir, 'ws.py', 'import time\nfor i in range(5):\n    print("tick", i, flush=True)\n    sum(range(200000))\n    time.sleep(0.1)\n');
    const started = await api.request('profile:start', request);
    expect(started).toMatchObject({ ok: true, result: { kind: 'started' } });
    const runId = (started as { result: { runId: number } }).result.runId;
    const deadline = Date.now() + 30_000;
    while (!api.events.some((e) => e.type === 'event' && e.event === 'profile:ended') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const kinds = new Set(api.events.map((e) => (e.type === 'event' ? e.event : '')));
    expect([...kinds].sort()).toEqual(['profile:ended', 'profile:output', 'profile:progress']);
    const ended = api.events.find((e) => e.type === 'event' && e.event === 'profile:ended');
    expect(ended).toMatchObject({ payload: { runId, status: 'completed' } });
    const output = api.events.flatMap((e) => (e.type === 'event' && e.event === 'profile:output' ? [(e.payload as { text: string }).text] : [])).join('');
    expect(output).toContain('tick 4');
    socket.close();
  });

  it('closes the connection on a frame that is not a request', async () => {
    const socket = await connect();
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('not json');
    expect(await closed).toBe(1008);
  });
});
