// The bridge: exposes `window.gilscope`, one named function per contract request, and never
// ipcRenderer itself nor a generic invoke (a compromised page could otherwise call any channel).
// Runs sandboxed: it may import only `electron` and our own import-free contract.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  eventChannels,
  type ApiEvents,
  type EventChannel,
  type GilscopeApi,
  type RequestChannel,
  type RequestOf,
  type ResponseOf,
  type Unsubscribe,
} from '../main/shared/api-contract.ts';

// Typed invoke, private to this file: the channel and payload types come from the contract.
function invoke<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
  return ipcRenderer.invoke(channel, payload) as Promise<ResponseOf<C>>;
}

// Subscribes to one contract event; the page's listener never sees the IpcRendererEvent (which
// would hand it `sender`, i.e. ipcRenderer).
function on<E extends EventChannel>(event: E, listener: (payload: ApiEvents[E]) => void): Unsubscribe {
  if (!eventChannels.includes(event)) throw new Error(`gilscope.on: unknown event ${JSON.stringify(event)}`);
  const forward = (_event: IpcRendererEvent, payload: ApiEvents[E]): void => listener(payload);
  ipcRenderer.on(event, forward);
  return () => {
    ipcRenderer.removeListener(event, forward);
  };
}

const api: GilscopeApi = {
  appVersion: () => invoke('app:version', undefined),
  on,
};

contextBridge.exposeInMainWorld('gilscope', api);
