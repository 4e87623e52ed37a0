// The bridge: exposes `window.gilscope` with the contract's `request` and `on`, and never
// ipcRenderer itself: only the contract's channels pass (a compromised page cannot reach others),
// and main validates every payload again.
// Runs sandboxed: it may import only `electron` and our own import-free contract.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
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
} from '../main/shared/api-contract.ts';

// Typed invoke of a contract channel; anything outside the contract is refused here already.
function request<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
  if (!isRequestChannel(channel))
    return Promise.reject(new Error(`gilscope.request: unknown channel ${JSON.stringify(channel)}`));
  return ipcRenderer.invoke(channel, payload) as Promise<ResponseOf<C>>;
}

// Subscribes to one contract event; the page's listener never sees the IpcRendererEvent (which
// would hand it `sender`, i.e. ipcRenderer).
function on<E extends EventChannel>(event: E, listener: (payload: ApiEvents[E]) => void): Unsubscribe {
  if (!isEventChannel(event)) throw new Error(`gilscope.on: unknown event ${JSON.stringify(event)}`);
  const forward = (_event: IpcRendererEvent, payload: ApiEvents[E]): void => listener(payload);
  ipcRenderer.on(event, forward);
  return () => {
    ipcRenderer.removeListener(event, forward);
  };
}

// The path of a file dropped on the page (for drag-and-drop of a script); null for anything else.
function pathForFile(file: unknown): string | null {
  return file instanceof File ? webUtils.getPathForFile(file) || null : null;
}

const api: GilscopeApi = { request, on, pathForFile };

contextBridge.exposeInMainWorld('gilscope', api);
