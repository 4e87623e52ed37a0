// Pushes the service's events to the app window. Only contract event channels pass, and only to a
// window showing our own page (never to a frame that navigated elsewhere).
import type { WebContents } from 'electron';
import type { GilscopeService } from '../../app-service/gilscope-service.ts';
import { isEventChannel, type ApiEvents, type EventChannel, type Unsubscribe } from '../../shared/api-contract.ts';
import { isAppUrl } from '../app-origin.ts';

// Sends one contract event to `contents` if it still shows the app.
export function sendEvent<E extends EventChannel>(
  contents: WebContents | undefined,
  event: E,
  payload: ApiEvents[E],
): void {
  if (!contents || contents.isDestroyed() || !isEventChannel(event) || !isAppUrl(contents.getURL())) return;
  contents.send(event, payload);
}

// Forwards every service event to whatever window `target` returns at the time; returns the unsubscribe.
export function forwardServiceEvents(service: GilscopeService, target: () => WebContents | undefined): Unsubscribe {
  return service.onAny((event, payload) => sendEvent(target(), event, payload));
}
