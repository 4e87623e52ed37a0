// Picks the transport once: the preload's `window.gilscope` inside Electron, else the WebSocket
// client that talks to `gilscope ui` in a plain browser.
import type { GilscopeApi } from '../../../main/shared/api-contract.ts';
import { createWebSocketApi } from './websocket-api.ts';

let api: GilscopeApi | null = null;

// The one API instance for the page.
export function getApi(): GilscopeApi {
  api ??= window.gilscope ?? createWebSocketApi();
  return api;
}
