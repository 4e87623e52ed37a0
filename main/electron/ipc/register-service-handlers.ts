// Every contract request answered by the app service (runs, profiles, interpreters, scripts), each with
// its zod schema from request-schemas.ts. `app:*` and `dialog:*` have Electron's own handlers.
import type { GilscopeService } from '../../app-service/gilscope-service.ts';
import { requestSchemas } from '../../app-service/request-schemas.ts';
import { requestChannels, type RequestChannel } from '../../shared/api-contract.ts';
import { handle } from './handle.ts';

/** Channels answered in Electron itself rather than by the service. */
const ELECTRON_CHANNELS: readonly RequestChannel[] = ['app:version', 'dialog:open-script', 'exports:save'];

function delegate<C extends RequestChannel>(service: GilscopeService, channel: C): void {
  handle(channel, requestSchemas[channel], (payload) => service.call(channel, payload));
}

// Registers the service's channels. Call once after app ready.
export function registerServiceHandlers(service: GilscopeService): void {
  for (const channel of requestChannels) {
    if (!ELECTRON_CHANNELS.includes(channel)) delegate(service, channel);
  }
}
