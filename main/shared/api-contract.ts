// The one contract between the renderer and the main process: every request and event, typed once.
// Imported by main (handlers), preload (the bridge) and renderer (window.gilscope), so it must stay
// free of imports and of any Node, Electron or DOM API. Payloads are validated again in main with zod.

// Requests the renderer may make, keyed by channel name `domain:verb`.
export type ApiRequests = {
  'app:version': { request: undefined; response: { version: string } };
};

// Events main pushes to the renderer, keyed by `domain:event` → payload. None exist yet.
export type ApiEvents = Record<never, never>;

// A request channel name.
export type RequestChannel = keyof ApiRequests;

// What the renderer sends on a channel.
export type RequestOf<C extends RequestChannel> = ApiRequests[C]['request'];

// What main answers on a channel.
export type ResponseOf<C extends RequestChannel> = ApiRequests[C]['response'];

// An event channel name.
export type EventChannel = keyof ApiEvents;

// Calling it removes the listener it came from.
export type Unsubscribe = () => void;

// The event channels the preload will forward; anything else is refused. Empty until the first event.
export const eventChannels: readonly EventChannel[] = [];

// What the preload exposes as `window.gilscope`: one named function per request, plus `on` for events.
export interface GilscopeApi {
  appVersion(): Promise<ResponseOf<'app:version'>>;
  on<E extends EventChannel>(event: E, listener: (payload: ApiEvents[E]) => void): Unsubscribe;
}
