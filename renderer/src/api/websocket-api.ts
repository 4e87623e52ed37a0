// GilscopeApi over the browser host's WebSocket (`gilscope ui`), for when the page is not inside
// Electron (no `window.gilscope`). Wire protocol, JSON text frames on ws://HOST/api:
//   client → server  {"type":"request","id":N,"channel":"runs:list","payload":…}   (payload omitted when undefined)
//   server → client  {"type":"response","id":N,"ok":true,"result":…}
//                    {"type":"response","id":N,"ok":false,"error":"runs:timeline: invalid payload: bins: …"}
//                    {"type":"event","event":"profile:progress","payload":…}   (every contract event, to every connection)
// No token here: the browser sends the host's HttpOnly session cookie with the same-origin upgrade (the
// printed URL's one-time token was exchanged for it when the page loaded). A non-request frame makes the
// server close with 1008. This client reconnects once after an unexpected close; requests pending when
// a connection closes are rejected (the server may or may not have acted on them).
import {
  isEventChannel,
  isRequestChannel,
  type ApiEvents,
  type EventChannel,
  type GilscopeApi,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
  type Unsubscribe,
} from '../../../main/shared/api-contract.ts';

type ServerMessage =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: string }
  | { type: 'event'; event: string; payload: unknown };

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

/** The API endpoint of the page's own host (authenticated by the session cookie the browser sends). */
export function websocketUrl(location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api`;
}

// Creates the API; the socket opens on the first request or subscription.
export function createWebSocketApi(url: string = websocketUrl()): GilscopeApi {
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let reconnectsLeft = 1;

  const failPending = (reason: string): void => {
    for (const entry of pending.values()) entry.reject(new Error(reason));
    pending.clear();
  };

  const onMessage = (event: MessageEvent<string>): void => {
    let message: ServerMessage;
    try {
      message = JSON.parse(event.data) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'event') {
      if (!isEventChannel(message.event)) return;
      for (const listener of listeners.get(message.event as EventChannel) ?? []) listener(message.payload as never);
      return;
    }
    const entry = pending.get(message.id);
    if (!entry) return;
    pending.delete(message.id);
    if (message.ok) entry.resolve(message.result);
    else entry.reject(new Error(message.error));
  };

  const open = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      let isOpen = false;
      ws.addEventListener('open', () => {
        isOpen = true;
        socket = ws;
        resolve(ws);
      });
      ws.addEventListener('message', onMessage);
      ws.addEventListener('close', (event) => {
        socket = null;
        opened = null;
        failPending(`connection to GILscope closed (${event.code}${event.reason ? `: ${event.reason}` : ''})`);
        if (!isOpen)
          return reject(
            new Error(
              'cannot connect to GILscope (is `gilscope ui` still running? a restarted one prints a new URL to open)',
            ),
          );
        // Reconnect once (events resume); later requests reconnect lazily if that fails too.
        if (reconnectsLeft > 0 && event.code !== 1000) {
          reconnectsLeft--;
          open().catch(() => undefined);
        }
      });
    });
    return opened;
  };

  return {
    async request<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
      if (!isRequestChannel(channel)) throw new Error(`gilscope.request: unknown channel ${JSON.stringify(channel)}`);
      const ws = socket ?? (await open());
      const id = nextId++;
      return new Promise<ResponseOf<C>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        ws.send(JSON.stringify({ type: 'request', id, channel, payload }));
      });
    },
    on<E extends EventChannel>(event: E, listener: (payload: ApiEvents[E]) => void): Unsubscribe {
      if (!isEventChannel(event)) throw new Error(`gilscope.on: unknown event ${JSON.stringify(event)}`);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      open().catch(() => undefined); // events flow only over an open socket
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
  };
}
